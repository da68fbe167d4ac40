import type { PlayerItem } from '../../shared/player.ts';
import type { LocalPlayerState } from './types.ts';

const SPOTIFY_URI = /^spotify:(track|episode|ad):([A-Za-z0-9]+)$/;

/**
 * What the local player plays, as the player's item: null when it is stopped or names nothing. A
 * `spotify:track:` or `spotify:episode:` URI is that item. An ad is shown as one. Anything else (a
 * local file, a client that gives no Spotify URI) is shown by its title as a local item: never sent to
 * Spotify, never liked or added anywhere.
 */
export function localItemOf(state: LocalPlayerState): PlayerItem | null {
  if (state.status === 'stopped') return null;
  const durationMs = state.durationMs ?? 0;
  const match = state.trackUri === null ? null : SPOTIFY_URI.exec(state.trackUri);
  if (match?.[1] === 'ad') {
    return {
      uri: 'spotify:ad',
      id: null,
      type: 'ad',
      name: 'Advertisement',
      artists: [],
      album: null,
      artUrl: null,
      durationMs,
      isLocal: false,
    };
  }
  if (match === null && state.title === null) return null;
  const base = {
    name: state.title ?? 'Unknown title',
    artists: state.artists,
    album: state.album,
    artUrl: artUrlOf(state.artUrl),
    durationMs,
  };
  if (match !== null && (match[1] === 'track' || match[1] === 'episode')) {
    return { ...base, uri: match[0], id: match[2] ?? null, type: match[1], isLocal: false };
  }
  return {
    ...base,
    uri: `spotify:local:${encodeURIComponent(state.title ?? '')}`,
    id: null,
    type: 'track',
    isLocal: true,
  };
}

const SPOTIFY_IMAGES = 'https://i.scdn.co/image/';
/** Older Spotify clients name the same image on open.spotify.com. */
const OLD_IMAGE_URL = /^https:\/\/open\.spotify\.com\/image\/([A-Za-z0-9]+)$/;

/**
 * Only art the window may load: its content security policy allows Spotify's image host and nothing
 * else (not a client's file: path or another host).
 */
function artUrlOf(url: string | null): string | null {
  if (url === null) return null;
  const old = OLD_IMAGE_URL.exec(url);
  if (old) return `${SPOTIFY_IMAGES}${old[1]}`;
  return url.startsWith(SPOTIFY_IMAGES) ? url : null;
}
