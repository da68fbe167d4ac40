/**
 * When to read the player state next: a pure function of what the engine knows, so the whole policy is
 * one table of cases (test/main/spotify/player/sync-policy.test.ts). Spotify offers no push channel, so
 * every read is a request counted against the app's rate limit and the day's quota (docs/SPOTIFY.md):
 * reads are spent where the user sees them (on showing the mini-player or opening the tray menu, right
 * after own commands, at the end of the track); the plain interval reads that only look for changes made
 * on other devices are gentle, and slow down further as the day's request budget runs low.
 */

export type Activity = 'playing' | 'paused' | 'idle';

/** What the sync loop asks of the request budget (src/main/spotify/request-budget.ts implements it). */
export interface RequestBudgetView {
  /** Share of the day's budget used so far: 0 = none, 1 = all (may exceed 1). */
  dayUsedFraction(now: number): number;
  /** Earliest time a background read may go out and stay below the rolling rate limit (≤ now: at once). */
  nextBackgroundSlot(now: number): number;
}

export interface SyncPolicyOptions {
  /**
   * Interval while playing and the mini-player is shown. Track changes come from the track-end read and
   * own commands from the read after them, so this only looks for changes made elsewhere.
   */
  playingVisibleMs: number;
  /** Interval while playing and hidden: longer than most tracks, so the track-end read does the work. */
  playingHiddenMs: number;
  /**
   * Interval while paused and shown: only a resume (or change) on another device can show up here, and
   * showing the mini-player reads at once, so 15 s (10 s with budget to spare) keeps a day within 500.
   */
  pausedVisibleMs: number;
  /** Interval while paused and hidden, at first: a short pause on another device shows within it. */
  pausedHiddenMs: number;
  /**
   * A longer pause is read less often: hidden, the paused interval is this share of how long it has been
   * paused (from the first read or command that showed it paused), between `pausedHiddenMs` and
   * `pausedHiddenMaxMs`. A resume elsewhere then shows within about a quarter of the pause.
   */
  pausedHiddenShare: number;
  pausedHiddenMaxMs: number;
  /** Interval while nothing is active on any device. */
  idleVisibleMs: number;
  idleHiddenMs: number;
  /** A read this long after the current track should have ended. */
  trackEndSlackMs: number;
  /** Never two track-end reads closer than this (Spotify may lag a little at a track boundary). */
  minReadGapMs: number;
  /**
   * An ad's length is unknown (Spotify sends no item and no duration): the first read after one started
   * comes this long after its start (the shortest ads), then one every `adStepVisibleMs` /
   * `adStepHiddenMs` until something else plays.
   */
  adShortestMs: number;
  adStepVisibleMs: number;
  adStepHiddenMs: number;
  /** The read after a burst of own commands comes this long after the last one settled. */
  postCommandReadMs: number;
  /** The prompt read after `notifyResume()` / `setOnline(true)` comes this long after. */
  resumeReadMs: number;
  /** First error-backoff delay; doubled (`errorBackoffFactor`) per consecutive error, capped. */
  errorBackoffBaseMs: number;
  errorBackoffFactor: number;
  errorBackoffMaxMs: number;
  /** The backoff cap while the mini-player is shown: after an outage the user sees it clear within this. */
  errorBackoffVisibleMaxMs: number;
  /**
   * An own command's optimistic state holds this long after it succeeded unless a read confirms it
   * first (Spotify's reads lag 0.2–1.5 s behind a command); the first read after it decides.
   */
  settleMs: number;
  /** Showing the mini-player or opening the tray menu reads at once, unless the last read is this fresh. */
  freshReadMs: number;
  /**
   * After the tray menu opened, an own command or the start, reads count as looked at for this long:
   * the liked state of a new item is checked even while hidden (otherwise only while visible).
   */
  lookingWindowMs: number;
  /**
   * With a budget: below this share of the day's budget used, visible intervals are tighter (×⅔). Kept
   * small: at 25 % a day of the bench (with the app's default budget of 1,000) cost 517 requests.
   */
  budgetRelaxedBelow: number;
  /** With a budget: from this share on, hidden interval reads stretch. */
  budgetSlowFrom: number;
  /** With a budget: hidden intervals are stretched up to this factor as the day's budget runs out. */
  budgetHiddenMaxStretch: number;
  /** Over budget and hidden: no track-end reads, and one interval read this often (to see a new day). */
  overBudgetHiddenMs: number;
  /** While the OS reports offline: one probe this often, in case the OS is wrong. */
  offlineProbeMs: number;
  /** Reads wait this long past the end of a rate-limit pause. */
  rateLimitSlackMs: number;
  /**
   * While the local player pushes its changes (local-push.ts), the plain interval read only looks for
   * what it does not report (volume, shuffle, repeat, the context changed on the device): this often
   * while shown, and while hidden.
   */
  pushVisibleMs: number;
  pushHiddenMs: number;
  /**
   * While it pushes, the track-end read waits this long past the end: the local player reports the next
   * track first, which moves the end. Only a player gone quiet lets the read go out (and a read that
   * disagrees with it ends push).
   */
  pushQuietMs: number;
}

