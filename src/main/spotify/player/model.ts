import type { Device, Image, PlaybackState, PlayableItem, RepeatState, UnsupportedItem } from '../schemas.ts';
import type { PlayerDevice, PlayerItem } from './types.ts';

/** The player as last read from Spotify (or as an optimistic change says it will be). */
export interface PlaybackModel {
  readonly item: PlayerItem | null;
  readonly isPlaying: boolean;
  /** Progress at clock time `progressAt`. */
  readonly progressMs: number;
  readonly progressAt: number;
  readonly device: PlayerDevice | null;
  readonly volumePercent: number | null;
  readonly shuffle: boolean;
  readonly repeat: RepeatState;
  readonly contextUri: string | null;
  readonly disallows: readonly string[];
}

/** Playback (null = nothing active on any device) plus the liked state of one item. */
export interface PlayerView {
  readonly playback: PlaybackModel | null;
  readonly liked: { readonly uri: string; readonly value: boolean } | null;
}

/**
 * The length an ad is shown with (its progress bar) when Spotify gives none. Ads last 15–30 s, so the
 * sync loop does not read at this assumed end: sync-policy.ts reads from the shortest end on, in steps.
 */
const AD_ASSUMED_MS = 30_000;

export function toPlaybackModel(state: PlaybackState, now: number): PlaybackModel {
  const item = readItemOf(state);
  const device = toPlayerDevice(state.device);
  return {
    item,
    isPlaying: state.is_playing,
    progressMs: clampProgress(state.progress_ms ?? 0, item),
    progressAt: now,
    device,
    volumePercent: device.volumePercent,
    shuffle: state.shuffle_state,
    repeat: state.repeat_state,
    contextUri: state.context?.uri ?? null,
    disallows: Object.keys(state.actions).sort(),
  };
}

/**
 * The item a read shows. An ad (`currently_playing_type: 'ad'`) is an ad whatever the item says; an item
 * of a type Traytune does not know, or nothing but a `currently_playing_type` it does not know, is an
 * unsupported item. The rest of the read (device, volume, shuffle, repeat, progress) is kept either way.
 */
function readItemOf(state: PlaybackState): PlayerItem | null {
  const type = state.currently_playing_type;
  const item = state.item;
  if (type === 'ad') return placeholderItem('ad', item, 'Advertisement', AD_ASSUMED_MS);
  if (item !== null && isPlayable(item)) return toPlayerItem(item);
  if (item !== null) return placeholderItem('unsupported', item, 'Unsupported item', 0);
  if (type === 'track' || type === 'episode') return null;
  return placeholderItem('unsupported', null, 'Unsupported item', 0);
}

function isPlayable(item: PlayableItem | UnsupportedItem): item is PlayableItem {
  return item.type === 'track' || item.type === 'episode';
}

function placeholderItem(
  type: 'ad' | 'unsupported',
  item: PlayableItem | UnsupportedItem | null,
  name: string,
  fallbackDurationMs: number,
): PlayerItem {
  return {
    uri: item?.uri ?? `spotify:${type}`,
    id: null,
    type,
    name: (type === 'unsupported' ? item?.name : null) ?? name,
    artists: [],
    album: null,
    artUrl: null,
    durationMs: item?.duration_ms ?? fallbackDurationMs,
    isLocal: false,
  };
}

/** Whether the item can be saved to Liked Songs (not local files, ads or unsupported items). */
export function isLikeable(item: PlayerItem): boolean {
  return !item.isLocal && (item.type === 'track' || item.type === 'episode');
}

/** A track or episode as the player shows it (the library's LibraryTrack is built on this too). */
export function toPlayerItem(item: PlayableItem): PlayerItem {
  if (item.type === 'track') {
    // A relinked copy is shown (and liked, added, compared) as the track the user chose: Spotify's
    // track-relinking guide says to use `linked_from` for further requests, and it is the URI the
    // user's library and playlists hold. Name, artists and art are the copy's (the same recording).
    // (Absent, not only null, in tracks built by hand rather than parsed.)
    const chosen = item.linked_from ?? null;
    return {
      uri: chosen === null ? item.uri : chosen.uri,
      id: chosen === null ? item.id : chosen.id,
      type: 'track',
      name: item.name,
      artists: item.artists.map((artist) => artist.name),
      album: item.album?.name ?? null,
      artUrl: largestImage(item.album?.images ?? []),
      durationMs: item.duration_ms,
      isLocal: item.is_local,
    };
  }
  return {
    uri: item.uri,
    id: item.id,
    type: 'episode',
    name: item.name,
    artists: item.show ? [item.show.name] : [],
    album: item.show?.name ?? null,
    artUrl: largestImage(item.images.length > 0 ? item.images : (item.show?.images ?? [])),
    durationMs: item.duration_ms,
    isLocal: false,
  };
}

export function toPlayerDevice(device: Device): PlayerDevice {
  return {
    id: device.id,
    name: device.name,
    type: device.type,
    isActive: device.is_active,
    isRestricted: device.is_restricted,
    volumePercent: device.volume_percent,
    supportsVolume: device.supports_volume,
  };
}

/** The URL of the widest image (Spotify's image lists are not ordered the same everywhere), or null. */
export function largestImage(images: readonly Image[]): string | null {
  let best: Image | undefined;
  for (const image of images) {
    if (best === undefined || (image.width ?? 0) > (best.width ?? 0)) best = image;
  }
  return best?.url ?? null;
}

function clampProgress(progressMs: number, item: PlayerItem | null): number {
  const min = Math.max(0, progressMs);
  return item === null ? min : Math.min(item.durationMs, min);
}

/** Progress at `now`: the last known progress plus the time since, while playing, capped at the duration. */
export function progressOf(playback: PlaybackModel, now: number): number {
  if (!playback.isPlaying) return playback.progressMs;
  return clampProgress(playback.progressMs + Math.max(0, now - playback.progressAt), playback.item);
}

/** Clock time the current item runs out while playing, else null. */
export function trackEndsAt(playback: PlaybackModel | null, now: number): number | null {
  if (playback === null || !playback.isPlaying || playback.item === null) return null;
  if (playback.item.durationMs <= 0) return null; // unknown length: the interval reads find what follows
  return now + (playback.item.durationMs - progressOf(playback, now));
}
