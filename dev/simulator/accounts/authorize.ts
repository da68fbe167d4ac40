import { randomBytes } from 'node:crypto';
import { formOf, redirect, type SimRequest, type SimResponse } from '../http.ts';
import { consentPage, errorPage } from '../html.ts';
import { CHALLENGE_PATTERN } from '../pkce.ts';
import { checkRedirectUri, withParams } from '../redirect-uri.ts';
import type { Route } from '../router.ts';
import { KNOWN_SCOPES, parseScopes } from '../scopes.ts';
import type { PendingAuthorization, SimState } from '../state.ts';

/** GET /authorize and the consent form's POST /authorize/decision. */
export function authorizeRoutes(state: SimState): Route[] {
  return [
    { method: 'GET', pattern: '/authorize', handler: (req) => authorize(state, req) },
    { method: 'POST', pattern: '/authorize/decision', handler: (req) => decide(state, req) },
  ];
}

function authorize(state: SimState, req: SimRequest): SimResponse {
  const q = req.query;
  const app = state.apps.get(q.get('client_id') ?? '');
  if (!app) return errorPage(400, 'INVALID_CLIENT: Invalid client');
  const redirectUri = q.get('redirect_uri');
  const verdict = checkRedirectUri(redirectUri, app.redirectUris);
  if (verdict === 'insecure') return errorPage(400, 'INVALID_CLIENT: Insecure redirect URI');
  if (verdict === 'invalid' || redirectUri === null)
    return errorPage(400, 'INVALID_CLIENT: Invalid redirect URI');

  // From here on the redirect URI is trusted, so errors go back to the app (RFC 6749 §4.1.2.1).
  const stateParam = q.get('state') ?? undefined;
  const fail = (error: string, description: string): SimResponse =>
    redirect(withParams(redirectUri, { error, error_description: description, state: stateParam }));
  const responseType = q.get('response_type');
  if (responseType === null) return fail('invalid_request', 'response_type must be code');
  if (responseType !== 'code') return fail('unsupported_response_type', 'response_type must be code');
  const scopes = parseScopes(q.get('scope'));
  const unknown = scopes.filter((scope) => !KNOWN_SCOPES.has(scope));
  if (unknown.length > 0) return fail('invalid_scope', `Invalid scope: ${unknown.join(' ')}`);
  const method = q.get('code_challenge_method');
  const challenge = q.get('code_challenge');
  if (method !== null && method !== 'S256')
    return fail('invalid_request', 'code_challenge_method must be S256');
  if (method === null && challenge !== null)
    return fail('invalid_request', 'code_challenge_method is required');
  if (method !== null && challenge === null) return fail('invalid_request', 'code_challenge is required');
  if (challenge !== null && !CHALLENGE_PATTERN.test(challenge)) {
    return fail('invalid_request', 'code_challenge must be 43 characters of base64url');
  }

  const user = state.consentUserId === undefined ? undefined : state.users.get(state.consentUserId);
  if (!user) return errorPage(400, 'No Spotify user is logged in to the simulator (see setConsentUser).');
  if (!state.isAllowListed(app, user.id)) {
    return errorPage(
      403,
      `${user.displayName} is not registered for this app. Check settings on developer.spotify.com/dashboard: ` +
        "the app's owner must add this Spotify account under User Management.",
    );
  }

  const pending: PendingAuthorization = {
    id: randomBytes(18).toString('base64url'),
    clientId: app.clientId,
    userId: user.id,
    redirectUri,
    scopes,
    state: stateParam,
    codeChallenge: challenge ?? undefined,
  };
  // Spotify skips the dialog for scopes the user already granted this app, unless show_dialog=true.
  if (q.get('show_dialog') !== 'true' && state.hasConsented(user.id, app.clientId, scopes)) {
    return approve(state, pending);
  }
  state.pending.set(pending.id, pending);
  return consentPage({ appName: app.name, userName: user.displayName, scopes, requestId: pending.id });
}

function decide(state: SimState, req: SimRequest): SimResponse {
  const form = formOf(req);
  const pending = state.pending.get(form.get('request') ?? '');
  const decision = form.get('decision');
  if (!pending) return errorPage(400, 'This authorization request is unknown or was already answered.');
  if (decision !== 'agree' && decision !== 'cancel') return errorPage(400, 'Choose Agree or Cancel.');
  state.pending.delete(pending.id);
  if (decision === 'cancel') {
    return redirect(withParams(pending.redirectUri, { error: 'access_denied', state: pending.state }));
  }
  state.recordConsent(pending.userId, pending.clientId, pending.scopes);
  return approve(state, pending);
}

function approve(state: SimState, pending: PendingAuthorization): SimResponse {
  const code = state.tokens.issueCode({
    clientId: pending.clientId,
    userId: pending.userId,
    redirectUri: pending.redirectUri,
    scopes: pending.scopes,
    codeChallenge: pending.codeChallenge,
  });
  return redirect(withParams(pending.redirectUri, { code, state: pending.state }));
}
