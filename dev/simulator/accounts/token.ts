import { oauthError } from '../errors.ts';
import { formOf, json, type SimRequest, type SimResponse } from '../http.ts';
import { verifierMatches } from '../pkce.ts';
import type { Route } from '../router.ts';
import type { SimState } from '../state.ts';
import { ACCESS_TOKEN_TTL_S, type Grant } from '../tokens.ts';
import { authenticateClient, isResponse, type AuthenticatedClient } from './client-auth.ts';

/** POST /api/token: authorization_code (PKCE or secret), refresh_token, client_credentials. */
export function tokenRoutes(state: SimState): Route[] {
  return [{ method: 'POST', pattern: '/api/token', handler: (req) => token(state, req) }];
}

const GRANT_TYPES = ['authorization_code', 'refresh_token', 'client_credentials'];

function token(state: SimState, req: SimRequest): SimResponse {
  const form = formOf(req);
  const grantType = form.get('grant_type');
  if (grantType === null) return oauthError(400, 'unsupported_grant_type', 'grant_type parameter is missing');
  if (!GRANT_TYPES.includes(grantType)) {
    return oauthError(
      400,
      'unsupported_grant_type',
      'grant_type must be client_credentials, authorization_code or refresh_token',
    );
  }
  const client = authenticateClient(state, req, form);
  if (isResponse(client)) return client;
  if (grantType === 'authorization_code') return exchangeCode(state, client, form);
  if (grantType === 'refresh_token') return refresh(state, client, form);
  return clientCredentials(state, client);
}

function exchangeCode(state: SimState, client: AuthenticatedClient, form: URLSearchParams): SimResponse {
  const code = form.get('code');
  const redirectUri = form.get('redirect_uri');
  if (code === null) return oauthError(400, 'invalid_request', 'code must be supplied');
  if (redirectUri === null) return oauthError(400, 'invalid_request', 'redirect_uri must be supplied');
  const record = state.tokens.findCode(code);
  if (!record || record.used || record.clientId !== client.app.clientId || state.tokens.codeExpired(record)) {
    return oauthError(400, 'invalid_grant', 'Invalid authorization code');
  }
  const verifier = form.get('code_verifier');
  if (record.codeChallenge !== undefined && verifier === null) {
    return oauthError(400, 'invalid_request', 'code_verifier must be supplied');
  }
  if (record.codeChallenge === undefined && !client.confidential) {
    return oauthError(400, 'invalid_client', 'Invalid client secret');
  }
  // Single use: any further attempt with this code fails, whatever happens next.
  record.used = true;
  if (record.redirectUri !== redirectUri) return oauthError(400, 'invalid_grant', 'Invalid redirect URI');
  if (record.codeChallenge !== undefined && !verifierMatches(verifier ?? '', record.codeChallenge)) {
    return oauthError(400, 'invalid_grant', 'code_verifier was incorrect');
  }
  const grant: Grant = {
    clientId: record.clientId,
    userId: record.userId,
    scopes: record.scopes,
    consentAt: record.issuedAt,
    publicClient: !client.confidential,
  };
  return tokenAnswer(state, grant, state.tokens.issueRefreshToken(grant));
}

function refresh(state: SimState, client: AuthenticatedClient, form: URLSearchParams): SimResponse {
  const value = form.get('refresh_token');
  if (value === null) return oauthError(400, 'invalid_request', 'refresh_token must be supplied');
  const record = state.tokens.findRefreshToken(value);
  if (!record || record.grant.clientId !== client.app.clientId) {
    return oauthError(400, 'invalid_grant', 'Invalid refresh token');
  }
  if (!record.grant.publicClient && !client.confidential) {
    return oauthError(400, 'invalid_client', 'Invalid client secret');
  }
  if (record.status === 'revoked') return oauthError(400, 'invalid_grant', 'Refresh token revoked');
  if (record.status === 'rotated' || state.tokens.refreshTokenExpired(record.grant)) {
    return oauthError(400, 'invalid_grant', 'Invalid refresh token');
  }
  const next = state.rotation === 'rotate' ? state.tokens.rotate(record) : undefined;
  return tokenAnswer(state, record.grant, next);
}

function clientCredentials(state: SimState, client: AuthenticatedClient): SimResponse {
  if (!client.confidential) return oauthError(400, 'invalid_client', 'Invalid client secret');
  const accessToken = state.tokens.issueAccessToken(client.app.clientId, undefined, []);
  return json(
    200,
    { access_token: accessToken, token_type: 'Bearer', expires_in: ACCESS_TOKEN_TTL_S },
    { 'cache-control': 'no-store' },
  );
}

function tokenAnswer(state: SimState, grant: Grant, refreshToken: string | undefined): SimResponse {
  const accessToken = state.tokens.issueAccessToken(grant.clientId, grant.userId, grant.scopes);
  const body: Record<string, unknown> = {
    access_token: accessToken,
    token_type: 'Bearer',
    scope: grant.scopes.join(' '),
    expires_in: ACCESS_TOKEN_TTL_S,
  };
  if (refreshToken !== undefined) body['refresh_token'] = refreshToken;
  return json(200, body, { 'cache-control': 'no-store' });
}
