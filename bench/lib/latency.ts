/**
 * Simulated network latency on the fake clock. Every call through `around()` reaches the simulator at
 * once (the request is logged, and carried out, at the moment it was made) and its answer is handed back
 * a seeded round-trip time later, on the fake clock: the whole round trip sits on the way back, so a
 * command's request still reaches the server in real time and its overhead can be measured.
 *
 * `settled()` is the settler for FakeClock.onSettle: it waits for the real I/O of calls in flight (the
 * loopback request), never for an answer waiting out its simulated latency (that waits on the clock, and
 * waiting for it inside advance() would never end).
 */
import type { FakeClock } from '../../test/support/fake-clock.ts';
import type { Rng } from './prng.ts';

export class SimulatedLatency {
  readonly #clock: FakeClock;
  readonly #rng: Rng;
  readonly #rangeMs: readonly [number, number];
  #realInFlight = 0;
  #waiters: (() => void)[] = [];
  /** Round trips drawn so far (for the report's footnote). */
  readonly drawnMs: number[] = [];

  constructor(clock: FakeClock, rng: Rng, rangeMs: readonly [number, number]) {
    this.#clock = clock;
    this.#rng = rng;
    this.#rangeMs = rangeMs;
  }

  async around<T>(work: () => Promise<T>): Promise<T> {
    const rtt = this.#rng.between(this.#rangeMs[0], this.#rangeMs[1]);
    this.drawnMs.push(rtt);
    this.#realInFlight++;
    let outcome: { ok: true; value: T } | { ok: false; error: unknown };
    try {
      outcome = { ok: true, value: await work() };
    } catch (error) {
      outcome = { ok: false, error };
    } finally {
      this.#realInFlight--;
      if (this.#realInFlight === 0) for (const wake of this.#waiters.splice(0)) wake();
    }
    await this.#clock.sleep(rtt);
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  /** Resolves when no call is in its real (loopback) part. */
  settled(): Promise<void> {
    if (this.#realInFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }
}

/** `api` with every method's call going through `latency.around()`; other members passed through. */
export function withLatency<T extends object>(api: T, latency: SimulatedLatency): T {
  return new Proxy(api, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) =>
        latency.around(() => Promise.resolve((value as (...a: unknown[]) => unknown).apply(target, args)));
    },
  });
}