export const DEFAULT_SYNC_POLICY: Readonly<SyncPolicyOptions> = Object.freeze({
  playingVisibleMs: 30_000,
  playingHiddenMs: 300_000,
  pausedVisibleMs: 15_000,
  pausedHiddenMs: 60_000,
  pausedHiddenShare: 0.25,
  pausedHiddenMaxMs: 300_000,
  idleVisibleMs: 30_000,
  idleHiddenMs: 120_000,
  trackEndSlackMs: 750,
  minReadGapMs: 1_000,
  adShortestMs: 15_000,
  adStepVisibleMs: 2_000,
  adStepHiddenMs: 3_000,
  postCommandReadMs: 1_500,
  resumeReadMs: 1_000,
  errorBackoffBaseMs: 5_000,
  errorBackoffFactor: 2,
  errorBackoffMaxMs: 300_000,
  errorBackoffVisibleMaxMs: 15_000,
  settleMs: 2_000,
  freshReadMs: 1_000,
  lookingWindowMs: 10_000,
  budgetRelaxedBelow: 0.1,
  budgetSlowFrom: 0.5,
  budgetHiddenMaxStretch: 10,
  overBudgetHiddenMs: 1_800_000,
  offlineProbeMs: 300_000,
  rateLimitSlackMs: 250,
  pushVisibleMs: 60_000,
  pushHiddenMs: 1_800_000,
  pushQuietMs: 5_000,
});

export interface SyncInputs {
  now: number;
  /** When the last read finished (success or not); null before the first one. */
  lastReadAt: number | null;
  visible: boolean;
  activity: Activity;
  /** Clock time the current item ends while playing, else null (and null during an ad). */
  trackEndsAt: number | null;
  /** While an ad plays: clock time it started (from the read's progress), else null or absent. */
  adStartedAt?: number | null;
  /** While paused: since when the engine has known it (the read or command that showed it), else null. */
  pausedSince?: number | null;
  /** Failed reads in a row. */
  consecutiveErrors: number;
  /** End of a rate-limit pause, if one is on. */
  rateLimitedUntil: number | null;
  /** A read asked for at this time (after own commands, on resume, back online…). */
  promptReadAt: number | null;
  /** The OS says the machine is offline. */
  online: boolean;
  /** Nothing may be read: stopped, asleep, quota exceeded, reconnect needed, signed out. */
  halted: boolean;
  /**
   * The earliest settle deadline of own commands whose optimistic state no read has confirmed yet
   * (a read then decides), else null.
   */
  settleDeadline?: number | null;
  /** `RequestBudgetView.dayUsedFraction(now)`; null or absent without a budget. */
  dayUsedFraction?: number | null;
  /** `RequestBudgetView.nextBackgroundSlot(now)`; null or absent without a budget. */
  backgroundSlotAt?: number | null;
  /** The local player pushes its changes (see SyncPolicyOptions.pushVisibleMs); absent: no. */
  push?: boolean;
}

export type SyncReason =
  | 'first'
  | 'interval'
  | 'track-end'
  | 'ad-end'
  | 'prompt'
  | 'settle'
  | 'backoff'
  | 'rate-limit'
  | 'offline-probe';

/** Reads nobody is waiting for: they go out when the budget's rolling window has room. */
const BACKGROUND: ReadonlySet<SyncReason> = new Set([
  'interval',
  'track-end',
  'ad-end',
  'backoff',
  'offline-probe',
]);

/** Whether a read for `reason` is a background read (it waits for `nextBackgroundSlot`). */
export function isBackgroundRead(reason: SyncReason): boolean {
  return BACKGROUND.has(reason);
}

export interface SyncDecision {
  /** Clock time of the next read. */
  at: number;
  /** `at - now`, never negative. */
  delayMs: number;
  reason: SyncReason;
}

/**
 * The paused, hidden interval after `pausedForMs` of known pause: `pausedHiddenShare` of it, between
 * `pausedHiddenMs` and `pausedHiddenMaxMs` (a long pause, the user away, costs a few reads an hour).
 */
function pausedHiddenFor(pausedForMs: number, options: SyncPolicyOptions): number {
  const share = Math.round(Math.max(0, pausedForMs) * options.pausedHiddenShare);
  return Math.min(options.pausedHiddenMaxMs, Math.max(options.pausedHiddenMs, share));
}

function intervalFor(activity: Activity, visible: boolean, options: SyncPolicyOptions): number {
  switch (activity) {
    case 'playing':
      return visible ? options.playingVisibleMs : options.playingHiddenMs;
    case 'paused':
      return visible ? options.pausedVisibleMs : options.pausedHiddenMs;
    case 'idle':
      return visible ? options.idleVisibleMs : options.idleHiddenMs;
  }
}

/**
 * The backoff delay after `errors` failed reads in a row (0 for none). Capped low while visible, so a
 * cleared outage shows within seconds; higher while hidden, where nobody waits for it.
 */
