/**
 * MPRIS properties (xesam:* and mpris:* metadata, PlaybackStatus, Volume…) to the port's state. Pure:
 * takes plain values already unwrapped from D-Bus variants.
 */
import type { LocalLoopStatus, LocalPlaybackStatus, LocalPlayerState } from './types.ts';

export type PlainValue = unknown;

export const EMPTY_STATE: LocalPlayerState = {
  status: 'stopped',
  trackUri: null,
  title: null,
  artists: [],
  album: null,
  artUrl: null,
  durationMs: null,
  positionMs: null,
  volume: null,
  shuffle: null,
  loop: null,
};

function text(value: PlainValue): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** Milliseconds from MPRIS's microseconds (int64, so a bigint off the bus). */
export function microsToMs(value: PlainValue): number | null {
  if (typeof value === 'bigint') return Number(value / 1000n);
  if (typeof value === 'number' && Number.isFinite(value)) return Math.round(value / 1000);
  return null;
}

function statusFrom(value: PlainValue): LocalPlaybackStatus | null {
  if (value === 'Playing') return 'playing';
  if (value === 'Paused') return 'paused';
  if (value === 'Stopped') return 'stopped';
  return null;
}

function loopFrom(value: PlainValue): LocalLoopStatus | null {
  if (value === 'None') return 'none';
  if (value === 'Track') return 'track';
  if (value === 'Playlist') return 'playlist';
  return null;
}

export function loopToMpris(loop: LocalLoopStatus): string {
  return loop === 'none' ? 'None' : loop === 'track' ? 'Track' : 'Playlist';
}

/**
 * The track URI: `xesam:url` when it is a `spotify:` URI or an open.spotify.com link (Spotify gives
 * the link), else the trackid path Spotify-based clients use (`/com/spotify/track/<id>`).
 */
function trackUriFrom(url: PlainValue, trackId: PlainValue): string | null {
  const link = text(url);
  if (link?.startsWith('spotify:')) return link;
  const web =
    link === null ? null : /^https:\/\/open\.spotify\.com\/(track|episode)\/([A-Za-z0-9]+)/.exec(link);
  if (web) return `spotify:${web[1]}:${web[2]}`;
  const path = text(trackId);
  const fromPath = path === null ? null : /^\/com\/spotify\/(track|episode)\/([A-Za-z0-9]+)$/.exec(path);
  if (fromPath) return `spotify:${fromPath[1]}:${fromPath[2]}`;
  return link;
}

/** The track part of the state from an MPRIS `Metadata` dictionary (a{sv}, variants unwrapped). */
export function trackFromMetadata(
  metadata: Readonly<Record<string, PlainValue>>,
): Pick<LocalPlayerState, 'trackUri' | 'title' | 'artists' | 'album' | 'artUrl' | 'durationMs'> {
  const artists = metadata['xesam:artist'];
  return {
    trackUri: trackUriFrom(metadata['xesam:url'], metadata['mpris:trackid']),
    title: text(metadata['xesam:title']),
    artists: Array.isArray(artists) ? artists.filter((a): a is string => text(a) !== null) : [],
    album: text(metadata['xesam:album']),
    artUrl: text(metadata['mpris:artUrl']),
    durationMs: microsToMs(metadata['mpris:length']),
  };
}

/**
 * The state after a set of changed `org.mpris.MediaPlayer2.Player` properties. Properties not in
 * `changed` keep their value; a new track without a reported position drops the old position.
 */
export function applyPlayerProperties(
  state: LocalPlayerState,
  changed: Readonly<Record<string, PlainValue>>,
): LocalPlayerState {
  let next: LocalPlayerState = state;
  const metadata = changed['Metadata'];
  if (
    metadata !== undefined &&
    metadata !== null &&
    typeof metadata === 'object' &&
    !Array.isArray(metadata)
  ) {
    const track = trackFromMetadata(metadata as Record<string, PlainValue>);
    next = { ...next, ...track, positionMs: track.trackUri === state.trackUri ? next.positionMs : null };
  }
  const status = statusFrom(changed['PlaybackStatus']);
  if (status) next = { ...next, status };
  if ('Position' in changed) next = { ...next, positionMs: microsToMs(changed['Position']) };
  const volume = changed['Volume'];
  if (typeof volume === 'number' && Number.isFinite(volume)) {
    next = { ...next, volume: Math.min(1, Math.max(0, volume)) };
  }
  const shuffle = changed['Shuffle'];
  if (typeof shuffle === 'boolean') next = { ...next, shuffle };
  const loop = loopFrom(changed['LoopStatus']);
  if (loop) next = { ...next, loop };
  return next;
}

/** Microseconds (MPRIS's unit) from milliseconds, as the int64 D-Bus wants. */
export function msToMicros(ms: number): bigint {
  return BigInt(Math.max(0, Math.round(ms))) * 1000n;
}
