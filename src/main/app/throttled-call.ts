import type { Scheduler } from '../spotify/player/index.ts';
import type { Clock } from '../util/clock.ts';

/**
 * Runs `call` at most once per `intervalMs`, however often it is requested: the first request of a quiet
 * spell runs on the next timer turn, later ones are folded into one run when the interval has passed. Used
 * for the request figures in the app state, which change with every request the player sends.
 */
export class ThrottledCall {
  readonly #scheduler: Scheduler;
  readonly #clock: Clock;
  readonly #intervalMs: number;
  readonly #call: () => void;
  #timer: unknown;
  #lastRunAt = Number.NEGATIVE_INFINITY;

  constructor(options: { scheduler: Scheduler; clock: Clock; intervalMs: number; call: () => void }) {
    this.#scheduler = options.scheduler;
    this.#clock = options.clock;
    this.#intervalMs = options.intervalMs;
    this.#call = options.call;
  }

  request(): void {
    if (this.#timer !== undefined) return;
    const wait = Math.max(0, this.#lastRunAt + this.#intervalMs - this.#clock.now());
    this.#timer = this.#scheduler.setTimeout(() => {
      this.#timer = undefined;
      this.#lastRunAt = this.#clock.now();
      this.#call();
    }, wait);
  }

  cancel(): void {
    if (this.#timer !== undefined) this.#scheduler.clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
