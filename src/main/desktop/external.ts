import { shell } from 'electron';
import { isAllowedExternalUrl, refusedUrlError, type OpenExternal } from '../app/external-links.ts';

/** Spotify's player pages (a track's "Open in Spotify"), on top of the sign-in and developer sites. */
const OPEN_SPOTIFY = 'https://open.spotify.com';

/**
 * The system-browser opener given to TraytuneApp: `shell.openExternal` for Spotify addresses only
 * (https://accounts.spotify.com, https://developer.spotify.com, https://open.spotify.com, and the
 * configured accounts service, i.e. the simulator in development). TraytuneApp checks too; this is the
 * last gate before the OS is asked to open anything.
 */
export function createExternalOpener(accountsUrl: string | null): OpenExternal {
  return async (url) => {
    if (!isAllowedExternalUrl(url, accountsUrl) && !isOpenSpotify(url)) {
      throw refusedUrlError();
    }
    await shell.openExternal(url, { activate: true });
  };
}

function isOpenSpotify(url: string): boolean {
  try {
    const target = new URL(url);
    return target.origin === OPEN_SPOTIFY && target.username === '' && target.password === '';
  } catch {
    return false;
  }
}
