import { timingSafeEqual } from 'node:crypto';
import { oauthError } from '../errors.ts';
import { parseBasicAuth, type SimRequest, type SimResponse } from '../http.ts';
import type { AppRecord, SimState } from '../state.ts';

export interface AuthenticatedClient {
  app: AppRecord;
  /** The client proved its secret (HTTP Basic, or `client_secret` in the form). */
  confidential: boolean;
}

/** Identifies the client of a token request: Basic `client_id:client_secret`, or `client_id` in the form. */
export function authenticateClient(
  state: SimState,
  req: SimRequest,
  form: URLSearchParams,
): AuthenticatedClient | SimResponse {
  const basic = parseBasicAuth(req.headers.authorization);
  if (basic === undefined) return oauthError(400, 'invalid_client', 'Invalid client');
  const formId = form.get('client_id');
  if (basic && formId !== null && formId !== basic.id)
    return oauthError(400, 'invalid_client', 'Invalid client');
  const app = state.apps.get(basic?.id ?? formId ?? '');
  if (!app) return oauthError(400, 'invalid_client', 'Invalid client');
  const secret = basic?.secret ?? form.get('client_secret');
  if (secret === null) return { app, confidential: false };
  if (app.clientSecret === undefined || !sameString(secret, app.clientSecret)) {
    return oauthError(400, 'invalid_client', 'Invalid client secret');
  }
  return { app, confidential: true };
}

export function isResponse(value: AuthenticatedClient | SimResponse): value is SimResponse {
  return 'status' in value;
}

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
