import { SpotifyApiError } from './errors.ts';
import type { RetryClass } from './retry-policy.ts';

type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE';

export interface OperationDef {
  method: HttpMethod;
  /** Relative to the API base URL, in openapi.yml's template syntax. */
  path: string;
  retry: RetryClass;
}

/**
 * Every request the client can make, and its retry class (see retry-policy.ts). This table is the one
 * place that decides whether a failed request may be repeated.
 */
export const OPERATIONS = {
  getProfile: { method: 'GET', path: '/me', retry: 'repeatable' },
  getPlaybackState: { method: 'GET', path: '/me/player', retry: 'repeatable' },
  getCurrentlyPlaying: { method: 'GET', path: '/me/player/currently-playing', retry: 'repeatable' },
  getDevices: { method: 'GET', path: '/me/player/devices', retry: 'repeatable' },
  getQueue: { method: 'GET', path: '/me/player/queue', retry: 'repeatable' },
  getRecentlyPlayed: { method: 'GET', path: '/me/player/recently-played', retry: 'repeatable' },
  getSavedTracks: { method: 'GET', path: '/me/tracks', retry: 'repeatable' },
  checkLibrary: { method: 'GET', path: '/me/library/contains', retry: 'repeatable' },
  getMyPlaylists: { method: 'GET', path: '/me/playlists', retry: 'repeatable' },
  getPlaylist: { method: 'GET', path: '/playlists/{playlist_id}', retry: 'repeatable' },
  getPlaylistItems: { method: 'GET', path: '/playlists/{playlist_id}/items', retry: 'repeatable' },
  getSavedAlbums: { method: 'GET', path: '/me/albums', retry: 'repeatable' },
  getAlbum: { method: 'GET', path: '/albums/{album_id}', retry: 'repeatable' },
  getAlbumTracks: { method: 'GET', path: '/albums/{album_id}/tracks', retry: 'repeatable' },
  search: { method: 'GET', path: '/search', retry: 'repeatable' },
  // Absolute settings: repeating one leaves the same state.
  transferPlayback: { method: 'PUT', path: '/me/player', retry: 'repeatable' },
  resume: { method: 'PUT', path: '/me/player/play', retry: 'repeatable' },
  pause: { method: 'PUT', path: '/me/player/pause', retry: 'repeatable' },
  seek: { method: 'PUT', path: '/me/player/seek', retry: 'repeatable' },
  setVolume: { method: 'PUT', path: '/me/player/volume', retry: 'repeatable' },
  setShuffle: { method: 'PUT', path: '/me/player/shuffle', retry: 'repeatable' },
  setRepeat: { method: 'PUT', path: '/me/player/repeat', retry: 'repeatable' },
  saveToLibrary: { method: 'PUT', path: '/me/library', retry: 'repeatable' },
  removeFromLibrary: { method: 'DELETE', path: '/me/library', retry: 'repeatable' },
  // Relative or additive: a repeat could skip twice, queue twice, add twice or restart playback.
  play: { method: 'PUT', path: '/me/player/play', retry: 'once' },
  next: { method: 'POST', path: '/me/player/next', retry: 'once' },
  previous: { method: 'POST', path: '/me/player/previous', retry: 'once' },
  addToQueue: { method: 'POST', path: '/me/player/queue', retry: 'once' },
  addToPlaylist: { method: 'POST', path: '/playlists/{playlist_id}/items', retry: 'once' },
} as const satisfies Record<string, OperationDef>;

export type OperationName = keyof typeof OPERATIONS;

/**
 * Fills `{name}` segments of a path template, percent-encoding each value. A missing value is a
 * 'bad-request' SpotifyApiError (nothing is sent).
 */
export function fillPath(
  template: string,
  params: Readonly<Record<string, string>> = {},
  operation?: string,
): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === '') {
      throw new SpotifyApiError({
        kind: 'bad-request',
        operation,
        detail: `missing path parameter ${name}`,
        message:
          `Traytune could not send this request to Spotify: it lacks the ${name.replace(/_/g, ' ')}. ` +
          'Choose the item again and retry; if it keeps happening, update Traytune.',
      });
    }
    return encodeURIComponent(value);
  });
}
