import { ConfigError, RedirectUriError } from './errors.ts';
import { isLoopbackHostname } from '../util/loopback.ts';
import { parseRedirectUri } from './redirect-uri.ts';

export const SPOTIFY_ACCOUNTS_URL = 'https://accounts.spotify.com';
export const SPOTIFY_API_URL = 'https://api.spotify.com/v1';
export const DEFAULT_REDIRECT_URI = 'http://127.0.0.1/callback';

export interface AuthConfig {
  clientId: string;
  clientSecret?: string | undefined;
  /** As configured (may be port-less: the listener then adds the port it got). */
  redirectUri: string;
  accountsUrl: string;
  apiUrl: string;
}

/** Explicit values win over the environment. */
export interface AuthConfigInput {
  clientId?: string | undefined;
  clientSecret?: string | undefined;
  redirectUri?: string | undefined;
  accountsUrl?: string | undefined;
  apiUrl?: string | undefined;
}

export type Env = Readonly<Record<string, string | undefined>>;

const SPOTIFY_CLIENT_ID = /^[0-9a-f]{32}$/i;

/**
 * Builds the configuration from arguments, else from `env` (pass `process.env` explicitly):
 * TRAYTUNE_CLIENT_ID, TRAYTUNE_CLIENT_SECRET, TRAYTUNE_REDIRECT_URI, TRAYTUNE_ACCOUNTS_URL, TRAYTUNE_API_URL.
 * The accounts and API URLs can point at any standards-conformant OAuth 2.0 server (e.g. the simulator).
 */
export function loadAuthConfig(input: AuthConfigInput = {}, env: Env = {}): AuthConfig {
  const accountsUrl = serviceUrl(
    pick(input.accountsUrl, env['TRAYTUNE_ACCOUNTS_URL']) ?? SPOTIFY_ACCOUNTS_URL,
    'accounts',
    'TRAYTUNE_ACCOUNTS_URL',
  );
  const apiUrl = serviceUrl(
    pick(input.apiUrl, env['TRAYTUNE_API_URL']) ?? SPOTIFY_API_URL,
    'API',
    'TRAYTUNE_API_URL',
  );

  const clientId = pick(input.clientId, env['TRAYTUNE_CLIENT_ID']);
  if (clientId === undefined) {
    throw new ConfigError(
      'No Spotify client ID is set. Create an app in the Spotify developer dashboard, copy its client ID ' +
        'and enter it in Traytune (or set TRAYTUNE_CLIENT_ID).',
    );
  }
  validateClientId(clientId, accountsUrl === SPOTIFY_ACCOUNTS_URL);

  const clientSecret = pick(input.clientSecret, env['TRAYTUNE_CLIENT_SECRET']);
  if (clientSecret !== undefined && /\s/.test(clientSecret)) {
    throw new ConfigError(
      'The client secret contains spaces. Copy it again from the Spotify developer dashboard.',
    );
  }

  const redirectInput = pick(input.redirectUri, env['TRAYTUNE_REDIRECT_URI']) ?? DEFAULT_REDIRECT_URI;
  let redirectUri: string;
  try {
    redirectUri = parseRedirectUri(redirectInput).uri;
  } catch (error) {
    if (error instanceof RedirectUriError) throw new ConfigError(error.message);
    throw error;
  }

  const config: AuthConfig = { clientId, redirectUri, accountsUrl, apiUrl };
  if (clientSecret !== undefined) config.clientSecret = clientSecret;
  return config;
}

/**
 * Spotify client IDs are 32 hex characters. Another OAuth server may use other IDs, so off Spotify only
 * obviously broken values (spaces, control characters) are refused.
 */
export function validateClientId(clientId: string, isSpotify = true): void {
  if (isSpotify && !SPOTIFY_CLIENT_ID.test(clientId)) {
    throw new ConfigError(
      'That is not a Spotify client ID: it should be 32 letters and digits (0-9, a-f). Copy the Client ID ' +
        'from your app in the Spotify developer dashboard (not the client secret).',
    );
  }
  if (!isSpotify && !/^[\x21-\x7e]{1,256}$/.test(clientId)) {
    throw new ConfigError('The client ID contains spaces or unusual characters. Copy it again.');
  }
}

/** Trimmed value of the first non-empty source. */
function pick(...values: Array<string | undefined>): string | undefined {
  for (const v of values) {
    const t = v?.trim();
    if (t) return t;
  }
  return undefined;
}

function serviceUrl(value: string, what: string, envName: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`The ${what} URL is not a valid address. Fix or unset ${envName}.`);
  }
  const loopback = isLoopbackHostname(url.hostname);
  // Secrets and tokens travel to this server: plain http only on this computer (e.g. the simulator).
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new ConfigError(
      `The ${what} URL must use https (plain http only on 127.0.0.1). Fix or unset ${envName}.`,
    );
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new ConfigError(
      `The ${what} URL must not contain a query, fragment or credentials. Fix ${envName}.`,
    );
  }
  return url.toString().replace(/\/+$/, '');
}
