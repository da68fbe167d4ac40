/**
 * Simulated time for polling code: one object is the clock (`now()`), the scheduler (`setTimeout`,
 * `clearTimeout`) and the sleeper (`sleep`) of the code under test, and can be given to
 * `startSimulator({ clock })` so the simulator's player progress and token lifetimes use the same time.
 *
 * `advance(ms)` fires due timers in time order (ties in the order they were set) and, before and after
 * each one, lets real I/O finish: loopback requests to the simulator are real, so after each timer it
 * waits for every registered settler (e.g. `engine.settled()`) and a few event-loop turns. Hours of
 * simulated time take milliseconds. Never call the simulator's `sim.clock.advance()` with this clock:
 * it cannot await; call `await clock.advance()` here.
 */
import type { Sleep } from '../../src/main/spotify/rate-limit-gate.ts';

interface Timer {
  id: number;
  at: number;
  seq: number;
  callback: () => void;
}

export const FAKE_EPOCH = 1_800_000_000_000;

export class FakeClock {
  #now: number;
  #seq = 0;
  readonly #timers = new Map<number, Timer>();
  readonly #settlers = new Set<() => Promise<void>>();
  /** Errors thrown by timer callbacks, in order (advance() rethrows the first one). */
  readonly errors: unknown[] = [];

  constructor(start: number = FAKE_EPOCH) {
    this.#now = start;
  }

  readonly now = (): number => this.#now;

  readonly setTimeout = (callback: () => void, ms: number): number => {
    const id = ++this.#seq;
    const delay = Number.isFinite(ms) ? Math.max(0, ms) : 0;
    this.#timers.set(id, { id, at: this.#now + delay, seq: id, callback });
    return id;
  };

  readonly clearTimeout = (handle: unknown): void => {
    if (typeof handle === 'number') this.#timers.delete(handle);
  };

  /** For the API client's rate-limit gate: resolves when simulated time reaches now + ms. */
  readonly sleep: Sleep = (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason as Error);
        return;
      }
      const id = this.setTimeout(resolve, ms);
      signal?.addEventListener(
        'abort',
        () => {
          this.clearTimeout(id);
          reject(signal.reason as Error);
        },
        { once: true },
      );
    });

  /** Timers waiting to fire. */
  get pending(): number {
    return this.#timers.size;
  }

  /** Clock time of the earliest timer, if any. */
  get nextTimerAt(): number | undefined {
    return this.#earliest()?.at;
  }

  /** Waits for this (e.g. `() => engine.settled()`) after every timer. Returns the unregister. */
  onSettle(settler: () => Promise<void>): () => void {
    this.#settlers.add(settler);
    return () => {
      this.#settlers.delete(settler);
    };
  }

  /** Lets pending I/O and promise chains finish without moving time. */
  async settle(): Promise<void> {
    for (let round = 0; round < 2; round++) {
      await turn();
      for (const settler of [...this.#settlers]) await settler();
    }
  }

  /** Moves time forward by `ms`, firing every timer due on the way, in order, settling around each. */
  async advance(ms: number): Promise<void> {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance(ms) needs a finite ms >= 0, got ${ms}`);
    const target = this.#now + ms;
    await this.settle();
    for (;;) {
      const timer = this.#earliest();
      if (timer === undefined || timer.at > target) break;
      this.#timers.delete(timer.id);
      this.#now = Math.max(this.#now, timer.at);
      try {
        timer.callback();
      } catch (error) {
        this.errors.push(error);
      }
      await this.settle();
    }
    this.#now = target;
    await this.settle();
    if (this.errors.length > 0) throw this.errors[0];
  }

  /** Advances to the next timer (if any) and fires it, and everything due with it. */
  async runNext(): Promise<void> {
    const timer = this.#earliest();
    if (timer) await this.advance(Math.max(0, timer.at - this.#now));
  }

  /** Jumps to an absolute time without firing anything (the next advance fires what is due). */
  set(ms: number): void {
    if (!Number.isFinite(ms)) throw new RangeError(`set(ms) needs a finite ms, got ${ms}`);
    this.#now = ms;
  }

  #earliest(): Timer | undefined {
    let best: Timer | undefined;
    for (const timer of this.#timers.values()) {
      if (best === undefined || timer.at < best.at || (timer.at === best.at && timer.seq < best.seq)) {
        best = timer;
      }
    }
    return best;
  }
}

function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
