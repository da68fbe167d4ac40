import { nextRepeatMode, type CommandResult } from '../shared/player.ts';
import { controlState } from '../shared/player-controls.ts';
import { currentProgressMs, currentVolume, errorMessage, type Api, type Store } from './api.ts';
import { createCoalescer } from './coalesce.ts';
import { clamp } from './format.ts';

/**
 * The intents the player UI and its keys send. Player failures come back in the snapshot (`error`), so
 * a failed CommandResult is not shown twice; a rejected call (bad input, bridge down) is shown locally.
 */
export interface PlayerActions {
  readonly togglePlay: () => void;
  readonly next: () => void;
  readonly previous: () => void;
  readonly seekTo: (positionMs: number) => void;
  readonly seekBy: (deltaMs: number) => void;
  readonly setVolume: (percent: number) => void;
  readonly volumeBy: (delta: number) => void;
  readonly setShuffle: (on: boolean) => void;
  readonly cycleRepeat: () => void;
  readonly toggleLike: () => void;
  /** Resolves with the result, so callers can say "Playing on …". */
  readonly transfer: (deviceId: string, play?: boolean) => Promise<CommandResult | null>;
  readonly playTrack: (uri: string) => Promise<CommandResult | null>;
  readonly refreshDevices: () => void;
  readonly dismissError: () => void;
  /** "Try again" after a quota stop or a Premium refusal (the outcome arrives in the snapshot). */
  readonly retryConnection: () => void;
}

export function createPlayerActions(api: Api, store: Store, now: () => number): PlayerActions {
  const fail = (error: unknown): void => store.update({ localError: errorMessage(error) });
  const fire = (call: () => Promise<unknown>): void => {
    call().catch(fail);
  };
  const settle = async (call: () => Promise<CommandResult>): Promise<CommandResult | null> => {
    try {
      return await call();
    } catch (error) {
      fail(error);
      return null;
    }
  };

  // Drafts are drawn until the last coalesced value has been answered (main's snapshot follows it).
  const seeker = createCoalescer((positionMs: number) => api.player.seek({ positionMs }), {
    onIdle: () => store.update({ seekDraftMs: null }),
    onError: fail,
  });
  const volume = createCoalescer((percent: number) => api.player.setVolume({ percent }), {
    onIdle: () => store.update({ volumeDraft: null }),
    onError: fail,
  });

  const actions: PlayerActions = {
    togglePlay: () => fire(() => api.player.togglePlay()),
    next: () => fire(() => api.player.next()),
    previous: () => fire(() => api.player.previous()),
    seekTo(positionMs) {
      // The keys as the slider: no seek during an ad, while loading, or where Spotify disallows it.
      const snapshot = store.get().snapshot;
      if (snapshot === null || !controlState(snapshot, 'seek').enabled) return;
      const duration = store.get().snapshot?.item?.durationMs ?? 0;
      const target = Math.round(clamp(positionMs, 0, duration));
      store.update({ seekDraftMs: target });
      seeker.push(target);
    },
    seekBy(deltaMs) {
      if (store.get().snapshot?.item == null) return;
      actions.seekTo(currentProgressMs(store.get(), now()) + deltaMs);
    },
    setVolume(percent) {
      const target = Math.round(clamp(percent, 0, 100));
      store.update({ volumeDraft: target });
      volume.push(target);
    },
    volumeBy(delta) {
      const current = currentVolume(store.get());
      if (current !== null) actions.setVolume(current + delta);
    },
    setShuffle: (on) => fire(() => api.player.setShuffle({ on })),
    cycleRepeat() {
      const mode = store.get().snapshot?.repeat ?? 'off';
      fire(() => api.player.setRepeat({ mode: nextRepeatMode(mode) }));
    },
    toggleLike: () => fire(() => api.player.toggleLike()),
    transfer: (deviceId, play) =>
      settle(() => api.player.transfer(play === undefined ? { deviceId } : { deviceId, play })),
    playTrack: (uri) => settle(() => api.player.playTrack({ uri })),
    refreshDevices: () => fire(() => api.player.refreshDevices()),
    dismissError() {
      store.update({ localError: null });
      if (store.get().snapshot?.error) fire(() => api.player.dismissError());
    },
    retryConnection: () => fire(() => api.player.retry()),
  };
  return actions;
}
