import type { CallOptions } from '../api-client.ts';
import { isSpotifyApiError, SpotifyApiError } from '../errors.ts';
import type { PlayOptions } from '../web-api.ts';
import type { PlayerApi } from './context.ts';
import { MESSAGES } from './failures.ts';
import type { OptimisticChange } from './optimistic.ts';
import type { PlayerStore } from './store.ts';
import type { CommandKind, PlayerDevice, RepeatState } from './types.ts';

/** One command as the runner carries it out. */
export interface CommandSpec {
  readonly kind: CommandKind;
  /** Waiting commands with the same key are replaced (latest wins). */
  readonly key?: string | undefined;
  /** Shown at once, held until a read confirms it (store.ts), rolled back if Spotify refuses. */
  readonly change?: OptimisticChange | undefined;
  /** A player command: needs Premium and an active device. */
  readonly player: boolean;
  /** Read the player state after the burst of commands this one is part of. */
  readonly read: boolean;
  readonly send: (options: CallOptions) => Promise<void>;
  readonly onSuccess?: (() => void) | undefined;
}

/** What each command kind is given when pressed. */
export interface CommandArgs {
  play: null;
  pause: null;
  next: null;
  previous: null;
  seek: { readonly positionMs: number };
  volume: { readonly percent: number };
  shuffle: { readonly on: boolean };
  repeat: { readonly mode: RepeatState };
  /** `liked`: the target state, or null when the current one is unknown (asked for first). */
  like: { readonly uri: string; readonly liked: boolean | null };
  transfer: { readonly device: PlayerDevice & { readonly id: string }; readonly play?: boolean | undefined };
  'play-items': { readonly body: PlayOptions };
  queue: { readonly uri: string };
}

export type TableKind = keyof CommandArgs;

interface Deps {
  readonly api: PlayerApi;
  readonly store: PlayerStore;
  /** Clock time of the press. */
  readonly now: number;
}

/** One row of the table: data, plus the request. */
interface CommandEntry<A> {
  readonly key?: (args: A) => string;
  readonly change?: (args: A, deps: Deps) => OptimisticChange | undefined;
  readonly player: boolean;
  readonly read: boolean;
  readonly send: (args: A, deps: Deps, options: CallOptions) => Promise<void>;
  readonly onSuccess?: (args: A, deps: Deps) => void;
}

const skip =
  (direction: 'next' | 'previous') =>
  (_args: null, deps: Deps): OptimisticChange => ({
    kind: 'skip',
    direction,
    fromUri: deps.store.readItem?.uri ?? null,
    fromProgressMs: deps.store.readProgressMs(deps.now),
    at: deps.now,
  });

/**
 * Every command the engine sends: its latest-wins key, its optimistic change, whether it needs Premium
 * and a device, whether a read follows, and the request. next/previous have no key: every press is sent.
 */
const COMMANDS: { readonly [K in TableKind]: CommandEntry<CommandArgs[K]> } = {
  play: {
    key: () => 'playback',
    change: (_args, { now }) => ({ kind: 'play', at: now }),
    player: true,
    read: true,
    send: (_args, { api }, options) => api.play({}, options),
  },
  pause: {
    key: () => 'playback',
    change: (_args, { now }) => ({ kind: 'pause', at: now }),
    player: true,
    read: true,
    send: (_args, { api }, options) => api.pause({}, options),
  },
  next: {
    change: skip('next'),
    player: true,
    read: true,
    send: (_args, { api }, options) => api.next({}, options),
  },
  previous: {
    change: skip('previous'),
    player: true,
    read: true,
    send: (_args, { api }, options) => api.previous({}, options),
  },
  seek: {
    key: () => 'seek',
    change: ({ positionMs }, { now }) => ({ kind: 'seek', at: now, positionMs }),
    player: true,
    read: true,
    send: ({ positionMs }, { api }, options) => api.seek(positionMs, {}, options),
  },
  volume: {
    key: () => 'volume',
    change: ({ percent }) => ({ kind: 'volume', percent }),
    player: true,
    read: true,
    send: ({ percent }, { api }, options) => api.setVolume(percent, {}, options),
  },
  shuffle: {
    key: () => 'shuffle',
    change: ({ on }) => ({ kind: 'shuffle', on }),
    player: true,
    read: true,
    send: ({ on }, { api }, options) => api.setShuffle(on, {}, options),
  },
  repeat: {
    key: () => 'repeat',
    change: ({ mode }) => ({ kind: 'repeat', mode }),
    player: true,
    read: true,
    send: ({ mode }, { api }, options) => api.setRepeat(mode, {}, options),
  },
  like: {
    key: ({ uri }) => `like:${uri}`,
    change: ({ uri, liked }) => (liked === null ? undefined : { kind: 'like', uri, liked }),
    player: false,
    read: false,
    send: async ({ uri, liked }, { api, store }, options) => {
      // Not known (never checked while hidden): ask first, then toggle what Spotify says.
      let target = liked;
      if (target === null) {
        const [saved] = await api.checkLibrary([uri], options);
        target = !(saved ?? false);
      }
      await (target ? api.saveToLibrary([uri], options) : api.removeFromLibrary([uri], options));
      store.likedCheckedUri = uri;
      store.setLiked(uri, target);
    },
  },
  transfer: {
    change: ({ device }) => ({ kind: 'transfer', device }),
    player: true,
    read: true,
    send: async ({ device, play }, { api }, options) => {
      try {
        await api.transferPlayback(device.id, play === undefined ? {} : { play }, options);
      } catch (error) {
        // 404 "Device not found": the device left the list since it was fetched (switched off, asleep).
        if (isSpotifyApiError(error, 'not-found')) throw deviceGone(error);
        throw error;
      }
    },
    onSuccess: ({ device }, { store }) => store.deviceChosen(device.id),
  },
  'play-items': {
    change: (_args, { now }) => ({ kind: 'play', at: now }),
    player: true,
    read: true,
    send: ({ body }, { api }, options) => api.play(body, options),
  },
  queue: {
    player: true,
    read: false,
    send: ({ uri }, { api }, options) => api.addToQueue(uri, {}, options),
  },
};

function deviceGone(error: SpotifyApiError): SpotifyApiError {
  return new SpotifyApiError({
    kind: error.kind,
    status: error.status,
    reason: error.reason,
    detail: error.detail,
    operation: error.operation,
    message: MESSAGES.deviceGone,
    cause: error,
  });
}

/** The spec for one press of `kind` with `args`, its change computed now. */
export function commandSpec<K extends TableKind>(kind: K, args: CommandArgs[K], deps: Deps): CommandSpec {
  const entry = COMMANDS[kind] as CommandEntry<CommandArgs[K]>;
  const onSuccess = entry.onSuccess;
  return {
    kind,
    key: entry.key?.(args),
    change: entry.change?.(args, deps),
    player: entry.player,
    read: entry.read,
    send: (options) => entry.send(args, deps, options),
    onSuccess: onSuccess && (() => onSuccess(args, deps)),
  };
}
