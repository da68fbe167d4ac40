import type { Clock } from '../../util/clock.ts';
import type { CallOptions } from '../api-client.ts';
import type { RateLimitGate } from '../rate-limit-gate.ts';
import type { SpotifyWebApi } from '../web-api.ts';
import { CommandQueue } from './command-queue.ts';
import { ConnectionTracker } from './connection.ts';
import { MESSAGES, effectOf, kindOf, messageOf, type FailureEffect } from './failures.ts';
import {
  progressOf,
  toPlaybackModel,
  toPlayerDevice,
  trackEndsAt,
  type PlaybackModel,
  type PlayerView,
} from './model.ts';
import { applyAll, type OptimisticChange } from './optimistic.ts';
import { TimerSlot, type Scheduler } from './scheduler.ts';
import { DEFAULT_SYNC_POLICY, nextRead, type Activity, type SyncPolicyOptions } from './sync-policy.ts';
import {
  nextRepeatMode,
  type CommandKind,
  type CommandResult,
  type PendingOperation,
  type PlayerDevice,
  type PlayerError,
  type PlayerItem,
  type PlayerSnapshot,
  type RepeatState,
} from './types.ts';

/** The Web API operations the engine uses (a SpotifyWebApi; fakes only need these). */
export type PlayerApi = Pick<
  SpotifyWebApi,
  | 'getPlaybackState'
  | 'getDevices'
  | 'transferPlayback'
  | 'play'
  | 'pause'
  | 'next'
  | 'previous'
  | 'seek'
  | 'setVolume'
  | 'setShuffle'
  | 'setRepeat'
  | 'addToQueue'
  | 'checkLibrary'
  | 'saveToLibrary'
  | 'removeFromLibrary'
> & { readonly client?: { readonly gate: RateLimitGate } };

/** The parts of the AuthSession the engine watches. */
export interface PlayerSession {
  readonly isSignedIn: boolean;
  on(event: 'reconnect-needed', listener: (error: Error) => void): unknown;
  off(event: 'reconnect-needed', listener: (error: Error) => void): unknown;
}

export interface PlayerEngineOptions {
  api: PlayerApi;
  clock: Clock;
  scheduler: Scheduler;
  /** Watched for 'reconnect-needed' (refresh token expired or revoked). */
  session?: PlayerSession;
  /** Overrides of the sync policy (DEFAULT_SYNC_POLICY). */
  sync?: Partial<SyncPolicyOptions>;
  /**
   * When a command finds no active device: move playback to the last used device (if it is still in the
   * user's device list) and retry the command once. Default true.
   */
  autoTransfer?: boolean;
  /** The device used last time (persisted by the app), for auto-transfer. */
  lastDeviceId?: string | null;
  /** Whether the mini-player is shown at start. Default false. */
  visible?: boolean;
}

export type SnapshotListener = (snapshot: PlayerSnapshot) => void;

interface Overlay {
  readonly opId: number;
  readonly change: OptimisticChange;
  /** Sequence number when its command succeeded; the first read started after that replaces it. */
  settledSeq: number | null;
}

interface ViewMemo {
  readonly playback: PlaybackModel | null;
  readonly liked: PlayerView['liked'];
  readonly overlays: readonly Overlay[];
  readonly view: PlayerView;
}

interface CommandSpec {
  kind: CommandKind;
  /** Waiting commands with the same key are replaced (latest wins). */
  key?: string;
  /** Shown at once, rolled back if Spotify refuses. Computed when the command is issued. */
  change?: OptimisticChange;
  /** A player command: needs Premium and an active device. */
  player: boolean;
  /** Read the player state after the burst of commands this one is part of. */
  read: boolean;
  send: (options: CallOptions) => Promise<void>;
  onSuccess?: () => void;
}

/**
 * The player engine: holds playback state, devices, the liked state of the current item and the
 * connection state; keeps them in sync with Spotify by polling as little as the UI allows (see
 * sync-policy.ts); carries out commands optimistically; and emits frozen snapshots to subscribers.
 * Everything timed goes through the injected clock and scheduler. No Electron.
 *
 * Rules worth knowing:
 * - Commands never reject: they resolve with a CommandResult, and a failure also lands in the snapshot.
 * - Commands run one at a time in the order given (Spotify does not order concurrent ones); volume, seek,
 *   play/pause, shuffle, repeat and like are "latest wins" while waiting.
 * - Requests never wait out a 429: the engine shows 'rate-limited' and reads again when the pause ends;
 *   commands given during the pause are refused with a message rather than held.
 * - 'premium-required' (learnt from a 403 PREMIUM_REQUIRED) refuses player commands locally and is kept
 *   until `resetConnection()` (the user says they upgraded); reads and library commands go on.
 */
