import { USER_MESSAGES } from '../../../shared/messages.ts';
import type { Clock } from '../../util/clock.ts';
import { CommandRunner } from './command-runner.ts';
import { commandSpec, type CommandArgs, type TableKind } from './commands.ts';
import { ConnectionTracker } from './connection.ts';
import { EngineContext, type PlayerApi, type PlayerSession } from './context.ts';
import { MESSAGES, effectOf } from './failures.ts';
import { InFlightTracker } from './inflight.ts';
import { LocalPush, type LocalReport } from './local-push.ts';
import { isLikeable } from './model.ts';
import type { Scheduler } from './scheduler.ts';
import { likedOf, PlayerStore } from './store.ts';
import { SyncLoop } from './sync-loop.ts';
import { DEFAULT_SYNC_POLICY, type RequestBudgetView, type SyncPolicyOptions } from './sync-policy.ts';
import {
  nextRepeatMode,
  type CommandResult,
  type PlayerDevice,
  type PlayerSnapshot,
  type RepeatState,
} from './types.ts';

export interface PlayerEngineOptions {
  api: PlayerApi;
  clock: Clock;
  scheduler: Scheduler;
  /** Watched for 'reconnect-needed' (refresh token expired or revoked). */
  session?: PlayerSession;
  /** Overrides of the sync policy (DEFAULT_SYNC_POLICY). */
  sync?: Partial<SyncPolicyOptions>;
  /**
   * The day's request budget and the rolling rate limit (request-budget.ts). Absent: no budget, the
   * intervals are the policy's own.
   */
  budget?: RequestBudgetView;
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

/** Shown when Like is pressed during an optimistic skip: the item it would apply to is not known yet. */
const LIKE_WHILE_SKIPPING = 'The next item is still loading. Press Like again once it shows.';
const NOTHING_TO_LIKE = USER_MESSAGES.nothingToLike;
/** The same words as the Like button's tooltip (shared/player-controls.ts). */
const CANNOT_LIKE = {
  local: USER_MESSAGES.localFilesCannotBeLiked,
  ad: USER_MESSAGES.adsCannotBeLiked,
  unsupported: USER_MESSAGES.unsupportedCannotBeLiked,
} as const;

/**
 * The player engine: a facade over its parts (see src/main/spotify/README.md):
 * - store.ts: the facts read from Spotify, the optimistic overlay, the snapshot;
 * - commands.ts (the command table) and command-runner.ts (queue, refusals, device recovery);
 * - sync-loop.ts with sync-policy.ts: when to read, the read itself, backoff, the request budget;
 * - inflight.ts: requests in flight and `settled()`.
 * Everything timed goes through the injected clock and scheduler. No Electron.
 *
 * Rules worth knowing:
 * - Commands never reject: they resolve with a CommandResult, and a failure also lands in the snapshot.
 * - Commands run one at a time in the order given (Spotify does not order concurrent ones); volume, seek,
 *   play/pause, shuffle, repeat and like are "latest wins" while waiting.
 * - An own command's change shows at once and holds until a read confirms it or its settle deadline
 *   passes (no flicker from Spotify's lagging reads); a refused command rolls back.
 * - Requests never wait out a 429: the engine shows 'rate-limited' and reads again when the pause ends;
 *   commands given during the pause are refused with a message rather than held.
 * - 'premium-required' (learnt from a 403 PREMIUM_REQUIRED) refuses player commands locally and is kept
 *   until `resetConnection()` (the user says they upgraded); reads and library commands go on.
 */
export class PlayerEngine {
  readonly #ctx: EngineContext;
  readonly #store: PlayerStore;
  readonly #conn: ConnectionTracker;
  readonly #sync: SyncLoop;
  readonly #runner: CommandRunner;
  readonly #listeners = new Set<SnapshotListener>();
  readonly #push: LocalPush;
  readonly #policy: SyncPolicyOptions;
  #started = false;

