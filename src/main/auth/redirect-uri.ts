import { RedirectUriError } from './errors.ts';

/**
 * Spotify's redirect-URI rules (docs/SPOTIFY.md): https, or plain http only on a loopback IP literal
 * (127.0.0.1 or [::1]); `localhost` is refused; no fragment. A loopback URI registered without a port
 * accepts any port chosen at run time (RFC 8252 §7.3); one registered with a port needs exactly that port.
 */

type LoopbackHost = '127.0.0.1' | '::1';

export interface LoopbackRedirectUri {
  kind: 'loopback';
  /** The URI as configured (normalized), e.g. `http://127.0.0.1/callback`. */
  uri: string;
  /** The address to bind: never 0.0.0.0. */
  host: LoopbackHost;
  /** The explicit port, or undefined when the URI has none (then an ephemeral port is used). */
  port: number | undefined;
  /** Path the callback arrives on, e.g. `/callback`. */
  pathname: string;
  /** Query part kept from the configured URI ('' or `?…`). */
  search: string;
}

interface HttpsRedirectUri {
  kind: 'https';
  uri: string;
  pathname: string;
}

export type RedirectUri = LoopbackRedirectUri | HttpsRedirectUri;

/** What a loopback listener binds. `port: 0` asks the OS for a free (ephemeral) port. */
export interface LoopbackBinding {
  host: LoopbackHost;
  port: number;
  fixedPort: boolean;
  pathname: string;
}

/** The parameters an authorization server adds to the redirect URI (RFC 6749 §4.1.2, RFC 9207 `iss`). */
const CALLBACK_PARAMS: ReadonlySet<string> = new Set([
  'code',
  'state',
  'error',
  'error_description',
  'error_uri',
  'iss',
]);

export function parseRedirectUri(input: string): RedirectUri {
  const raw = input.trim();
  if (raw.includes('#')) {
    throw new RedirectUriError(
      'The redirect URI must not contain a "#" fragment. Use an address like http://127.0.0.1/callback.',
    );
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new RedirectUriError(
      'The redirect URI is not a valid address. Use one like http://127.0.0.1/callback and register the ' +
        'same address in the Spotify developer dashboard.',
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new RedirectUriError('The redirect URI must not contain a user name or password.');
  }
  if (url.hostname === 'localhost' || url.hostname.endsWith('.localhost')) {
    throw new RedirectUriError(
      'Spotify no longer accepts "localhost" in redirect URIs. Use http://127.0.0.1/callback instead, ' +
        'both in Traytune and in your app settings in the Spotify developer dashboard.',
    );
  }
  // Spotify appends code, state (and error) to the redirect URI: a query naming one of them makes the
  // callback ambiguous, so every sign-in would fail. Refuse it here, where it can be fixed.
  const clash = [...url.searchParams.keys()].find((key) => CALLBACK_PARAMS.has(key));
  if (clash !== undefined) {
    throw new RedirectUriError(
      `The redirect URI must not contain "${clash}=" in its query: Spotify adds that itself, so sign-in ` +
        'would always fail. Use an address like http://127.0.0.1/callback, here and in the Spotify ' +
        'developer dashboard.',
    );
  }
  if (url.protocol === 'https:') {
    return { kind: 'https', uri: url.toString(), pathname: url.pathname };
  }
  if (url.protocol !== 'http:') {
    throw new RedirectUriError(
      'The redirect URI must start with https://, or http://127.0.0.1 for a desktop app like Traytune.',
    );
  }
  const host = loopbackHostOf(url.hostname);
  if (host === undefined) {
    throw new RedirectUriError(
      "Plain http redirect URIs are allowed only on this computer's loopback address. Use " +
        'http://127.0.0.1/callback (or http://[::1]/callback).',
    );
  }
  // URL drops a port equal to the scheme default (":80"), so read it from the text as written.
  const port = explicitPortOf(raw);
  if (port !== undefined && (port < 1 || port > 65535)) {
    throw new RedirectUriError('The port in the redirect URI must be between 1 and 65535.');
  }
  const redirect: LoopbackRedirectUri = {
    kind: 'loopback',
    uri: '',
    host,
    port,
    pathname: url.pathname,
    search: url.search,
  };
  redirect.uri = serialize(redirect, port);
  return redirect;
}

/** The bind decision: fixed port when the URI names one, otherwise port 0 (ephemeral). */
export function loopbackBinding(redirect: RedirectUri): LoopbackBinding {
  if (redirect.kind !== 'loopback') {
    throw new RedirectUriError(
      'Traytune can receive the sign-in answer only on a loopback redirect URI such as ' +
        'http://127.0.0.1/callback. Use that address in Traytune and in the Spotify developer dashboard.',
    );
  }
  return {
    host: redirect.host,
    port: redirect.port ?? 0,
    fixedPort: redirect.port !== undefined,
    pathname: redirect.pathname,
  };
}

/**
 * The redirect URI actually sent to /authorize and /api/token (byte-identical in both): the configured
 * one with the port the listener got.
 */
export function redirectUriWithPort(redirect: LoopbackRedirectUri, port: number): string {
  if (redirect.port !== undefined && redirect.port !== port) {
    throw new RedirectUriError(`The redirect URI requires port ${redirect.port}.`);
  }
  return serialize(redirect, port);
}

function serialize(redirect: LoopbackRedirectUri, port: number | undefined): string {
  const host = redirect.host === '::1' ? '[::1]' : redirect.host;
  return `http://${host}${port === undefined ? '' : `:${port}`}${redirect.pathname}${redirect.search}`;
}

function loopbackHostOf(hostname: string): LoopbackHost | undefined {
  if (hostname === '127.0.0.1') return '127.0.0.1';
  if (hostname === '[::1]') return '::1';
  return undefined;
}

function explicitPortOf(raw: string): number | undefined {
  const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(raw)?.[1] ?? '';
  const match = /:(\d*)$/.exec(authority.replace(/^.*@/, '').replace(/^\[[^\]]*\]/, ''));
  if (!match || match[1] === '') return undefined;
  return Number(match[1]);
}