export class PlayerEngine {
  readonly #api: PlayerApi;
  readonly #clock: Clock;
  readonly #session: PlayerSession | undefined;
  readonly #policy: SyncPolicyOptions;
  readonly #autoTransfer: boolean;
  readonly #timer: TimerSlot;
  readonly #listeners = new Set<SnapshotListener>();
  readonly #commands: CommandQueue<CommandResult>;
  readonly #abort = new AbortController();

  #started = false;
  #stopped = false;
  #visible: boolean;
  #suspended = false;

  // What Spotify last said.
  #playback: PlaybackModel | null = null;
  #liked: { uri: string; value: boolean } | null = null;
  #likedCheckedUri: string | null = null;
  #devices: readonly PlayerDevice[] = [];
  #lastDeviceId: string | null;
  #overlays: readonly Overlay[] = [];
  #viewMemo: ViewMemo | null = null;
  #pending: PendingOperation[] = [];
  #nextOpId = 1;

  readonly #conn: ConnectionTracker;
  #error: PlayerError | null = null;

  // Sync.
  #lastReadAt: number | null = null;
  #consecutiveErrors = 0;
  #promptReadAt: number | null = null;
  #reading: Promise<void> | null = null;
  /** The last read found nothing active (devices were fetched for the offer). */
  #knownIdle = false;
  #readAfterCommands = false;
  #seq = 0;
  #inflight = 0;
  #idleWaiters: (() => void)[] = [];
  /** The last command refused for want of an active device: retried once after `transferTo()`. */
  #stashed: CommandSpec | null = null;

  constructor(options: PlayerEngineOptions) {
    this.#api = options.api;
    this.#clock = options.clock;
    this.#session = options.session;
    this.#policy = { ...DEFAULT_SYNC_POLICY, ...options.sync };
    this.#autoTransfer = options.autoTransfer ?? true;
    this.#lastDeviceId = options.lastDeviceId ?? null;
    this.#visible = options.visible ?? false;
    this.#timer = new TimerSlot(options.scheduler);
    this.#conn = new ConnectionTracker(() => this.#api.client?.gate.rateLimitedUntil);
    this.#commands = new CommandQueue<CommandResult>({
      onError: (error) => ({ ok: false, error: this.#playerError(error, 'sync') }),
      onIdle: () => this.#onCommandsIdle(),
    });
  }

  // --- lifecycle -----------------------------------------------------------------------------------