  constructor(options: PlayerEngineOptions) {
    const policy = (this.#policy = { ...DEFAULT_SYNC_POLICY, ...options.sync });
    const api = options.api;
    // A read started within the settle time of a report may still show the state before it.
    this.#push = new LocalPush({ agreementGraceMs: policy.settleMs });
    this.#store = new PlayerStore({ settleMs: policy.settleMs, lastDeviceId: options.lastDeviceId ?? null });
    this.#conn = new ConnectionTracker(() => api.client?.gate.rateLimitedUntil);
    const inflight = new InFlightTracker(() => this.#sync.reading === null && !this.#runner.busy);
    this.#ctx = new EngineContext({
      api,
      clock: options.clock,
      store: this.#store,
      conn: this.#conn,
      inflight,
      session: options.session,
      emit: () => this.#emit(),
    });
    this.#sync = new SyncLoop(this.#ctx, {
      policy,
      budget: options.budget,
      scheduler: options.scheduler,
      visible: options.visible ?? false,
      hooks: {
        commandsBusy: () => this.#runner.busy,
        playbackSeen: () => this.#runner.forgetStashed(),
        pushActive: () => this.#push.active,
        playbackRead: (playback, startedAt) => this.#push.readApplied(playback, startedAt),
      },
    });
    this.#runner = new CommandRunner(
      this.#ctx,
      {
        fetchDevices: () => this.#sync.fetchDevices(),
        commandsIdle: (read) => this.#sync.commandsIdle(read),
      },
      { autoTransfer: options.autoTransfer ?? true },
    );
  }

  // --- lifecycle -----------------------------------------------------------------------------------

  /** Starts syncing; resolves after the first state read (never rejects). */
  async start(): Promise<void> {
    if (this.#started || this.#ctx.stopped) return;
    this.#started = true;
    const gate = this.#ctx.api.client?.gate;
    gate?.on('rate-limited', this.#onRateLimited);
    gate?.on('quota-exceeded', this.#onQuotaExceeded);
    gate?.on('quota-reset', this.#onQuotaReset);
    this.#ctx.session?.on('reconnect-needed', this.#onReconnectNeeded);
    if (gate?.quotaExceeded) this.#conn.quota = gate.quotaExceeded.message;
    if (this.#ctx.session && !this.#ctx.session.isSignedIn) this.#conn.signedOut = MESSAGES.signedOut;
    this.#emit();
    await this.#sync.start();
  }

  /** Stops syncing for good: timers cleared, requests in flight aborted, waiting commands refused. */
  stop(): void {
    if (this.#ctx.stopped) return;
    this.#ctx.stop();
    this.#sync.stop();
    this.#runner.dropAll();
    const gate = this.#ctx.api.client?.gate;
    gate?.off('rate-limited', this.#onRateLimited);
    gate?.off('quota-exceeded', this.#onQuotaExceeded);
    gate?.off('quota-reset', this.#onQuotaReset);
    this.#ctx.session?.off('reconnect-needed', this.#onReconnectNeeded);
    this.#listeners.clear();
  }

  /** Resolves when no request of the engine is in flight and no command waits (tests, shutdown). */
  settled(): Promise<void> {
    return this.#ctx.inflight.settled();
  }

  // --- snapshots -----------------------------------------------------------------------------------

  /** The current snapshot, with progress interpolated to now. */
  getSnapshot(): PlayerSnapshot {
    const now = this.#ctx.clock.now();
    return this.#store.snapshot(now, this.#conn.describe(now));
  }

  /** Calls `listener` with every new snapshot (not with the current one). Returns the unsubscribe. */
  subscribe(listener: SnapshotListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /**
   * Clock time the next state read is planned for (the settings page shows it), or null when none is
   * planned: a read is running, or nothing may be read (stopped, asleep, signed out, quota).
   */
  get nextReadAt(): number | null {
    return this.#sync.nextReadAt;
  }

  // --- inputs that shape the sync ----------------------------------------------------------------

  /** The mini-player was shown or hidden. Shown: a read at once (even in backoff) unless the last is fresh. */
  setVisible(visible: boolean): void {
    this.#sync.setVisible(visible);
  }

  /** The user looks at the player without the mini-player (the tray menu opened): as on showing it. */
  notifyLooking(): void {
    this.#sync.looking();
  }

  /** The machine goes to sleep: no reads until `notifyResume()`. */
  notifySuspend(): void {
    this.#sync.suspend();
  }

  /** The machine woke up: one prompt read (the progress jumped while asleep). */
  notifyResume(): void {
    this.#sync.resume();
  }

  /**
   * What the local player (the Spotify client on this computer) reports, or null when it went away. While
   * it plays on the active device (local-push.ts), each report is shown at once and stands in for the
   * reads: no interval polling, no track-end read, and no read to confirm a track change or a play/pause
   * (only the liked check of a new item where someone looks). Until a read has shown that it agrees, a
   * report that plays brings one prompt read to find out.
   */
  localPlayer(report: LocalReport | null): void {
    if (this.#ctx.stopped) return;
    if (report === null) {
      const wasActive = this.#push.active;
      this.#push.gone();
      // Playback may have stopped with it: read soon, then poll as before.
      if (wasActive) this.#sync.prompt(this.#policy.resumeReadMs);
      this.#sync.reschedule();
      this.#emit();
      return;
    }
    const now = this.#ctx.clock.now();
    const change = this.#push.report(report, now);
    if (change === 'same') return;
    if (!this.#push.active) {
      // One read per new item or play state, not per position (a polled player reports one a second).
      if (change === 'playback' && report.isPlaying) this.#sync.prompt(this.#policy.postCommandReadMs);
      return;
    }
    const newItem = report.item !== null && this.#store.shown()?.item?.uri !== report.item.uri;
    this.#store.applyLocal(report, now);
    if (newItem && report.item !== null) this.#sync.localItemShown(report.item);
    this.#sync.reschedule(); // the track's end moved
    this.#emit();
  }

  /** Whether the local player's reports stand in for polling now (see `localPlayer`). */
  get pushActive(): boolean {
    return this.#push.active;
  }

  /** The OS says the network went away or came back. Back: one prompt read. */
  setOnline(online: boolean): void {
    if (this.#conn.osOnline === online) return;
    this.#conn.osOnline = online;
    if (online) this.#sync.backOnline();
    else this.#sync.reschedule();
    this.#emit();
  }

  /**
   * The user's "try again": clears a quota stop (the gate lets requests through again), the Premium
   * refusal, network and error states, and reads at once.
   */
  resetConnection(): void {
    this.#conn.premium = null;
    this.#conn.netOffline = null;
    this.#store.error = null;
    this.#sync.resetErrors();
    if (this.#conn.quota !== null) {
      this.#conn.quota = null;
      this.#ctx.api.client?.gate.resetQuota();
    }
    this.#sync.prompt(0);
    this.#emit();
  }

  /**
   * `resetConnection()`, then the prompt state read it asks for, awaited: ok when Spotify answered it,
   * else the read's error (which the snapshot shows too). Refused without a request while stopped, signed
   * out or offline (those end by other means).
   */
  async retry(): Promise<CommandResult> {
    if (this.#ctx.stopped)
      return { ok: false, error: this.#ctx.localError('sync', 'refused', MESSAGES.stopped) };
    this.resetConnection();
    const blocked = this.#sync.blockedReason();
    if (blocked !== null)
      return { ok: false, error: this.#ctx.localError('sync', blocked.kind, blocked.message) };
    // A read that started before the reset may carry an answer from before it: read once more after it.
    const running = this.#sync.reading;
    if (running) await running;
    await this.#sync.read();
    const error = this.#store.error;
    return error !== null && error.source === 'sync' ? { ok: false, error } : { ok: true };
  }

  /** Forgets the last error shown. */
  dismissError(): void {
    if (this.#store.error === null) return;
    this.#store.error = null;
    this.#emit();
  }

  // --- commands ----------------------------------------------------------------------------------

  togglePlay(): Promise<CommandResult> {
    return this.#store.shown()?.isPlaying ? this.pause() : this.play();
  }

  /** Resumes playback. */
  play(): Promise<CommandResult> {
    return this.#command('play', null);
  }

  pause(): Promise<CommandResult> {
    return this.#command('pause', null);
  }

  /** Every press is sent (in order): three presses skip three tracks. The item shows as unknown until read. */
  next(): Promise<CommandResult> {
    return this.#command('next', null);
  }

  previous(): Promise<CommandResult> {
    return this.#command('previous', null);
  }

  /** Latest wins: a drag sends the position it ends on (plus the one in flight when it began). */
  seek(positionMs: number): Promise<CommandResult> {
    return this.#command('seek', { positionMs: Math.max(0, Math.round(positionMs)) });
  }

  /** 0..100. Latest wins while a request is in flight. */
  setVolume(percent: number): Promise<CommandResult> {
    return this.#command('volume', { percent: Math.min(100, Math.max(0, Math.round(percent))) });
  }

  toggleShuffle(): Promise<CommandResult> {
    return this.setShuffle(!(this.#store.shown()?.shuffle ?? false));
  }

  setShuffle(on: boolean): Promise<CommandResult> {
    return this.#command('shuffle', { on });
  }

  /** off → context → track → off. */
  cycleRepeat(): Promise<CommandResult> {
    return this.setRepeat(nextRepeatMode(this.#store.shown()?.repeat ?? 'off'));
  }

  setRepeat(mode: RepeatState): Promise<CommandResult> {
    return this.#command('repeat', { mode });
  }

  /**
   * Saves or removes the item the user sees in Liked Songs (a library call: no Premium, no device
   * needed). During an optimistic skip the item is not known yet: refused with a message (not held:
   * a like that lands seconds later on whatever came next would surprise more than a refusal).
   * With the liked state unknown (not checked while hidden), Spotify is asked first.
   */
  toggleLike(): Promise<CommandResult> {
    const view = this.#store.view();
    const playback = view.playback;
    const item = playback?.item ?? null;
    if (item === null) {
      const skipping = playback !== null && this.#store.readItem !== null;
      return Promise.resolve(
        this.#runner.refuse('like', 'refused', skipping ? LIKE_WHILE_SKIPPING : NOTHING_TO_LIKE),
      );
    }
    if (!isLikeable(item)) {
      const message = item.isLocal
        ? CANNOT_LIKE.local
        : item.type === 'ad'
          ? CANNOT_LIKE.ad
          : CANNOT_LIKE.unsupported;
      return Promise.resolve(this.#runner.refuse('like', 'refused', message));
    }
    const current = likedOf(view, item);
    return this.#command('like', { uri: item.uri, liked: current === null ? null : !current });
  }

  /**
   * Likes or unlikes `uri` as a command, like `toggleLike` but to a known target: for the current item
   * liked from a list row, so the snapshot's heart follows at once. (Other items are liked through the
   * library API directly: the engine knows the liked state of the current item only.)
   */
  setLiked(uri: string, liked: boolean): Promise<CommandResult> {
    return this.#command('like', { uri, liked });
  }

  /**
   * Moves playback to a device (`play`: start it there). After a command failed for want of an active
   * device, that command is retried once on the new device.
   */
  transferTo(deviceId: string, params: { play?: boolean } = {}): Promise<CommandResult> {
    const known = this.#store.devices.find((device) => device.id === deviceId);
    const device: PlayerDevice & { id: string } = {
      ...(known ?? {
        name: 'Device',
        type: 'Unknown',
        isActive: true,
        isRestricted: false,
        volumePercent: null,
        supportsVolume: true,
      }),
      id: deviceId,
    };
    const retry = this.#runner.takeStashed();
    return this.#runner.run(this.#spec('transfer', { device, play: params.play }), retry);
  }

  /** Plays track/episode URIs (optionally from `offset`). */
  playUris(
    uris: readonly string[],
    params: { offset?: number; positionMs?: number } = {},
  ): Promise<CommandResult> {
    return this.#command('play-items', {
      body: {
        uris,
        ...(params.offset !== undefined && { offset: { position: params.offset } }),
        ...(params.positionMs !== undefined && { positionMs: params.positionMs }),
      },
    });
  }

  /**
   * Plays an album, playlist, artist or show, optionally from a track URI or index in it. An artist
   * takes no offset (Spotify answers 400 "Can't have offset for context type: ARTIST", docs/SPOTIFY.md):
   * refused here, before any request, with what to do instead.
   */
  playContext(contextUri: string, params: { offset?: number | string } = {}): Promise<CommandResult> {
    if (params.offset !== undefined && contextUri.startsWith('spotify:artist:'))
      return Promise.resolve(this.#runner.refuse('play-items', 'refused', MESSAGES.artistOffset));
    const offset =
      params.offset === undefined
        ? undefined
        : typeof params.offset === 'number'
          ? { position: params.offset }
          : { uri: params.offset };
    return this.#command('play-items', { body: { contextUri, ...(offset && { offset }) } });
  }

  /** Adds to the end of the queue (nothing in the snapshot changes). */
  addToQueue(uri: string): Promise<CommandResult> {
    return this.#command('queue', { uri });
  }

  /** Fetches the user's devices into the snapshot (e.g. when the device picker opens). */
  async refreshDevices(): Promise<CommandResult> {
    if (this.#ctx.stopped)
      return { ok: false, error: this.#ctx.localError('devices', 'refused', MESSAGES.stopped) };
    try {
      await this.#sync.fetchDevices();
      this.#emit();
      return { ok: true };
    } catch (error) {
      const failure = this.#ctx.playerError(error, 'devices');
      const effect = effectOf(error, this.#ctx.sessionState());
      this.#conn.apply(effect, error);
      if (effect !== 'aborted') this.#store.error = failure;
      this.#sync.reschedule();
      this.#emit();
      return { ok: false, error: failure };
    }
  }

  // --- plumbing --------------------------------------------------------------------------------------

  #spec<K extends TableKind>(kind: K, args: CommandArgs[K]) {
    return commandSpec(kind, args, { api: this.#ctx.api, store: this.#store, now: this.#ctx.clock.now() });
  }

  #command<K extends TableKind>(kind: K, args: CommandArgs[K]): Promise<CommandResult> {
    return this.#runner.run(this.#spec(kind, args));
  }

  readonly #onRateLimited = (until: number): void => {
    this.#conn.noteRateLimit(until);
    this.#sync.reschedule();
    this.#emit();
  };

  readonly #onQuotaExceeded = (error: Error): void => {
    this.#conn.quota = error.message;
    this.#sync.reschedule();
    this.#emit();
  };

  readonly #onQuotaReset = (): void => {
    if (this.#conn.quota === null) return;
    this.#conn.quota = null;
    this.#sync.prompt(0);
    this.#emit();
  };

  readonly #onReconnectNeeded = (error: Error): void => {
    this.#conn.reconnect = error.message;
    this.#sync.reschedule();
    this.#emit();
  };

  #emit(): void {
    if (this.#ctx.stopped || this.#listeners.size === 0) return;
    const snapshot = this.getSnapshot();
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
