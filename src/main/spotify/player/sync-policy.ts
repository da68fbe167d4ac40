/**
 * When to read the player state next: a pure function of what the engine knows, so the whole policy is
 * one table of cases (test/main/spotify/player/sync-policy.test.ts). Spotify offers no push channel, so
 * every read is a request counted against the app's rate limit (docs/SPOTIFY.md): read when something is
 * likely to have changed (right after own commands, at the end of the track), otherwise gently.
 */

export type Activity = 'playing' | 'paused' | 'idle';

export interface SyncPolicyOptions {
  /** Interval while playing and the mini-player is shown. */
  playingVisibleMs: number;
  /** Interval while playing and hidden: track changes come from the track-end read instead. */
  playingHiddenMs: number;
  pausedVisibleMs: number;
  pausedHiddenMs: number;
  /** Interval while nothing is active on any device. */
  idleVisibleMs: number;
  idleHiddenMs: number;
  /** A read this long after the current track should have ended. */
  trackEndSlackMs: number;
  /** Never two track-end reads closer than this (Spotify may lag a little at a track boundary). */
  minReadGapMs: number;
  /** The read after a burst of own commands comes this long after the last one settled. */
  postCommandReadMs: number;
  /** The prompt read after `notifyResume()` / `setOnline(true)` comes this long after. */
  resumeReadMs: number;
  /** First error-backoff delay; doubled (`errorBackoffFactor`) per consecutive error, capped. */
  errorBackoffBaseMs: number;
  errorBackoffFactor: number;
  errorBackoffMaxMs: number;
  /** While the OS reports offline: one probe this often, in case the OS is wrong. */
  offlineProbeMs: number;
  /** Reads wait this long past the end of a rate-limit pause. */
  rateLimitSlackMs: number;
}

export const DEFAULT_SYNC_POLICY: Readonly<SyncPolicyOptions> = Object.freeze({
  playingVisibleMs: 5_000,
  playingHiddenMs: 30_000,
  pausedVisibleMs: 10_000,
  pausedHiddenMs: 60_000,
  idleVisibleMs: 30_000,
  idleHiddenMs: 120_000,
  trackEndSlackMs: 750,
  minReadGapMs: 1_000,
  postCommandReadMs: 300,
  resumeReadMs: 1_000,
  errorBackoffBaseMs: 5_000,
  errorBackoffFactor: 2,
  errorBackoffMaxMs: 300_000,
  offlineProbeMs: 300_000,
  rateLimitSlackMs: 250,
});

export interface SyncInputs {
  now: number;
  /** When the last read finished (success or not); null before the first one. */
  lastReadAt: number | null;
  visible: boolean;
  activity: Activity;
  /** Clock time the current item ends while playing, else null. */
  trackEndsAt: number | null;
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
}

export type SyncReason =
  'first' | 'interval' | 'track-end' | 'prompt' | 'backoff' | 'rate-limit' | 'offline-probe';

export interface SyncDecision {
  /** Clock time of the next read. */
  at: number;
  /** `at - now`, never negative. */
  delayMs: number;
  reason: SyncReason;
}

export function intervalFor(activity: Activity, visible: boolean, options: SyncPolicyOptions): number {
  switch (activity) {
    case 'playing':
      return visible ? options.playingVisibleMs : options.playingHiddenMs;
    case 'paused':
      return visible ? options.pausedVisibleMs : options.pausedHiddenMs;
    case 'idle':
      return visible ? options.idleVisibleMs : options.idleHiddenMs;
  }
}

/** The backoff delay after `errors` failed reads in a row (0 for none). */
export function backoffFor(errors: number, options: SyncPolicyOptions): number {
  if (errors <= 0) return 0;
  const delay = options.errorBackoffBaseMs * options.errorBackoffFactor ** (errors - 1);
  return Math.min(options.errorBackoffMaxMs, delay);
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
    const interval = intervalFor(inputs.activity, inputs.visible, options);
    const backoff = backoffFor(inputs.consecutiveErrors, options);
    // Errors only ever slow reads down.
    at = inputs.lastReadAt + Math.max(interval, backoff);
    reason = backoff > interval ? 'backoff' : 'interval';

    if (
      inputs.activity === 'playing' &&
      inputs.consecutiveErrors === 0 &&
      inputs.trackEndsAt !== null &&
      inputs.trackEndsAt + options.trackEndSlackMs > inputs.lastReadAt
    ) {
      // Only a track that ends after the last read: one that sits at its end stays put (no read loop).
      const trackEnd = Math.max(
        inputs.trackEndsAt + options.trackEndSlackMs,
        inputs.lastReadAt + options.minReadGapMs,
      );
      if (trackEnd < at) {
        at = trackEnd;
        reason = 'track-end';
      }
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