  /** Starts syncing; resolves after the first state read (never rejects). */
  async start(): Promise<void> {
    if (this.#started || this.#stopped) return;
    this.#started = true;
    const gate = this.#api.client?.gate;
    gate?.on('rate-limited', this.#onRateLimited);
    gate?.on('quota-exceeded', this.#onQuotaExceeded);
    gate?.on('quota-reset', this.#onQuotaReset);
    this.#session?.on('reconnect-needed', this.#onReconnectNeeded);
    if (gate?.quotaExceeded) this.#conn.quota = gate.quotaExceeded.message;
    if (this.#session && !this.#session.isSignedIn) this.#conn.signedOut = MESSAGES.signedOut;
    this.#emit();
    await this.#read();
  }

  /** Stops syncing for good: timers cleared, requests in flight aborted, waiting commands refused. */
  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#timer.clear();
    this.#abort.abort();
    const error: PlayerError = {
      kind: 'refused',
      message: MESSAGES.stopped,
      source: 'sync',
      at: this.#clock.now(),
      until: null,
    };
    this.#commands.drop({ ok: false, error });
    const gate = this.#api.client?.gate;
    gate?.off('rate-limited', this.#onRateLimited);
    gate?.off('quota-exceeded', this.#onQuotaExceeded);
    gate?.off('quota-reset', this.#onQuotaReset);
    this.#session?.off('reconnect-needed', this.#onReconnectNeeded);
    this.#listeners.clear();
  }

  /** Resolves when no request of the engine is in flight and no command waits (tests, shutdown). */
  async settled(): Promise<void> {
    for (;;) {
      if (!this.#idle()) {
        await new Promise<void>((resolve) => this.#idleWaiters.push(resolve));
        continue;
      }
      // Give just-finished work one turn to start a follow-up (a liked check, the next command).
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.#idle()) return;
    }
  }

  // --- snapshots -----------------------------------------------------------------------------------

  /** The current snapshot, with progress interpolated to now. */
  getSnapshot(): PlayerSnapshot {
    return this.#build(this.#clock.now());
  }

  /** Calls `listener` with every new snapshot (not with the current one). Returns the unsubscribe. */
  subscribe(listener: SnapshotListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  // --- inputs that shape the sync ----------------------------------------------------------------

  /** The mini-player was shown or hidden. Shown: a stale state is read at once. */
  setVisible(visible: boolean): void {
    if (this.#visible === visible) return;
    this.#visible = visible;
    this.#reschedule();
  }

  /** The machine goes to sleep: no reads until `notifyResume()`. */
  notifySuspend(): void {
    this.#suspended = true;
    this.#timer.clear();
  }

  /** The machine woke up: one prompt read (the progress jumped while asleep). */
  notifyResume(): void {
    if (!this.#suspended) return;
    this.#suspended = false;
    this.#prompt(this.#policy.resumeReadMs);
  }

  /** The OS says the network went away or came back. Back: one prompt read. */
  setOnline(online: boolean): void {
    if (this.#conn.osOnline === online) return;
    this.#conn.osOnline = online;
    if (online) {
      this.#prompt(this.#policy.resumeReadMs);
    } else {
      this.#reschedule();
    }
    this.#emit();
  }

  /**
   * The user's "try again": clears a quota stop (the gate lets requests through again), the Premium
   * refusal, network and error states, and reads at once.
   */
  resetConnection(): void {
    this.#conn.premium = null;
    this.#conn.netOffline = null;
    this.#error = null;
    this.#consecutiveErrors = 0;
    if (this.#conn.quota !== null) {
      this.#conn.quota = null;
      this.#api.client?.gate.resetQuota();
    }
    this.#prompt(0);
    this.#emit();
  }

  /**
   * `resetConnection()`, then the prompt state read it asks for, awaited: ok when Spotify answered it,
   * else the read's error (which the snapshot shows too). Refused without a request while stopped, signed
   * out or offline (those end by other means).
   */
  async retry(): Promise<CommandResult> {
    const refuse = (kind: string, message: string): CommandResult => ({
      ok: false,
      error: { kind, message, source: 'sync', at: this.#clock.now(), until: null },
    });
    if (this.#stopped) return refuse('refused', MESSAGES.stopped);
    this.resetConnection();
    const signedOut = this.#conn.signedOut ?? this.#conn.reconnect;
    if (signedOut !== null) return refuse('unauthorized', signedOut);
    if (!this.#conn.osOnline) return refuse('network', MESSAGES.offline);
    // A read that started before the reset may carry an answer from before it: read once more after it.
    if (this.#reading) await this.#reading;
    await this.#read();
    const error = this.#error;
    return error !== null && error.source === 'sync' ? { ok: false, error } : { ok: true };
  }

  /** Forgets the last error shown. */
  dismissError(): void {
    if (this.#error === null) return;
    this.#error = null;
    this.#emit();
  }

  // --- commands ----------------------------------------------------------------------------------

  togglePlay(): Promise<CommandResult> {
    return this.#view()?.isPlaying ? this.pause() : this.play();
  }

  /** Resumes playback. */
  play(): Promise<CommandResult> {
    return this.#command({
      kind: 'play',
      key: 'playback',
      change: { kind: 'play', at: this.#clock.now() },
      player: true,
      read: true,
      send: (options) => this.#api.play({}, options),
    });
  }

  pause(): Promise<CommandResult> {
    return this.#command({
      kind: 'pause',
      key: 'playback',
      change: { kind: 'pause', at: this.#clock.now() },
      player: true,
      read: true,
      send: (options) => this.#api.pause({}, options),
    });
  }

  /** Every press is sent (in order): three presses skip three tracks. */
  next(): Promise<CommandResult> {
    return this.#command({
      kind: 'next',
      player: true,
      read: true,
      send: (options) => this.#api.next({}, options),
    });
  }

  previous(): Promise<CommandResult> {
    return this.#command({
      kind: 'previous',
      player: true,
      read: true,
      send: (options) => this.#api.previous({}, options),
    });
  }

  /** Latest wins: a drag sends the position it ends on (plus the one in flight when it began). */
  seek(positionMs: number): Promise<CommandResult> {
    const target = Math.max(0, Math.round(positionMs));
    return this.#command({
      kind: 'seek',
      key: 'seek',
      change: { kind: 'seek', at: this.#clock.now(), positionMs: target },
      player: true,
      read: true,
      send: (options) => this.#api.seek(target, {}, options),
    });
  }

  /** 0..100. Latest wins while a request is in flight. */
  setVolume(percent: number): Promise<CommandResult> {
    const target = Math.min(100, Math.max(0, Math.round(percent)));
    return this.#command({
      kind: 'volume',
      key: 'volume',
      change: { kind: 'volume', percent: target },
      player: true,
      read: true,
      send: (options) => this.#api.setVolume(target, {}, options),
    });
  }

  toggleShuffle(): Promise<CommandResult> {
    return this.setShuffle(!(this.#view()?.shuffle ?? false));
  }

  setShuffle(on: boolean): Promise<CommandResult> {
    return this.#command({
      kind: 'shuffle',
      key: 'shuffle',
      change: { kind: 'shuffle', on },
      player: true,
      read: true,
      send: (options) => this.#api.setShuffle(on, {}, options),
    });
  }

  /** off → context → track → off. */
  cycleRepeat(): Promise<CommandResult> {
    return this.setRepeat(nextRepeatMode(this.#view()?.repeat ?? 'off'));
  }

  setRepeat(mode: RepeatState): Promise<CommandResult> {
    return this.#command({
      kind: 'repeat',
      key: 'repeat',
      change: { kind: 'repeat', mode },
      player: true,
      read: true,
      send: (options) => this.#api.setRepeat(mode, {}, options),
    });
  }

  /** Saves or removes the current item in Liked Songs (a library call: no Premium, no device needed). */
  toggleLike(): Promise<CommandResult> {
    const view = this.#currentView();
    const item = view.playback?.item ?? null;
    if (item === null || item.isLocal) {
      return Promise.resolve(this.#refuse('like', 'refused', 'Nothing is playing that could be liked.'));
    }
    const liked = !(likedOf(view, item) ?? false);
    const uris = [item.uri];
    return this.#command({
      kind: 'like',
      key: `like:${item.uri}`,
      change: { kind: 'like', uri: item.uri, liked },
      player: false,
      read: false,
      send: (options) =>
        liked ? this.#api.saveToLibrary(uris, options) : this.#api.removeFromLibrary(uris, options),
      onSuccess: () => {
        this.#liked = { uri: item.uri, value: liked };
      },
    });
  }

  /**
   * Moves playback to a device (`play`: start it there). After a command failed for want of an active
   * device, that command is retried once on the new device.
   */
  transferTo(deviceId: string, params: { play?: boolean } = {}): Promise<CommandResult> {
    const known = this.#devices.find((device) => device.id === deviceId);
    const device: PlayerDevice = known ?? {
      id: deviceId,
      name: 'Device',
      type: 'Unknown',
      isActive: true,
      isRestricted: false,
      volumePercent: null,
      supportsVolume: true,
    };
    const retry = this.#stashed;
    this.#stashed = null;
    return this.#command(
      {
        kind: 'transfer',
        change: { kind: 'transfer', device },
        player: true,
        read: true,
        send: (options) => this.#api.transferPlayback(deviceId, params, options),
        onSuccess: () => this.#deviceChosen(deviceId),
      },
      retry,
    );
  }

  /** Plays track/episode URIs (optionally from `offset`). */
  playUris(
    uris: readonly string[],
    params: { offset?: number; positionMs?: number } = {},
  ): Promise<CommandResult> {
    return this.#command({
      kind: 'play-items',
      change: { kind: 'play', at: this.#clock.now() },
      player: true,
      read: true,
      send: (options) =>
        this.#api.play(
          {
            uris,
            ...(params.offset !== undefined && { offset: { position: params.offset } }),
            ...(params.positionMs !== undefined && { positionMs: params.positionMs }),
          },
          options,
        ),
    });
  }

  /** Plays an album, playlist, artist or show, optionally from a track URI or index in it. */
  playContext(contextUri: string, params: { offset?: number | string } = {}): Promise<CommandResult> {
    const offset =
      params.offset === undefined
        ? undefined
        : typeof params.offset === 'number'
          ? { position: params.offset }
          : { uri: params.offset };
    return this.#command({
      kind: 'play-items',
      change: { kind: 'play', at: this.#clock.now() },
      player: true,
      read: true,
      send: (options) => this.#api.play({ contextUri, ...(offset && { offset }) }, options),
    });
  }

  /** Adds to the end of the queue (nothing in the snapshot changes). */
  addToQueue(uri: string): Promise<CommandResult> {
    return this.#command({
      kind: 'queue',
      player: true,
      read: false,
      send: (options) => this.#api.addToQueue(uri, {}, options),
    });
  }

  /** Fetches the user's devices into the snapshot (e.g. when the device picker opens). */
  async refreshDevices(): Promise<CommandResult> {
    if (this.#stopped) {
      const error: PlayerError = {
        kind: 'refused',
        message: MESSAGES.stopped,
        source: 'devices',
        at: this.#clock.now(),
        until: null,
      };
      return { ok: false, error };
    }
    try {
      await this.#fetchDevices();
      this.#emit();
      return { ok: true };
    } catch (error) {
      const failure = this.#playerError(error, 'devices');
      const effect = effectOf(error, this.#sessionState());
      this.#conn.apply(effect, error);
      if (effect !== 'aborted') this.#error = failure;
      this.#reschedule();
      this.#emit();
      return { ok: false, error: failure };
    }
  }

  // --- command machinery ---------------------------------------------------------------------------

  #command(spec: CommandSpec, retryAfter: CommandSpec | null = null): Promise<CommandResult> {
    const refusal = this.#refusal(spec);
    if (refusal) return Promise.resolve(refusal);
    // A new command (other than the transfer that retries it) makes an earlier refused one stale.
    if (spec.kind !== 'transfer') this.#stashed = null;
    const op = this.#addOperation(spec);
    this.#emit();
    return this.#commands.enqueue({
      key: spec.key,
      run: async () => {
        const result = await this.#execute(spec, op);
        if (result.ok && retryAfter !== null) return this.#retryCommand(retryAfter);
        return result;
      },
      onSuperseded: () => this.#removeOperation(op.id),
    });
  }

  /** Refused before any request: stopped, signed out, quota, rate limit, Premium. */
  #refusal(spec: CommandSpec): CommandResult | undefined {
    if (this.#stopped) return this.#refuse(spec.kind, 'refused', MESSAGES.stopped);
    if (this.#conn.signedOut !== null) return this.#refuse(spec.kind, 'unauthorized', this.#conn.signedOut);
    if (this.#conn.reconnect !== null) return this.#refuse(spec.kind, 'unauthorized', this.#conn.reconnect);
    if (this.#conn.quota !== null) return this.#refuse(spec.kind, 'quota-exceeded', this.#conn.quota);
    const until = this.#conn.rateLimitUntil(this.#clock.now());
    if (until !== null) return this.#refuse(spec.kind, 'rate-limited', MESSAGES.rateLimited, until);
    if (spec.player && this.#conn.premium !== null)
      return this.#refuse(spec.kind, 'premium-required', this.#conn.premium);
    return undefined;
  }

  #refuse(source: CommandKind, kind: string, message: string, until: number | null = null): CommandResult {
    const error: PlayerError = { kind, message, source, at: this.#clock.now(), until };
    if (!this.#stopped) {
      this.#error = error;
      this.#emit();
    }
    return { ok: false, error };
  }

  #addOperation(spec: CommandSpec): PendingOperation {
    const op: PendingOperation = { id: this.#nextOpId++, kind: spec.kind };
    this.#pending.push(op);
    // A new array, not a push: the memoized view is keyed on it (see #currentView).
    if (spec.change)
      this.#overlays = [...this.#overlays, { opId: op.id, change: spec.change, settledSeq: null }];
    return op;
  }

  #removeOperation(opId: number): void {
    this.#pending = this.#pending.filter((op) => op.id !== opId);
    this.#overlays = this.#overlays.filter((overlay) => overlay.opId !== opId);
  }

  /** Sends one command; on "no active device" finds a device (auto-transfer) and retries once. */
  async #execute(spec: CommandSpec, op: PendingOperation, isRetry = false): Promise<CommandResult> {
    // The state may have changed while it waited in the queue.
    const refusal = this.#refusal(spec);
    if (refusal) {
      this.#removeOperation(op.id);
      this.#emit();
      return refusal;
    }
    try {
      await this.#io(() => spec.send(this.#callOptions()));
    } catch (error) {
      const effect = effectOf(error, this.#sessionState());
      if (effect === 'no-device' && !isRetry) return this.#recoverNoDevice(spec, op, error);
      return this.#commandFailed(spec, op, error, effect);
    }
    this.#commandSucceeded(spec, op);
    return { ok: true };
  }

  #commandSucceeded(spec: CommandSpec, op: PendingOperation): void {
    const seq = ++this.#seq;
    this.#pending = this.#pending.filter((pending) => pending.id !== op.id);
    const overlay = this.#overlays.find((entry) => entry.opId === op.id);
    if (overlay) overlay.settledSeq = seq;
    if (spec.read) this.#readAfterCommands = true;
    spec.onSuccess?.();
    if (this.#error !== null && this.#error.source !== 'sync') this.#error = null;
    this.#emit();
  }

  #commandFailed(
    spec: CommandSpec,
    op: PendingOperation,
    error: unknown,
    effect: FailureEffect,
  ): CommandResult {
    this.#removeOperation(op.id); // the rollback: the view falls back to the last read
    const failure = this.#playerError(error, spec.kind);
    if (effect !== 'aborted') {
      this.#conn.apply(effect, error, 'command');
      this.#error = failure;
      if (effect === 'no-device') this.#stashed = spec;
      // A refused command may mean the picture is off (e.g. paused elsewhere): check it after the burst.
      // One that got no answer: the read after the burst also says whether Spotify can be reached.
      if (spec.read || effect === 'offline') this.#readAfterCommands = true;
      this.#emit();
    }
    return { ok: false, error: failure };
  }

  /**
   * NO_ACTIVE_DEVICE: fetch the devices (the snapshot offers them). If auto-transfer is on and the last
   * used device is listed, move playback there and send the command once more.
   */
  async #recoverNoDevice(spec: CommandSpec, op: PendingOperation, error: unknown): Promise<CommandResult> {
    this.#conn.noDevice = true;
    try {
      await this.#fetchDevices();
    } catch (devicesError) {
      const effect = effectOf(devicesError, this.#sessionState());
      if (effect !== 'no-device' && effect !== 'aborted') this.#conn.apply(effect, devicesError);
      return this.#commandFailed(spec, op, error, 'no-device');
    }
    const target = this.#autoTransfer
      ? this.#devices.find((device) => device.id === this.#lastDeviceId && !device.isRestricted)
      : undefined;
    if (target === undefined || target.id === null) return this.#commandFailed(spec, op, error, 'no-device');
    const deviceId = target.id;
    try {
      await this.#io(() => this.#api.transferPlayback(deviceId, {}, this.#callOptions()));
    } catch (transferError) {
      const effect = effectOf(transferError, this.#sessionState());
      if (effect === 'refused' || effect === 'no-device')
        return this.#commandFailed(spec, op, error, 'no-device');
      return this.#commandFailed(spec, op, transferError, effect);
    }
    this.#deviceChosen(deviceId);
    this.#emit();
    return this.#execute(spec, op, true);
  }

  /** The command that failed for want of a device, once more after `transferTo()`. */
  #retryCommand(spec: CommandSpec): Promise<CommandResult> {
    const refusal = this.#refusal(spec);
    if (refusal) return Promise.resolve(refusal);
    const change = spec.change && this.#refreshChange(spec.change);
    const retry: CommandSpec = change ? { ...spec, change } : spec;
    const op = this.#addOperation(retry);
    this.#emit();
    return this.#execute(retry, op, true);
  }

  /** Play/pause/seek changes carry a time; a retry shows them from now. */
  #refreshChange(change: OptimisticChange): OptimisticChange {
    return 'at' in change ? { ...change, at: this.#clock.now() } : change;
  }

  #deviceChosen(deviceId: string): void {
    this.#lastDeviceId = deviceId;
    this.#conn.noDevice = false;
    this.#devices = Object.freeze(
      this.#devices.map((device) => ({ ...device, isActive: device.id === deviceId })),
    );
  }

  #onCommandsIdle(): void {
    if (this.#readAfterCommands) {
      // One read for the whole burst, a moment after its last command settled.
      this.#readAfterCommands = false;
      this.#prompt(this.#policy.postCommandReadMs);
    } else {
      this.#reschedule();
    }
    this.#checkIdle();
  }

  // --- reading ---------------------------------------------------------------------------------------

  /** Reads the player state; one read at a time (a read asked for meanwhile is scheduled after it). */
  #read(): Promise<void> {
    if (this.#reading) return this.#reading;
    const reading = this.#doRead().finally(() => {
      this.#reading = null;
      this.#reschedule();
      this.#emit();
      this.#checkIdle();
    });
    this.#reading = reading;
    return reading;
  }

  async #doRead(): Promise<void> {
    const startSeq = this.#seq;
    this.#promptReadAt = null;
    try {
      const state = await this.#io(() => this.#api.getPlaybackState(this.#callOptions()));
      const now = this.#clock.now();
      this.#playback = state === null ? null : toPlaybackModel(state, now);
      // Changes whose commands settled before this read started are in it now; later ones stay on top.
      this.#overlays = this.#overlays.filter(
        (overlay) => overlay.settledSeq === null || overlay.settledSeq > startSeq,
      );
      this.#readSucceeded();
      if (this.#playback === null) {
        // Nothing active: offer the devices, fetched once when this starts (not on every read).
        const entering = !this.#knownIdle;
        this.#knownIdle = true;
        this.#conn.noDevice = true;
        if (entering) await this.#tryFetchDevices();
      } else {
        this.#knownIdle = false;
        this.#conn.noDevice = false;
        this.#stashed = null;
        const device = this.#playback.device;
        if (device?.id) this.#sawDevice(device);
        await this.#checkLiked();
      }
    } catch (error) {
      this.#readFailed(error);
    } finally {
      this.#lastReadAt = this.#clock.now();
    }
  }

  #readSucceeded(): void {
    this.#consecutiveErrors = 0;
    this.#conn.netOffline = null;
    if (this.#error !== null && (this.#error.source === 'sync' || this.#error.source === 'devices')) {
      this.#error = null;
    }
  }

  #readFailed(error: unknown): void {
    const effect = effectOf(error, this.#sessionState());
    if (effect === 'aborted') return;
    if (effect === 'offline' || effect === 'transient' || effect === 'refused') this.#consecutiveErrors++;
    this.#conn.apply(effect, error);
    this.#error = this.#playerError(error, 'sync');
  }

  #sawDevice(device: PlayerDevice): void {
    this.#lastDeviceId = device.id;
    if (this.#devices.length === 0) return;
    const listed = this.#devices.some((entry) => entry.id === device.id);
    const devices = this.#devices.map((entry) =>
      entry.id === device.id ? device : entry.isActive ? { ...entry, isActive: false } : entry,
    );
    this.#devices = Object.freeze(listed ? devices : [...devices, device]);
  }

  /** Liked state: once per new item, not on a timer. */
  async #checkLiked(): Promise<void> {
    const item = this.#playback?.item;
    if (!item || item.isLocal || item.uri === this.#likedCheckedUri) return;
    this.#likedCheckedUri = item.uri;
    try {
      const [value] = await this.#io(() => this.#api.checkLibrary([item.uri], this.#callOptions()));
      if (value !== undefined) this.#liked = { uri: item.uri, value };
    } catch (error) {
      const effect = effectOf(error, this.#sessionState());
      // Not answered at all (paused, offline): ask again with the next read.
      if (effect === 'rate-limited' || effect === 'offline') this.#likedCheckedUri = null;
      if (effect !== 'transient' && effect !== 'refused') this.#conn.apply(effect, error);
    }
  }

  async #fetchDevices(): Promise<void> {
    const devices = await this.#io(() => this.#api.getDevices(this.#callOptions()));
    this.#devices = Object.freeze(devices.map(toPlayerDevice));
  }

  async #tryFetchDevices(): Promise<void> {
    try {
      await this.#fetchDevices();
    } catch (error) {
      const effect = effectOf(error, this.#sessionState());
      if (effect !== 'transient' && effect !== 'refused') this.#conn.apply(effect, error);
    }
  }

  // --- scheduling ------------------------------------------------------------------------------------

  #halted(): boolean {
    return !this.#started || this.#stopped || this.#suspended || this.#conn.blocked;
  }

  #prompt(delayMs: number): void {
    const at = this.#clock.now() + delayMs;
    this.#promptReadAt = this.#promptReadAt === null ? at : Math.min(this.#promptReadAt, at);
    this.#reschedule();
  }

  #reschedule(): void {
    if (this.#reading) return; // rescheduled when the read ends
    const now = this.#clock.now();
    const view = this.#view();
    const activity: Activity = view === null ? 'idle' : view.isPlaying ? 'playing' : 'paused';
    const decision = nextRead(
      {
        now,
        lastReadAt: this.#lastReadAt,
        visible: this.#visible,
        activity,
        trackEndsAt: trackEndsAt(view, now),
        consecutiveErrors: this.#consecutiveErrors,
        rateLimitedUntil: this.#conn.rateLimitUntil(now),
        promptReadAt: this.#promptReadAt,
        online: this.#conn.osOnline,
        halted: this.#halted(),
      },
      this.#policy,
    );
    if (decision === null) {
      this.#timer.clear();
      return;
    }
    this.#timer.set(() => this.#onTimer(), decision.delayMs, now);
  }

  #onTimer(): void {
    if (this.#halted()) return;
    // Commands are going out: the read after them is coming, one now would be stale.
    if (this.#commands.busy) return;
    void this.#read();
  }

  // --- connection ------------------------------------------------------------------------------------

  readonly #onRateLimited = (until: number): void => {
    this.#conn.noteRateLimit(until);
    this.#reschedule();
    this.#emit();
  };

  readonly #onQuotaExceeded = (error: Error): void => {
    this.#conn.quota = error.message;
    this.#reschedule();
    this.#emit();
  };

  readonly #onQuotaReset = (): void => {
    if (this.#conn.quota === null) return;
    this.#conn.quota = null;
    this.#prompt(0);
    this.#emit();
  };

  readonly #onReconnectNeeded = (error: Error): void => {
    this.#conn.reconnect = error.message;
    this.#reschedule();
    this.#emit();
  };

  #sessionState(): { reconnectNeeded: boolean; signedIn: boolean | undefined } {
    return { reconnectNeeded: this.#conn.reconnect !== null, signedIn: this.#session?.isSignedIn };
  }

  // --- plumbing --------------------------------------------------------------------------------------

  #callOptions(): CallOptions {
    // Never wait out a 429 inside a request: the engine shows the pause and reads again after it.
    return { signal: this.#abort.signal, waitIfRateLimited: false };
  }

  async #io<T>(work: () => Promise<T>): Promise<T> {
    this.#inflight++;
    try {
      return await work();
    } finally {
      this.#inflight--;
      this.#checkIdle();
    }
  }

  #idle(): boolean {
    return this.#inflight === 0 && this.#reading === null && !this.#commands.busy;
  }

  #checkIdle(): void {
    if (!this.#idle()) return;
    for (const resolve of this.#idleWaiters.splice(0)) resolve();
  }

  #playerError(error: unknown, source: PlayerError['source']): PlayerError {
    const until = (error as { rateLimitedUntil?: unknown } | null)?.rateLimitedUntil;
    return {
      kind: kindOf(error),
      message: messageOf(error),
      source,
      at: this.#clock.now(),
      until: typeof until === 'number' ? until : null,
    };
  }

  /**
   * The view as shown: the last read with outstanding optimistic changes on top. Computed once per change
   * of its inputs: `#playback`, `#liked` and `#overlays` are only ever replaced, never changed in place,
   * and the changes do not depend on the time, so the same inputs give the same view.
   */
  #currentView(): PlayerView {
    const memo = this.#viewMemo;
    if (
      memo !== null &&
      memo.playback === this.#playback &&
      memo.liked === this.#liked &&
      memo.overlays === this.#overlays
    ) {
      return memo.view;
    }
    const view = applyAll(
      { playback: this.#playback, liked: this.#liked },
      this.#overlays.map((overlay) => overlay.change),
    );
    this.#viewMemo = { playback: this.#playback, liked: this.#liked, overlays: this.#overlays, view };
    return view;
  }

  /** The playback as shown. */
  #view(): PlaybackModel | null {
    return this.#currentView().playback;
  }

  #build(now: number): PlayerSnapshot {
    const view = this.#currentView();
    const playback = view.playback;
    const item = playback?.item ?? null;
    const liked = item === null ? null : likedOf(view, item);
    return deepFreeze({
      at: now,
      connection: this.#conn.describe(now),
      item,
      isPlaying: playback?.isPlaying ?? false,
      progressMs: playback ? progressOf(playback, now) : 0,
      device: playback?.device ?? null,
      volumePercent: playback?.volumePercent ?? null,
      shuffle: playback?.shuffle ?? false,
      repeat: playback?.repeat ?? 'off',
      liked,
      devices: this.#devices,
      lastDeviceId: this.#lastDeviceId,
      contextUri: playback?.contextUri ?? null,
      disallows: playback?.disallows ?? [],
      error: this.#error,
      pending: [...this.#pending],
    });
  }

  #emit(): void {
    if (this.#stopped || this.#listeners.size === 0) return;
    const snapshot = this.#build(this.#clock.now());
    for (const listener of [...this.#listeners]) {
      try {
        listener(snapshot);
      } catch (error) {
        // A broken listener must not break the engine or the other listeners.
        console.error('[player] snapshot listener failed:', error);
      }
    }
  }
}

/** Whether `item` is in Liked Songs, as the view says; null while unknown. */
function likedOf(view: PlayerView, item: PlayerItem): boolean | null {
  return view.liked !== null && view.liked.uri === item.uri ? view.liked.value : null;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
