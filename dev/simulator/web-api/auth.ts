import { unauthorized, webApiError } from '../errors.ts';
import type { SimRequest, SimResponse } from '../http.ts';
import type { Handler } from '../router.ts';
import type { AppRecord, SimState, UserRecord } from '../state.ts';
import type { AccessTokenRecord } from '../tokens.ts';

/** Who is calling a /me route: a valid, unexpired user token and its app. */
export interface Caller {
  token: AccessTokenRecord;
  user: UserRecord;
  app: AppRecord;
}

export type UserHandler = (req: SimRequest, caller: Caller) => SimResponse | Promise<SimResponse>;

/**
 * Wraps a handler that needs a user token. Missing or unknown token → 401 "Invalid access token";
 * expired → 401 "The access token expired"; a client-credentials token → 401 "Valid user authentication
 * required" (what api.spotify.com answers on /me routes); a user no longer allow-listed for a
 * development-mode app → 403 with Spotify's dashboard hint.
 */
export function withUser(state: SimState, handler: UserHandler): Handler {
  return (req) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    const token = match?.[1] === undefined ? undefined : state.tokens.findAccessToken(match[1]);
    if (!token) return unauthorized('Invalid access token');
    if (state.tokens.accessTokenExpired(token)) return unauthorized('The access token expired');
    if (token.userId === undefined) return unauthorized('Valid user authentication required');
    const user = state.users.get(token.userId);
    const app = state.apps.get(token.clientId);
    if (!user || !app) return unauthorized('Invalid access token');
    if (!state.isAllowListed(app, user.id)) {
      return webApiError(
        403,
        'Check settings on developer.spotify.com/dashboard, the user may not be registered.',
      );
    }
    return handler(req, { token, user, app });
  };
}

/** 403 "Insufficient client scope" unless the token carries every scope, else `undefined`. */
export function requireScopes(caller: Caller, ...scopes: string[]): SimResponse | undefined {
  return scopes.every((scope) => caller.token.scopes.includes(scope))
    ? undefined
    : webApiError(403, 'Insufficient client scope');
}
