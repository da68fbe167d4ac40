import { z } from 'zod';
import {
  DAILY_REQUEST_BUDGET_MAX,
  DAILY_REQUEST_BUDGET_MIN,
  DEFAULT_DAILY_REQUEST_BUDGET,
} from '../../shared/request-budget.ts';

/**
 * Counts the requests Traytune sends to the Web API and judges them against two limits (docs/SPOTIFY.md):
 * a daily budget the user sets (development-mode apps hit QUOTA_EXCEEDED after about 1,400 calls a day),
 * and a guard that keeps background reads well below Spotify's rolling 30-second rate limit.
 *
 * Counted: every HTTP request sent to the Web API (commands, reads, and each retry of one), recorded by
 * the API client. Not counted: token requests to the accounts service. Spotify's rate limit and quota are
 * the Web API's (a 429 from api.spotify.com); the accounts service answers its own 429s, which the session
 * handles, and a refresh comes about once an hour.
 *
 * "Today" is the last 24 hours (rolling), not the calendar day: Spotify does not say when its day starts,
 * and a rolling window never hands back a full budget at midnight.
 *
 * Counts survive a restart through a RequestCountsStore (per-minute counts for the last 24 hours, written
 * a few seconds after a request, never on every one). Nothing in them identifies a request or the user.
 */

/** What the player engine asks of the budget before it schedules a background read. */
export interface RequestBudgetView {
  /** Share of the day's budget used so far: 0 = none, 1 = all (may exceed 1). */
  dayUsedFraction(now: number): number;
  /** Earliest time a background read may go out and stay below the rolling rate limit (≤ now: at once). */
  nextBackgroundSlot(now: number): number;
}

/** What the API client calls for every request it sends. */
export interface RequestRecorder {
  record(at: number): void;
}

/** The saved form: per-minute counts, `[minute, count]` with minute = floor(epoch ms / 60 000). */
export const requestCountsSchema = z.object({
  version: z.literal(1),
  minutes: z.array(z.tuple([z.number().int().nonnegative(), z.number().int().positive()])).max(24 * 60 + 1),
});
export type RequestCounts = z.infer<typeof requestCountsSchema>;

/** Where the counts are kept between runs (the app: a small file in userData; tests: memory). */
export interface RequestCountsStore {
  /** The counts saved last time, or null when there are none. Throws a RequestCountsError on a bad file. */
  load(): RequestCounts | null;
  save(counts: RequestCounts): Promise<void>;
}

