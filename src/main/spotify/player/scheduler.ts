/** Timers, injected so tests move time by hand (test/support/fake-clock.ts) instead of waiting. */
export interface Scheduler {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemScheduler: Scheduler = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

/** One timer slot: setting it again replaces the previous timer. */
export class TimerSlot {
  readonly #scheduler: Scheduler;
  #handle: unknown;
  #at: number | undefined;

  constructor(scheduler: Scheduler) {
    this.#scheduler = scheduler;
  }

  /** Clock time the timer fires at, or undefined when none is set. */
  get at(): number | undefined {
    return this.#at;
  }

  set(callback: () => void, delayMs: number, now: number): void {
    this.clear();
    const ms = Math.max(0, delayMs);
    this.#at = now + ms;
    this.#handle = this.#scheduler.setTimeout(() => {
      this.#handle = undefined;
      this.#at = undefined;
      callback();
    }, ms);
  }

  clear(): void {
    if (this.#handle !== undefined) this.#scheduler.clearTimeout(this.#handle);
    this.#handle = undefined;
    this.#at = undefined;
  }
}