export function backoffFor(errors: number, options: SyncPolicyOptions, visible = false): number {
  if (errors <= 0) return 0;
  const delay = options.errorBackoffBaseMs * options.errorBackoffFactor ** (errors - 1);
  return Math.min(visible ? options.errorBackoffVisibleMaxMs : options.errorBackoffMaxMs, delay);
}

/**
 * How much the plain interval stretches for the day's budget (`used`: share used; null: no budget).
 * Visible: tighter with budget to spare, looser when it runs low. Hidden: ×1 below `budgetSlowFrom`,
 * growing with the square of the rest up to `budgetHiddenMaxStretch` at 100 %. Null: over budget and
 * hidden (the interval is then `overBudgetHiddenMs`).
 */
function budgetStretch(used: number | null, visible: boolean, options: SyncPolicyOptions): number | null {
  if (used === null) return 1;
  if (visible) return used < options.budgetRelaxedBelow ? 2 / 3 : used < 1 ? 1 : 2;
  if (used >= 1) return null;
  if (used < options.budgetSlowFrom) return 1;
  const share = (used - options.budgetSlowFrom) / (1 - options.budgetSlowFrom);
  return 1 + (options.budgetHiddenMaxStretch - 1) * share * share;
}

/** The plain interval read's delay after the last read, budget included. */
function plainIntervalFor(inputs: SyncInputs, options: SyncPolicyOptions): number {
  const stretch = budgetStretch(inputs.dayUsedFraction ?? null, inputs.visible, options);
  if (stretch === null) return options.overBudgetHiddenMs;
  const pausedSince = inputs.pausedSince ?? null;
  const base =
    inputs.activity === 'paused' && !inputs.visible && pausedSince !== null
      ? pausedHiddenFor((inputs.lastReadAt ?? inputs.now) - pausedSince, options)
      : intervalFor(inputs.activity, inputs.visible, options);
  return Math.round(base * stretch);
}

/** The next read, or null when none should happen until something changes. */
export function nextRead(
  inputs: SyncInputs,
  options: SyncPolicyOptions = DEFAULT_SYNC_POLICY,
): SyncDecision | null {
  if (inputs.halted) return null;
  let at: number;
  let reason: SyncReason;

  if (!inputs.online) {
    // Requests would fail anyway; setOnline(true) brings a prompt read.
    at = (inputs.lastReadAt ?? inputs.now) + options.offlineProbeMs;
    reason = 'offline-probe';
  } else if (inputs.lastReadAt === null) {
    at = inputs.now;
    reason = 'first';
  } else {
    const push = inputs.push === true;
    const interval = push
      ? inputs.visible
        ? options.pushVisibleMs
        : options.pushHiddenMs
      : plainIntervalFor(inputs, options);
    const backoff = backoffFor(inputs.consecutiveErrors, options, inputs.visible);
    const overBudgetHidden = !inputs.visible && (inputs.dayUsedFraction ?? 0) >= 1;
    // Errors only ever slow reads down.
    at = inputs.lastReadAt + Math.max(interval, backoff);
    reason = backoff > interval ? 'backoff' : 'interval';

    const trackEndSlack = push ? options.pushQuietMs : options.trackEndSlackMs;
    if (
      inputs.activity === 'playing' &&
      inputs.consecutiveErrors === 0 &&
      !overBudgetHidden &&
      inputs.trackEndsAt !== null &&
      inputs.trackEndsAt + trackEndSlack > inputs.lastReadAt
    ) {
      // Only a track that ends after the last read: one that sits at its end stays put (no read loop).
      const trackEnd = Math.max(inputs.trackEndsAt + trackEndSlack, inputs.lastReadAt + options.minReadGapMs);
      if (trackEnd < at) {
        at = trackEnd;
        reason = 'track-end';
      }
    }
    const adStartedAt = inputs.adStartedAt ?? null;
    if (
      inputs.activity === 'playing' &&
      inputs.consecutiveErrors === 0 &&
      !overBudgetHidden &&
      adStartedAt !== null
    ) {
      // Not before the shortest ad could have ended, then in steps until a read shows what follows.
      const step = inputs.visible ? options.adStepVisibleMs : options.adStepHiddenMs;
      const adEnd = Math.max(adStartedAt + options.adShortestMs, inputs.lastReadAt + step);
      if (adEnd < at) {
        at = adEnd;
        reason = 'ad-end';
      }
    }
    if (BACKGROUND.has(reason) && inputs.backgroundSlotAt != null && inputs.backgroundSlotAt > at) {
      at = inputs.backgroundSlotAt; // the rolling window is full: wait for room
    }
    const settle = inputs.settleDeadline ?? null;
    if (settle !== null && settle < at) {
      at = settle;
      reason = 'settle';
    }
    if (inputs.promptReadAt !== null && inputs.promptReadAt < at) {
      at = inputs.promptReadAt;
      reason = 'prompt';
    }
  }

  if (inputs.rateLimitedUntil !== null && inputs.rateLimitedUntil + options.rateLimitSlackMs > at) {
    at = inputs.rateLimitedUntil + options.rateLimitSlackMs;
    reason = 'rate-limit';
  }
  at = Math.max(at, inputs.now);
  return { at, delayMs: at - inputs.now, reason };
}
