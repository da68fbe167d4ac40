/**
 * The engine's requests in flight, and who waits for the engine to go quiet (`settled()`: tests and
 * shutdown). "Idle" also needs the other parts to be quiet (no read running, no command waiting): they
 * say so through `quiet`, and call `check()` when they become so.
 */
export class InFlightTracker {
  readonly #quiet: () => boolean;
  #inflight = 0;
  #waiters: (() => void)[] = [];

  /** `quiet`: no read runs and no command runs or waits. */
  constructor(quiet: () => boolean) {
    this.#quiet = quiet;
  }

  /** Runs one request, counted while it is in flight. */
  async track<T>(work: () => Promise<T>): Promise<T> {
    this.#inflight++;
    try {
      return await work();
    } finally {
      this.#inflight--;
      this.check();
    }
  }

  get idle(): boolean {
    return this.#inflight === 0 && this.#quiet();
  }

  /** Wakes the waiters once everything is quiet. */
  check(): void {
    if (!this.idle) return;
    for (const resolve of this.#waiters.splice(0)) resolve();
  }

  /** Resolves when nothing is in flight and nothing waits. */
  async settled(): Promise<void> {
    for (;;) {
      if (!this.idle) {
        await new Promise<void>((resolve) => this.#waiters.push(resolve));
        continue;
      }
      // Give just-finished work one turn to start a follow-up (a liked check, the next command).
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.idle) return;
    }
  }
}
