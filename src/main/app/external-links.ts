import { UserFacingError } from './errors.ts';

export const DASHBOARD_URL = 'https://developer.spotify.com/dashboard';

/**
 * Hosts the app may send the system browser to: Spotify's sign-in and developer sites, and its web
 * player's item pages ("Open in Spotify", which the browser hands to Spotify's app).
 */
const SPOTIFY_BROWSER_HOSTS: readonly string[] = [
  'accounts.spotify.com',
  'developer.spotify.com',
  'open.spotify.com',
];

export type OpenExternal = (url: string) => Promise<void>;

/**
 * Whether `url` may be opened in the system browser: https on a Spotify host, or exactly the origin of the
 * configured accounts service (the simulator on 127.0.0.1 in development). Everything else is refused, so
 * a bug or a crafted value can never turn the app into a launcher for arbitrary addresses.
 */
export function isAllowedExternalUrl(url: string, accountsUrl: string | null): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  if (target.username !== '' || target.password !== '') return false;
  if (target.protocol === 'https:' && SPOTIFY_BROWSER_HOSTS.includes(target.hostname) && target.port === '') {
    return true;
  }
  if (accountsUrl === null) return false;
  try {
    return target.origin === new URL(accountsUrl).origin;
  } catch {
    return false;
  }
}

/** The error for an address the allow-list refuses (here and in the desktop's last gate). */
export function refusedUrlError(): UserFacingError {
  return new UserFacingError(
    'external-url',
    'Traytune only opens Spotify pages in your browser, and this address is not one of them.',
  );
}

/** Wraps the system browser opener with the allow-list. */
export function guardedOpener(openExternal: OpenExternal, accountsUrl: () => string | null): OpenExternal {
  return async (url) => {
    if (!isAllowedExternalUrl(url, accountsUrl())) throw refusedUrlError();
    await openExternal(url);
  };
}
