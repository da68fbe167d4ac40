import type { EngineContext } from './context.ts';
import { effectOf, MESSAGES } from './failures.ts';
import { isLikeable, toPlaybackModel, toPlayerDevice, trackEndsAt, type PlaybackModel } from './model.ts';
import { TimerSlot, type Scheduler } from './scheduler.ts';
import {
  isBackgroundRead,
  nextRead,
  type Activity,
  type RequestBudgetView,
  type SyncDecision,
  type SyncPolicyOptions,
} from './sync-policy.ts';
import type { PlayerItem } from './types.ts';

/** What the sync loop asks of the rest of the engine. */
export interface SyncHooks {
  /** Own commands run or wait: a read now would be stale (the read after them is coming). */
  commandsBusy(): boolean;
  /** A read found playback active: a command stashed for want of a device is stale. */
  playbackSeen(): void;
  /** The local player pushes its changes: reads only look for what it does not report. */
  pushActive(): boolean;
  /** A read's answer (null: nothing active), started at `startedAt`, as it was applied. */
  playbackRead(playback: PlaybackModel | null, startedAt: number): void;
}

/**
 * The sync loop: decides when to read (sync-policy.ts, fed with what the engine knows and the request
 * budget), reads the player state (one read at a time), follows it with the liked check of a new item
 * and the device list when nothing is active, and counts failures for the backoff.
 *
 * The liked state is asked for only where someone can see it: while the mini-player is shown, and for
 * `lookingWindowMs` after the tray menu opened (`notifyLooking()`) or the start. Not after own commands
 * as such: those from the tray menu or the mini-player are looked at already, those from a global
 * shortcut are not (a Like with the state unknown asks Spotify first, so nothing is lost).
 */
export class SyncLoop {
  readonly #ctx: EngineContext;
  readonly #policy: SyncPolicyOptions;
  readonly #budget: RequestBudgetView | undefined;
  readonly #hooks: SyncHooks;
  readonly #timer: TimerSlot;

  #started = false;
  #visible: boolean;
  #suspended = false;
  #lastReadAt: number | null = null;
  #lastReadStartedAt: number | null = null;
  #consecutiveErrors = 0;
  #promptReadAt: number | null = null;
  #reading: Promise<void> | null = null;
  #decision: SyncDecision | null = null;
  /** The last read found nothing active (devices were fetched for the offer). */
  #knownIdle = false;
  /** Since when the shown player has been paused (null while not paused): long pauses are read less. */
  #pausedSince: number | null = null;
  /** Until then the liked state is checked even while hidden. */
  #lookingUntil = Number.NEGATIVE_INFINITY;

  constructor(
    ctx: EngineContext,
    options: {
      policy: SyncPolicyOptions;
      budget: RequestBudgetView | undefined;
      scheduler: Scheduler;
      visible: boolean;
      hooks: SyncHooks;
    },
  ) {
    this.#ctx = ctx;
    this.#policy = options.policy;
    this.#budget = options.budget;
    this.#hooks = options.hooks;
    this.#visible = options.visible;
    this.#timer = new TimerSlot(options.scheduler);
  }

  /** A read is running. */
  get reading(): Promise<void> | null {
    return this.#reading;
  }

  /** Clock time of the next planned read, or null when none is planned (halted, or a read is running). */
  get nextReadAt(): number | null {
    return this.#timer.at ?? null;
  }

  get visible(): boolean {
    return this.#visible;
  }

  /** The first read; resolves when it is done. */
  start(): Promise<void> {
    this.#started = true;
    this.#lookingUntil = this.#ctx.clock.now() + this.#policy.lookingWindowMs;
    return this.read();
  }

  stop(): void {
    this.#timer.clear();
  }

