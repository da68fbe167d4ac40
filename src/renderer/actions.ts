import type { ChannelInput } from '../shared/ipc/contract.ts';
import { USER_MESSAGES } from '../shared/messages.ts';
import { nextRepeatMode, type CommandResult } from '../shared/player.ts';
import { controlState, type PlayerControl } from '../shared/player-controls.ts';
import { currentProgressMs, currentVolume, errorMessage, type Api, type Store } from './api.ts';
import { createCoalescer } from './coalesce.ts';
import { clamp } from './format.ts';
import { SEEK_STEP_MS, VOLUME_STEP, type KeyAction } from './keyboard.ts';
import { keyNeedsAccount } from './local-mode.ts';

export type PlayContextInput = ChannelInput<'player:playContext'>;

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
  /** Liked Songs, an album, playlist, artist or show, from an item or the start (Next stays within it). */
  readonly playContext: (input: PlayContextInput) => Promise<CommandResult | null>;
  /** A list row's "Add to queue". */
  readonly addToQueue: (uri: string) => Promise<CommandResult | null>;
  /** The in-window keys' shuffle (S): the opposite of what is shown. */
  readonly toggleShuffle: () => void;
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
    playContext: (input) => settle(() => api.player.playContext(input)),
    addToQueue: (uri) => settle(() => api.library.addToQueue({ uri })),
    toggleShuffle() {
      const snapshot = store.get().snapshot;
      if (snapshot !== null) actions.setShuffle(!snapshot.shuffle);
    },
    refreshDevices: () => fire(() => api.player.refreshDevices()),
    dismissError() {
      store.update({ localError: null });
      if (store.get().snapshot?.error) fire(() => api.player.dismissError());
    },
    retryConnection: () => fire(() => api.player.retry()),
  };
  return actions;
}

/** A key's player control, whose disabled reason (an ad, Spotify's disallows) the key respects as the button does. */
const KEY_CONTROLS: Partial<Record<KeyAction, PlayerControl>> = {
  next: 'next',
  previous: 'previous',
  toggleLike: 'like',
  toggleShuffle: 'shuffle',
  cycleRepeat: 'repeat',
};

/**
 * Carries out an in-window key. A key whose button is disabled sends nothing and says why (through the
 * live region), as the button's tooltip would.
 */
export function runKeyAction(action: KeyAction, actions: PlayerActions, store: Store): void {
  const control = KEY_CONTROLS[action];
  const snapshot = store.get().snapshot;
  // Local mode: only the transport goes to the computer's player; the rest (seek and volume included,
  // which have no button of their own to refuse) says it needs an account.
  if (keyNeedsAccount(action, snapshot)) {
    store.announce(USER_MESSAGES.needsAccount);
    return;
  }
  if (control !== undefined && snapshot !== null) {
    const state = controlState(snapshot, control);
    if (!state.enabled) {
      if (state.reason !== null) store.announce(state.reason);
      return;
    }
  }
  switch (action) {
    case 'togglePlay':
      return actions.togglePlay();
    case 'seekBack':
      return actions.seekBy(-SEEK_STEP_MS);
    case 'seekForward':
      return actions.seekBy(SEEK_STEP_MS);
    case 'volumeUp':
      return actions.volumeBy(VOLUME_STEP);
    case 'volumeDown':
      return actions.volumeBy(-VOLUME_STEP);
    case 'next':
      return actions.next();
    case 'previous':
      return actions.previous();
    case 'toggleLike':
      return actions.toggleLike();
    case 'toggleShuffle':
      return actions.toggleShuffle();
    case 'cycleRepeat':
      return actions.cycleRepeat();
  }
}

/**
 * Shows a failed CommandResult of a list action once: nothing when the player's own error (snapshot.error,
 * which the alert shows) already says it, else as the window's local error.
 */
export function reportFailure(store: Store, result: CommandResult | null): void {
  if (result === null || result.ok) return;
  if (store.get().snapshot?.error?.message === result.error.message) return;
  store.update({ localError: result.error.message });
}