/** Timers for the debounced save (the app's Scheduler, a FakeClock in tests). */
export interface SaveScheduler {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface RollingGuardOptions {
  /** Spotify's rolling window. Default 30 s. */
  windowMs?: number;
  /**
   * Requests of every kind in any window that the app means to stay under. Default 26, below the 30 per
   * 30 s the realistic simulator holds Spotify to. Not enforced on commands (the user asked for them); it
   * bounds `backgroundLimit`.
   */
  windowLimit?: number;
  /**
   * Background reads go out only while fewer than this many requests of any kind went out in the window,
   * so the rest of `windowLimit` stays free for commands. Default 18 (8 kept for commands): high enough
   * that sign-in's dozen requests do not hold back the track-end and recovery reads that follow it.
   */
  backgroundLimit?: number;
}

export interface RequestBudgetOptions {
  /** Requests a day (rolling 24 h) the user allows. Default DEFAULT_DAILY_REQUEST_BUDGET. */
  dailyBudget?: number;
  guard?: RollingGuardOptions;
  /** Persistence; without it the counts live in memory only. */
  store?: RequestCountsStore;
  /** Needed with `store`: the save is debounced on it. */
  scheduler?: SaveScheduler;
  /** The clock time the saved counts are restored at (they are placed no later than this). */
  now?: number;
  /** How long after a request the counts are saved (later requests ride along). Default 10 s. */
  saveDelayMs?: number;
  /** Told when the saved counts could not be read or written (counting goes on in memory). */
  onProblem?: (error: RequestCountsError) => void;
}

/** The saved counts could not be read or written. The message says what happened and what to do. */
export class RequestCountsError extends Error {
  override readonly name = 'RequestCountsError';
  readonly code: 'unreadable' | 'write-failed';
  constructor(code: RequestCountsError['code'], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

export const DEFAULT_ROLLING_GUARD: Required<RollingGuardOptions> = Object.freeze({
  windowMs: 30_000,
  windowLimit: 26,
  backgroundLimit: 18,
});

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const DEFAULT_SAVE_DELAY_MS = 10_000;
/** Pruning copies the array: only once this many old entries have piled up at its head. */
const PRUNE_BATCH = 256;

export type RequestBudgetListener = () => void;

export class RequestBudget implements RequestBudgetView, RequestRecorder {
  readonly #guard: Required<RollingGuardOptions>;
  readonly #store: RequestCountsStore | undefined;
  readonly #scheduler: SaveScheduler | undefined;
  readonly #saveDelayMs: number;
  readonly #onProblem: (error: RequestCountsError) => void;
  readonly #listeners = new Set<RequestBudgetListener>();
  #dailyBudget: number;
  /** Send times, ascending, of the requests of the last 24 h (and a few older ones until pruned). */
  #times: number[] = [];
  /** Index of the first entry that may still be inside the 24 h window. */
  #head = 0;
  #saveTimer: unknown;
  #saving: Promise<void> = Promise.resolve();
  #dirty = false;

  constructor(options: RequestBudgetOptions = {}) {
    this.#dailyBudget = checkDailyBudget(options.dailyBudget ?? DEFAULT_DAILY_REQUEST_BUDGET);
    this.#guard = checkGuard({ ...DEFAULT_ROLLING_GUARD, ...options.guard });
    this.#store = options.store;
    this.#scheduler = options.scheduler;
    if (this.#store !== undefined && this.#scheduler === undefined) {
      throw new TypeError('RequestBudget: a store needs a scheduler for its debounced save.');
    }
    this.#saveDelayMs = options.saveDelayMs ?? DEFAULT_SAVE_DELAY_MS;
    this.#onProblem = options.onProblem ?? ((error) => console.warn(`[requests] ${error.message}`));
    this.#restore(options.now ?? Date.now());
  }

  get dailyBudget(): number {
    return this.#dailyBudget;
  }

  /** The user changed the setting. Throws a RangeError outside DAILY_REQUEST_BUDGET_MIN..MAX. */
  setDailyBudget(value: number): void {
    const next = checkDailyBudget(value);
    if (next === this.#dailyBudget) return;
    this.#dailyBudget = next;
    this.#notify();
  }

  /** One request went out at clock time `at`. */
  record(at: number): void {
    const times = this.#times;
    let i = times.length;
    // Clocks can step back (NTP): keep the list sorted all the same.
    while (i > this.#head && (times[i - 1] as number) > at) i--;
    if (i === times.length) times.push(at);
    else times.splice(i, 0, at);
    this.#prune(at);
    this.#dirty = true;
    this.#scheduleSave();
    this.#notify();
  }

  /** Requests sent in the hour up to `now`. */
  usedInLastHour(now: number): number {
    return this.#countSince(now - HOUR_MS, now);
  }

  /** Requests sent in the 24 hours up to `now` (rolling, not the calendar day). */
  usedToday(now: number): number {
    return this.#countSince(now - DAY_MS, now);
  }

  /** Requests of every kind sent in the rolling window up to `now`. */
  usedInWindow(now: number): number {
    return this.#countSince(now - this.#guard.windowMs, now);
  }

  dayUsedFraction(now: number): number {
    return this.usedToday(now) / this.#dailyBudget;
  }

  nextBackgroundSlot(now: number): number {
    const { windowMs, backgroundLimit } = this.#guard;
    const from = firstAfter(this.#times, now - windowMs, this.#head);
    const to = firstAfter(this.#times, now, from);
    const inWindow = to - from;
    if (inWindow < backgroundLimit) return now;
    // Once the request at this index has left the window, fewer than `backgroundLimit` remain in it.
    return (this.#times[to - backgroundLimit] as number) + windowMs;
  }

  /** Called after every recorded request and budget change (the app throttles what it pushes). */
  onChange(listener: RequestBudgetListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** Writes the counts now if anything is unsaved (quit). Never rejects: problems go to `onProblem`. */
  flush(now: number = Date.now()): Promise<void> {
    this.#cancelSaveTimer();
    if (this.#dirty) this.#save(now);
    return this.#saving;
  }

  /** Stops the debounced save without writing (tests; the app calls flush). */
  dispose(): void {
    this.#cancelSaveTimer();
    this.#listeners.clear();
  }

  /** The counts as saved: requests of the 24 h up to `now`, per minute. */
  snapshot(now: number): RequestCounts {
    const minutes: [number, number][] = [];
    const from = firstAfter(this.#times, now - DAY_MS, this.#head);
    for (let i = from; i < this.#times.length; i++) {
      const minute = Math.floor((this.#times[i] as number) / MINUTE_MS);
      const last = minutes.at(-1);
      if (last !== undefined && last[0] === minute) last[1]++;
      else minutes.push([minute, 1]);
    }
    return { version: 1, minutes };
  }

  #restore(now: number): void {
    if (this.#store === undefined) return;
    let saved: RequestCounts | null;
    try {
      saved = this.#store.load();
    } catch (error) {
      this.#onProblem(
        error instanceof RequestCountsError
          ? error
          : new RequestCountsError(
              'unreadable',
              'Traytune could not read its saved request counts, so today’s count starts from zero.',
              { cause: error },
            ),
      );
      return;
    }
    if (saved === null) return;
    const restored: number[] = [];
    for (const [minute, count] of [...saved.minutes].sort((a, b) => a[0] - b[0])) {
      // The end of its minute (never after `now`): a restored request stays in a window at least as long
      // as it really would, so the restart never lets more through than the limits allow.
      const at = Math.min((minute + 1) * MINUTE_MS - 1, now);
      if (at <= now - DAY_MS) continue;
      for (let i = 0; i < count; i++) restored.push(at);
    }
    this.#times = restored.sort((a, b) => a - b);
    this.#head = 0;
  }

  #countSince(after: number, until: number): number {
    const from = firstAfter(this.#times, after, this.#head);
    const to = firstAfter(this.#times, until, from);
    return to - from;
  }

  #prune(now: number): void {
    this.#head = firstAfter(this.#times, now - DAY_MS, this.#head);
    if (this.#head >= PRUNE_BATCH) {
      this.#times = this.#times.slice(this.#head);
      this.#head = 0;
    }
  }

  #scheduleSave(): void {
    const scheduler = this.#scheduler;
    if (this.#store === undefined || scheduler === undefined || this.#saveTimer !== undefined) return;
    // Not pushed back by later requests: under steady polling the counts are still saved every few seconds.
    this.#saveTimer = scheduler.setTimeout(() => {
      this.#saveTimer = undefined;
      this.#save(this.#times.at(-1) ?? 0);
    }, this.#saveDelayMs);
  }

  #cancelSaveTimer(): void {
    if (this.#saveTimer !== undefined) this.#scheduler?.clearTimeout(this.#saveTimer);
    this.#saveTimer = undefined;
  }

  /** One write at a time, in order; each writes the counts as they are when it starts. */
  #save(now: number): void {
    const store = this.#store;
    if (store === undefined) return;
    this.#dirty = false;
    const counts = this.snapshot(Math.max(now, this.#times.at(-1) ?? now));
    this.#saving = this.#saving.then(() =>
      store.save(counts).catch((error: unknown) => {
        this.#dirty = true;
        this.#onProblem(
          error instanceof RequestCountsError
            ? error
            : new RequestCountsError(
                'write-failed',
                'Traytune could not save its request counts; after a restart today’s count starts from zero.',
                { cause: error },
              ),
        );
      }),
    );
  }

  #notify(): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener();
      } catch (error) {
        console.error('[requests] listener failed:', error);
      }
    }
  }
}

/** The daily budget, or a RangeError saying which values are allowed. */
function checkDailyBudget(value: number): number {
  if (!Number.isInteger(value) || value < DAILY_REQUEST_BUDGET_MIN || value > DAILY_REQUEST_BUDGET_MAX) {
    throw new RangeError(
      `The daily request budget must be a whole number from ${DAILY_REQUEST_BUDGET_MIN} to ${DAILY_REQUEST_BUDGET_MAX}.`,
    );
  }
  return value;
}

function checkGuard(guard: Required<RollingGuardOptions>): Required<RollingGuardOptions> {
  const { windowMs, windowLimit, backgroundLimit } = guard;
  const whole = (n: number) => Number.isInteger(n) && n > 0;
  if (!whole(windowMs) || !whole(windowLimit) || !whole(backgroundLimit) || backgroundLimit > windowLimit) {
    throw new RangeError(
      'The rolling guard needs whole positive numbers, with backgroundLimit no greater than windowLimit.',
    );
  }
  return Object.freeze({ windowMs, windowLimit, backgroundLimit });
}

/**
 * The first index from `start` whose time is greater than `value` in the ascending list: an entry at
 * `value` itself is outside the window (value, …].
 */
function firstAfter(times: readonly number[], value: number, start: number): number {
  let lo = start;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] as number) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
