import { parseRedirectUri } from '../auth/index.ts';
import { UserFacingError } from './errors.ts';

/** Why an https (or any non-loopback) redirect URI cannot work in the desktop app. */
const LOOPBACK_REDIRECT_ONLY =
  'Traytune receives the sign-in answer on this computer, so its redirect URI must be a loopback address: ' +
  'http://127.0.0.1/callback or http://[::1]/callback, with or without a port. Register the same address in ' +
  'the Spotify developer dashboard.';

/**
 * The redirect URI the desktop app can use, normalized: only a loopback IP literal over http (127.0.0.1 or
 * [::1], with or without a port), since sign-in answers arrive at Traytune's own loopback listener. An
 * https address, which Spotify would accept, is refused with a UserFacingError; `localhost` and other
 * addresses Spotify refuses throw the auth core's RedirectUriError with its explanation.
 */
export function desktopRedirectUri(input: string): string {
  const raw = input.trim();
  let protocol: string | undefined;
  try {
    protocol = new URL(raw).protocol;
  } catch {
    // Not an address at all: parseRedirectUri says so.
  }
  if (protocol !== undefined && protocol !== 'http:') {
    throw new UserFacingError('validation', LOOPBACK_REDIRECT_ONLY);
  }
  const parsed = parseRedirectUri(raw);
  if (parsed.kind !== 'loopback') throw new UserFacingError('validation', LOOPBACK_REDIRECT_ONLY);
  return parsed.uri;
}