  setVisible(visible: boolean): void {
    if (this.#visible === visible) return;
    this.#visible = visible;
    if (visible) this.looking();
    else this.reschedule();
  }

  /**
   * The user is looking (the mini-player was shown, the tray menu opened): a read at once, even during
   * an error backoff, unless the last one is very fresh; its liked check goes out even while hidden.
   */
  looking(): void {
    const now = this.#ctx.clock.now();
    this.#lookingUntil = now + this.#policy.lookingWindowMs;
    // Pushed by the local player, what is shown is as fresh as a read would make it.
    const fresh =
      this.#hooks.pushActive() ||
      (this.#lastReadAt !== null &&
        this.#consecutiveErrors === 0 &&
        now - this.#lastReadAt < this.#policy.freshReadMs);
    if (fresh) {
      this.reschedule();
      // The fresh read (or the local player's report) may have come while nobody looked: the liked state
      // of the item shown is still wanted. Not the read's item: under push it may be a track ago.
      const item = this.#ctx.store.shown()?.item ?? null;
      if (!this.#reading && item !== null) void this.#checkLiked(item).then(() => this.#ctx.emit());
    } else {
      this.prompt(0);
    }
  }

  suspend(): void {
    this.#suspended = true;
    this.#timer.clear();
  }

  /** Woke up: false when it was not asleep. */
  resume(): boolean {
    if (!this.#suspended) return false;
    this.#suspended = false;
    this.prompt(this.#policy.resumeReadMs);
    return true;
  }

  /** The OS says the network is back: one prompt read. */
  backOnline(): void {
    this.prompt(this.#policy.resumeReadMs);
  }

  /** "Try again": the error count starts over. */
  resetErrors(): void {
    this.#consecutiveErrors = 0;
  }

  /** The last queued command settled. */
  commandsIdle(read: boolean): void {
    // Pushed by the local player, its next report confirms play, pause and skips: no read for those.
    if (read && this.#hooks.pushActive() && this.#ctx.store.awaitsOnlyLocalConfirmation()) read = false;
    if (read) {
      // One read for the whole burst, once Spotify's reads have caught up with its last command.
      this.prompt(this.#policy.postCommandReadMs);
    } else {
      this.reschedule();
    }
    this.#ctx.inflight.check();
  }

  /**
   * The local player reported a new item: its liked state is asked for where someone can see it (as a
   * read's new item would be), with no read of the player state.
   */
  localItemShown(item: PlayerItem): void {
    const now = this.#ctx.clock.now();
    if (!this.#visible && now > this.#lookingUntil) return;
    if (this.#halted() || this.#ctx.conn.rateLimitUntil(now) !== null) return;
    void this.#checkLiked(item).then(() => this.#ctx.emit());
  }

  /** A read at `delayMs` from now at the latest (earlier planned prompt reads stay). */
  prompt(delayMs: number): void {
    const at = this.#ctx.clock.now() + delayMs;
    this.#promptReadAt = this.#promptReadAt === null ? at : Math.min(this.#promptReadAt, at);
    this.reschedule();
  }

  /** Reads the player state; one read at a time (a read asked for meanwhile is scheduled after it). */
  read(): Promise<void> {
    if (this.#reading) return this.#reading;
    const reading = this.#doRead().finally(() => {
      this.#reading = null;
      this.reschedule();
      this.#ctx.emit();
      this.#ctx.inflight.check();
    });
    this.#reading = reading;
    return reading;
  }

  async fetchDevices(): Promise<void> {
    const devices = await this.#ctx.inflight.track(() => this.#ctx.api.getDevices(this.#ctx.callOptions()));
    this.#ctx.store.setDevices(devices.map(toPlayerDevice));
  }

  reschedule(): void {
    if (this.#reading) return; // rescheduled when the read ends
    const now = this.#ctx.clock.now();
    const decision = this.#decide(now);
    this.#decision = decision;
    if (decision === null) {
      this.#timer.clear();
      return;
    }
    this.#timer.set(() => this.#onTimer(), decision.delayMs, now);
  }

  #halted(): boolean {
    return !this.#started || this.#ctx.stopped || this.#suspended || this.#ctx.conn.blocked;
  }

  #decide(now: number): SyncDecision | null {
    const { store, conn } = this.#ctx;
    const view = store.shown();
    const activity: Activity = view === null ? 'idle' : view.isPlaying ? 'playing' : 'paused';
    this.#pausedSince = activity === 'paused' ? (this.#pausedSince ?? now) : null;
    // An ad has no known length: the policy reads from its shortest end on, not at an assumed one.
    const ad = view !== null && view.isPlaying && view.item?.type === 'ad';
    return nextRead(
      {
        now,
        lastReadAt: this.#lastReadAt,
        visible: this.#visible,
        activity,
        trackEndsAt: ad ? null : trackEndsAt(view, now),
        adStartedAt: ad ? view.progressAt - view.progressMs : null,
        pausedSince: this.#pausedSince,
        consecutiveErrors: this.#consecutiveErrors,
        rateLimitedUntil: conn.rateLimitUntil(now),
        promptReadAt: this.#promptReadAt,
        online: conn.osOnline,
        halted: this.#halted(),
        settleDeadline: store.settleDeadline(this.#lastReadStartedAt),
        dayUsedFraction: this.#budget?.dayUsedFraction(now) ?? null,
        backgroundSlotAt: this.#budget?.nextBackgroundSlot(now) ?? null,
        push: this.#hooks.pushActive(),
      },
      this.#policy,
    );
  }

  #onTimer(): void {
    if (this.#halted()) return;
    // Commands are going out: the read after them is coming, one now would be stale.
    if (this.#hooks.commandsBusy()) return;
    const reason = this.#decision?.reason;
    const now = this.#ctx.clock.now();
    if (
      reason !== undefined &&
      isBackgroundRead(reason) &&
      (this.#budget?.nextBackgroundSlot(now) ?? now) > now
    ) {
      this.reschedule(); // the rolling window filled up meanwhile: wait for room
      return;
    }
    void this.read();
  }

  async #doRead(): Promise<void> {
    const { store, conn, clock } = this.#ctx;
    const startSeq = store.seq;
    const startedAt = clock.now();
    this.#lastReadStartedAt = startedAt;
    this.#promptReadAt = null;
    const wantLiked = this.#visible || startedAt <= this.#lookingUntil;
    try {
      const state = await this.#ctx.inflight.track(() =>
        this.#ctx.api.getPlaybackState(this.#ctx.callOptions()),
      );
      const now = clock.now();
      const playback = state === null ? null : toPlaybackModel(state, now);
      store.applyRead(playback, startSeq, startedAt, now);
      this.#hooks.playbackRead(playback, startedAt);
      this.#readSucceeded();
      const item = store.readItem;
      if (state === null) {
        // Nothing active: offer the devices, fetched once when this starts (not on every read).
        const entering = !this.#knownIdle;
        this.#knownIdle = true;
        conn.noDevice = true;
        if (entering) await this.#tryFetchDevices();
      } else {
        this.#knownIdle = false;
        conn.noDevice = false;
        this.#hooks.playbackSeen();
        const device = toPlayerDevice(state.device);
        // A read that still shows the device from before an own transfer (Spotify's reads lag) must not
        // mark that device active again in the list while the move is shown: picking it would do nothing.
        const shownDeviceId = store.view().playback?.device?.id ?? null;
        if (device.id && (shownDeviceId === null || shownDeviceId === device.id)) store.sawDevice(device);
        if (wantLiked && item !== null) await this.#checkLiked(item);
      }
    } catch (error) {
      this.#readFailed(error);
    } finally {
      this.#lastReadAt = clock.now();
    }
  }

  #readSucceeded(): void {
    const { store, conn } = this.#ctx;
    this.#consecutiveErrors = 0;
    conn.netOffline = null;
    if (store.error !== null && (store.error.source === 'sync' || store.error.source === 'devices')) {
      store.error = null;
    }
  }

  #readFailed(error: unknown): void {
    const effect = effectOf(error, this.#ctx.sessionState());
    if (effect === 'aborted') return;
    if (effect === 'offline' || effect === 'transient' || effect === 'refused') this.#consecutiveErrors++;
    this.#ctx.conn.apply(effect, error);
    this.#ctx.store.error = this.#ctx.playerError(error, 'sync');
  }

  /** Liked state: once per new item, not on a timer; never for what cannot be liked. */
  async #checkLiked(item: PlayerItem): Promise<void> {
    const { store } = this.#ctx;
    const uri = item.uri;
    if (!isLikeable(item) || uri === store.likedCheckedUri) return;
    store.likedCheckedUri = uri;
    try {
      const [value] = await this.#ctx.inflight.track(() =>
        this.#ctx.api.checkLibrary([uri], this.#ctx.callOptions()),
      );
      if (value !== undefined) store.setLiked(uri, value);
    } catch (error) {
      const effect = effectOf(error, this.#ctx.sessionState());
      // Not answered at all (paused, offline): ask again with the next read.
      if (effect === 'rate-limited' || effect === 'offline') store.likedCheckedUri = null;
      if (effect !== 'transient' && effect !== 'refused') this.#ctx.conn.apply(effect, error);
    }
  }

  async #tryFetchDevices(): Promise<void> {
    try {
      await this.fetchDevices();
    } catch (error) {
      const effect = effectOf(error, this.#ctx.sessionState());
      if (effect !== 'transient' && effect !== 'refused') this.#ctx.conn.apply(effect, error);
    }
  }

  /** Why nothing can be read right now, for `retry()`; null when a read may go out. */
  blockedReason(): { kind: string; message: string } | null {
    const conn = this.#ctx.conn;
    const signedOut = conn.signedOut ?? conn.reconnect;
    if (signedOut !== null) return { kind: 'unauthorized', message: signedOut };
    if (!conn.osOnline) return { kind: 'network', message: MESSAGES.offline };
    return null;
  }
}
