/**
 * Spotify's redirect-URI rules (docs/SPOTIFY.md): no `localhost`, plain http only on an IP-literal loopback
 * host, exact match except that a loopback URI registered without a port accepts any port (RFC 8252 §7.3).
 */
export type RedirectUriVerdict = 'ok' | 'insecure' | 'invalid';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]']);

export function checkRedirectUri(
  requested: string | null,
  registered: readonly string[],
): RedirectUriVerdict {
  if (!requested) return 'invalid';
  let url: URL;
  try {
    url = new URL(requested);
  } catch {
    return 'invalid';
  }
  if (url.hostname === 'localhost') return 'insecure';
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) return 'insecure';
  return registered.some((uri) => matches(requested, uri)) ? 'ok' : 'invalid';
}

function matches(requested: string, registered: string): boolean {
  if (requested === registered) return true;
  const loopback = /^(https?:\/\/(?:127\.0\.0\.1|\[::1\]))(?![:\d])(.*)$/.exec(registered);
  if (!loopback) return false;
  // Compare the raw strings, not normalised URLs: everything but the port must be byte-identical.
  const [, origin = '', rest = ''] = loopback;
  if (!requested.startsWith(`${origin}:`)) return false;
  const port = /^:(\d{1,5})/.exec(requested.slice(origin.length));
  if (!port?.[1] || Number(port[1]) < 1 || Number(port[1]) > 65535) return false;
  return requested.slice(origin.length + port[0].length) === rest;
}

/** Appends the answer's parameters to the redirect URI, keeping any query it already has. */
export function withParams(redirectUri: string, params: Record<string, string | undefined>): string {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(params))
    if (value !== undefined) url.searchParams.append(name, value);
  return url.href;
}
