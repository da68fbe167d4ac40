import type { RepeatState } from '../schemas.ts';
import { progressOf, type PlaybackModel, type PlayerView } from './model.ts';
import type { PlayerDevice, PlayerItem } from './types.ts';

/**
 * What a command is expected to change, shown at once. Absolute values only (a toggle is turned into
 * its target when pressed), so replaying the changes over a newer read gives the same picture.
 */
export type OptimisticChange =
  | { readonly kind: 'play'; readonly at: number }
  | { readonly kind: 'pause'; readonly at: number }
  | { readonly kind: 'seek'; readonly at: number; readonly positionMs: number }
  | { readonly kind: 'volume'; readonly percent: number }
  | { readonly kind: 'shuffle'; readonly on: boolean }
  | { readonly kind: 'repeat'; readonly mode: RepeatState }
  | { readonly kind: 'transfer'; readonly device: PlayerDevice }
  | { readonly kind: 'like'; readonly uri: string; readonly liked: boolean }
  /**
   * Next / previous: what comes is not known until a read says so, so the item is shown as unknown
   * (null) from the press on: nothing acts on the item the user has just skipped (a Like, say).
   * `fromUri`: the item last read when pressed; `fromProgressMs`: where that read put it at the press
   * (null without one).
   */
  | {
      readonly kind: 'skip';
      readonly direction: 'next' | 'previous';
      readonly fromUri: string | null;
      readonly fromProgressMs: number | null;
      readonly at: number;
    }
  /**
   * What the local player (MPRIS, AppleScript) reported at `at`, while it plays on the active device: it
   * is the truth the moment it arrives, and a read of the Web API started soon after may still show the
   * state from before (Spotify's reads lag), so it is held like an own command's change. Absolute values
   * (the progress as estimated at `at`), so replaying it over a newer read gives the same picture.
   */
  | {
      readonly kind: 'local';
      readonly item: PlayerItem | null;
      readonly isPlaying: boolean;
      readonly progressMs: number;
      readonly at: number;
    };

/** How far a read's progress may be from a seek's target and still confirm it (Spotify rounds, lags). */
const SEEK_TOLERANCE_MS = 3_000;

/** The view with one optimistic change applied (pure). Changes that do not fit the view are ignored. */
export function applyOptimistic(view: PlayerView, change: OptimisticChange): PlayerView {
  if (change.kind === 'like') {
    return { ...view, liked: { uri: change.uri, value: change.liked } };
  }
  const playback = view.playback;
  if (playback === null) return view;
  return { ...view, playback: applyToPlayback(playback, change) };
}

function applyToPlayback(playback: PlaybackModel, change: Exclude<OptimisticChange, { kind: 'like' }>) {
  switch (change.kind) {
    case 'play':
    case 'pause':
      // Freeze or restart the progress where it stood when the button was pressed.
      return {
        ...playback,
        isPlaying: change.kind === 'play',
        progressMs: progressOf(playback, change.at),
        progressAt: change.at,
        disallows: playStateDisallows(playback.disallows, change.kind === 'play'),
      };
    case 'seek': {
      const max = playback.item?.durationMs ?? Number.POSITIVE_INFINITY;
      return {
        ...playback,
        progressMs: Math.min(max, Math.max(0, change.positionMs)),
        progressAt: change.at,
      };
    }
    case 'volume':
      return {
        ...playback,
        volumePercent: change.percent,
        device: playback.device && { ...playback.device, volumePercent: change.percent },
      };
    case 'shuffle':
      return { ...playback, shuffle: change.on };
    case 'repeat':
      return { ...playback, repeat: change.mode };
    case 'transfer':
      return {
        ...playback,
        device: { ...change.device, isActive: true },
        volumePercent: change.device.volumePercent ?? playback.volumePercent,
      };
    case 'skip':
      return { ...playback, item: null, progressMs: 0, progressAt: change.at };
    case 'local':
      return {
        ...playback,
        // The read's item is richer (its art and ID come from the Web API): kept while it is the same one.
        item: change.item !== null && playback.item?.uri === change.item.uri ? playback.item : change.item,
        isPlaying: change.isPlaying,
        progressMs: change.progressMs,
        progressAt: change.at,
        disallows: playStateDisallows(playback.disallows, change.isPlaying),
      };
  }
}

/**
 * Whether a read (`view`, at clock time `now`) shows what the change asked for: then the change has
 * reached Spotify's reads and its overlay can go. A read that does not is either stale (Spotify's reads
 * lag behind its commands) or shows a change made elsewhere; the engine tells them apart by time.
 */
export function confirms(change: OptimisticChange, view: PlayerView, now: number): boolean {
  const playback = view.playback;
  switch (change.kind) {
    case 'like':
      return view.liked !== null && view.liked.uri === change.uri && view.liked.value === change.liked;
    case 'play':
      return playback?.isPlaying === true;
    case 'pause':
      return playback === null || !playback.isPlaying;
    case 'seek': {
      if (playback === null) return false;
      const expected = change.positionMs + (playback.isPlaying ? Math.max(0, now - change.at) : 0);
      return Math.abs(progressOf(playback, now) - expected) <= SEEK_TOLERANCE_MS;
    }
    case 'volume':
      return playback?.volumePercent === change.percent;
    case 'shuffle':
      return playback?.shuffle === change.on;
    case 'repeat':
      return playback?.repeat === change.mode;
    case 'transfer':
      return playback?.device?.id === change.device.id;
    case 'local':
      return (
        playback !== null &&
        playback.isPlaying === change.isPlaying &&
        (playback.item?.uri ?? null) === (change.item?.uri ?? null)
      );
    case 'skip': {
      if (playback === null) return false;
      const uri = playback.item?.uri ?? null;
      if (change.fromUri === null || uri !== change.fromUri) return true;
      // "Previous" late in a track restarts it: same item, progress back near the start. Only a jump
      // back counts: a stale read of the item as it was at the press (just skipped to, so near its start
      // too) must not pass for a restart, or the skip would end on the item Spotify has already left.
      if (change.direction !== 'previous' || change.fromProgressMs === null) return false;
      const elapsed = Math.max(0, now - change.at);
      const progress = progressOf(playback, now);
      const withoutRestart = change.fromProgressMs + (playback.isPlaying ? elapsed : 0);
      return progress <= elapsed + SEEK_TOLERANCE_MS && progress + SEEK_TOLERANCE_MS < withoutRestart;
    }
  }
}

/** The view as the user should see it: the last read with every outstanding change replayed in order. */
export function applyAll(view: PlayerView, changes: readonly OptimisticChange[]): PlayerView {
  return changes.reduce(applyOptimistic, view);
}

/**
 * Spotify's `pausing` / `resuming` disallows describe the play state it last reported (a paused player
 * disallows pausing). Shown as playing before Spotify confirms, the player must allow pausing, or the
 * Pause button would be disabled until the next read (and a keyboard user's focus lost with it).
 */
function playStateDisallows(disallows: readonly string[], playing: boolean): readonly string[] {
  const stale = playing ? 'pausing' : 'resuming';
  return disallows.filter((action) => action !== stale);
}
