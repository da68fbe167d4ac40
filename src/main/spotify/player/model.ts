import type { Device, Image, PlaybackState, PlayableItem, RepeatState } from '../schemas.ts';
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

export function toPlaybackModel(state: PlaybackState, now: number): PlaybackModel {
  const item = state.item === null ? null : toPlayerItem(state.item);
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

/** A track or episode as the player shows it (the library's LibraryTrack is built on this too). */
export function toPlayerItem(item: PlayableItem): PlayerItem {
  if (item.type === 'track') {
    return {
      uri: item.uri,
      id: item.id,
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
  return now + (playback.item.durationMs - progressOf(playback, now));
}
