import { ApiError, apiErrorResponse, unauthorized, webApiError } from '../errors.ts';
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
  return withToken(state, (req, caller) =>
    caller.user ? handler(req, caller as Caller) : unauthorized('Valid user authentication required'),
  );
}

/** Who is calling a catalogue route: any valid token; `user` is absent for a client-credentials token. */
export type TokenCaller = Omit<Caller, 'user'> & { user: UserRecord | undefined };

export type TokenHandler = (req: SimRequest, caller: TokenCaller) => SimResponse | Promise<SimResponse>;

/**
 * Wraps a handler that accepts any valid token (catalogue routes such as /search and /tracks/{id}).
 * An `ApiError` thrown by the handler becomes its Spotify error answer.
 */
export function withToken(state: SimState, handler: TokenHandler): Handler {
  return async (req) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    const token = match?.[1] === undefined ? undefined : state.tokens.findAccessToken(match[1]);
    if (!token) return unauthorized('Invalid access token');
    if (state.tokens.accessTokenExpired(token)) return unauthorized('The access token expired');
    const user = token.userId === undefined ? undefined : state.users.get(token.userId);
    const app = state.apps.get(token.clientId);
    if (!app || (token.userId !== undefined && !user)) return unauthorized('Invalid access token');
    if (user && !state.isAllowListed(app, user.id)) {
      return webApiError(
        403,
        'Check settings on developer.spotify.com/dashboard, the user may not be registered.',
      );
    }
    try {
      return await handler(req, { token, user, app });
    } catch (error) {
      if (error instanceof ApiError) return apiErrorResponse(error);
      throw error;
    }
  };
}

/** Throws 403 "Insufficient client scope" unless the token carries every scope. */
export function needScopes(caller: TokenCaller, ...scopes: string[]): void {
  if (!scopes.every((scope) => caller.token.scopes.includes(scope)))
    throw new ApiError(403, 'Insufficient client scope');
}
