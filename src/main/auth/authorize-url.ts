import { base64url, defaultRandomBytes, type RandomBytes } from './pkce.ts';
import { formatScopes } from './scopes.ts';

/** 128 bits of randomness, base64url: the `state` that ties a callback to this sign-in attempt. */
export function createState(randomBytes: RandomBytes = defaultRandomBytes): string {
  return base64url(randomBytes(16));
}

export interface AuthorizeUrlParams {
  /** e.g. https://accounts.spotify.com (no trailing /authorize). */
  accountsUrl: string;
  clientId: string;
  /** The exact redirect URI, port included, that will also be sent to /api/token. */
  redirectUri: string;
  scopes: readonly string[];
  state: string;
  /** S256 challenge. Omitted only for the classic secret-based flow. */
  codeChallenge?: string;
  /** Ask Spotify to show the consent page even when the user already agreed (e.g. to switch accounts). */
  showDialog?: boolean;
}

export function buildAuthorizeUrl(params: AuthorizeUrlParams): string {
  const url = new URL(joinPath(params.accountsUrl, 'authorize'));
  const q = url.searchParams;
  q.set('client_id', params.clientId);
  q.set('response_type', 'code');
  q.set('redirect_uri', params.redirectUri);
  q.set('scope', formatScopes(params.scopes));
  q.set('state', params.state);
  if (params.codeChallenge !== undefined) {
    q.set('code_challenge_method', 'S256');
    q.set('code_challenge', params.codeChallenge);
  }
  if (params.showDialog) q.set('show_dialog', 'true');
  return url.toString();
}

/** `https://host/base` + `api/token` → `https://host/base/api/token`, whatever the trailing slashes. */
export function joinPath(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
