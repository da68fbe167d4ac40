import { EventEmitter } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import { systemClock, type Clock } from '../util/clock.ts';
import { SpotifyApiError } from './errors.ts';

/** Waits `ms` (or rejects when `signal` aborts). Injected so tests decide when time has passed. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

const realSleep: Sleep = (ms, signal) => delay(ms, undefined, signal ? { signal } : undefined);

export interface RateLimitGateOptions {
  clock?: Clock;
  sleep?: Sleep;
  /** A pause longer than this is not waited out: requests fail fast with 'rate-limited' instead. */
  maxWaitMs?: number;
}

export interface PassOptions {
  /** false: fail fast with 'rate-limited' (carrying the until-time) instead of waiting. Default true. */
  wait?: boolean | undefined;
  signal?: AbortSignal | undefined;
  operation?: string | undefined;
}

export interface RateLimitGateEvents {
  /** A 429 paused all requests until this epoch-ms time. */
  'rate-limited': [until: number];
  /** A 429 QUOTA_EXCEEDED stopped all requests until `resetQuota()`. */
  'quota-exceeded': [error: SpotifyApiError];
  'quota-reset': [];
}

const DEFAULT_MAX_RATE_LIMIT_WAIT_MS = 30_000;

/**
 * The one gate every request passes before it goes out. A 429's Retry-After pauses everybody (Spotify
 * counts the app's calls, not one request's); a QUOTA_EXCEEDED stops everybody until the caller resets it.
 */
export class RateLimitGate extends EventEmitter<RateLimitGateEvents> {
  readonly #clock: Clock;
  readonly #sleep: Sleep;
  readonly #maxWaitMs: number;
  #until = 0;
  #quota: SpotifyApiError | undefined;

  constructor(options: RateLimitGateOptions = {}) {
    super();
    this.#clock = options.clock ?? systemClock;
    this.#sleep = options.sleep ?? realSleep;
    this.#maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_RATE_LIMIT_WAIT_MS;
  }

  /** Epoch ms until which requests are held back, or undefined when not paused. */
  get rateLimitedUntil(): number | undefined {
    return this.#until > this.#clock.now() ? this.#until : undefined;
  }

  /** The QUOTA_EXCEEDED error that stopped requests, until `resetQuota()`. */
  get quotaExceeded(): SpotifyApiError | undefined {
    return this.#quota;
  }

  /** The longest pause a request waits out before failing fast instead. */
  get maxWaitMs(): number {
    return this.#maxWaitMs;
  }

  /** Resolves when a request may go out; waits out a pause, or throws 'rate-limited' / 'quota-exceeded'. */
  async pass(options: PassOptions = {}): Promise<void> {
    for (;;) {
      if (this.#quota) throw this.#quotaError(options.operation);
      const remaining = this.#until - this.#clock.now();
      if (remaining <= 0) return;
      if (options.wait === false || remaining > this.#maxWaitMs) {
        throw new SpotifyApiError({
          kind: 'rate-limited',
          status: 429,
          retryAfterMs: remaining,
          rateLimitedUntil: this.#until,
          operation: options.operation,
        });
      }
      await this.#sleep(remaining, options.signal);
    }
  }

  /** Holds every request back for `retryAfterMs` from now (never shortens a longer pause). Returns the until-time. */
  pause(retryAfterMs: number): number {
    const until = this.#clock.now() + Math.max(0, retryAfterMs);
    if (until > this.#until) {
      this.#until = until;
      this.emit('rate-limited', until);
    }
    return this.#until;
  }

  tripQuota(error: SpotifyApiError): void {
    const first = this.#quota === undefined;
    this.#quota = error;
    if (first) this.emit('quota-exceeded', error);
  }

  /** Lets requests through again after a QUOTA_EXCEEDED (e.g. the user chose "try again"). */
  resetQuota(): void {
    if (this.#quota === undefined) return;
    this.#quota = undefined;
    this.emit('quota-reset');
  }

  #quotaError(operation: string | undefined): SpotifyApiError {
    const quota = this.#quota as SpotifyApiError;
    return new SpotifyApiError({
      kind: 'quota-exceeded',
      status: quota.status,
      reason: quota.reason,
      detail: quota.detail,
      retryAfterMs: quota.retryAfterMs,
      operation,
    });
  }
}
