import { webLink, type LibraryTrack } from '../../src/shared/library.ts';
import { USER_MESSAGES } from '../../src/shared/messages.ts';
import type { PlayerDevice, PlayerItem, PlayerSnapshot } from '../../src/shared/player.ts';

/** The track the renderer and shared tests play: one artist, no art, 200 s long. */
export const SONG: PlayerItem = {
  uri: 'spotify:track:abc',
  id: 'abc',
  type: 'track',
  name: 'Song',
  artists: ['Artist'],
  album: 'Album',
  artUrl: null,
  durationMs: 200_000,
  isLocal: false,
};

/** The active computer, with a volume Traytune can set. */
export const LAPTOP: PlayerDevice = {
  id: 'd1',
  name: 'Laptop',
  type: 'Computer',
  isActive: true,
  isRestricted: false,
  volumePercent: 50,
  supportsVolume: true,
};

/** A player that is connected but has nothing loaded: no item, no device, paused. */
export function idleSnapshot(patch: Partial<PlayerSnapshot> = {}): PlayerSnapshot {
  return {
    at: 1_000_000,
    connection: { status: 'ok', message: null, rateLimitedUntil: null },
    item: null,
    isPlaying: false,
    progressMs: 0,
    device: null,
    volumePercent: 50,
    shuffle: false,
    repeat: 'off',
    liked: null,
    devices: [],
    lastDeviceId: null,
    contextUri: null,
    disallows: [],
    error: null,
    pending: [],
    ...patch,
  };
}

/** SONG playing, 10 s in, not liked; no device is known unless the patch names one. */
export function playingSnapshot(patch: Partial<PlayerSnapshot> = {}): PlayerSnapshot {
  return idleSnapshot({ item: SONG, isPlaying: true, progressMs: 10_000, liked: false, ...patch });
}

/** The Spotify app on this computer as the local player shows it: no id, no volume Traytune can set. */
const SPOTIFY_HERE: PlayerDevice = {
  ...LAPTOP,
  id: null,
  name: 'Spotify',
  volumePercent: null,
  supportsVolume: false,
};

/**
 * What main publishes in local mode (no account, Spotify running here): SONG playing on SPOTIFY_HERE with
 * the local-mode message, and nothing that needs an account (no liked state, no devices, no volume).
 */
export function localSnapshot(patch: Partial<PlayerSnapshot> = {}): PlayerSnapshot {
  return playingSnapshot({
    connection: { status: 'local', message: USER_MESSAGES.localMode, rateLimitedUntil: null },
    device: SPOTIFY_HERE,
    devices: [],
    lastDeviceId: null,
    volumePercent: null,
    liked: null,
    ...patch,
  });
}

/** SONG as a list row (Liked Songs, a playlist, a search result): playable, with its web link. */
export function libraryTrack(patch: Partial<LibraryTrack> = {}): LibraryTrack {
  const { id: _id, type: _type, ...shared } = SONG;
  return { ...shared, type: 'track', link: webLink(SONG.uri), playable: true, ...patch };
}
