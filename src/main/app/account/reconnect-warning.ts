import type { Scheduler } from '../../spotify/player/index.ts';
import type { Clock } from '../../util/clock.ts';

/** The warning before the 6-month refresh-token expiry starts this long before it. */
export const RECONNECT_WARNING_MS = 14 * 24 * 3_600_000;
/** setTimeout's longest delay; longer waits are chained. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * `reconnectBy`: null until 14 days before the refresh token's 6-month end, then that end. Checked by a
 * (chained) timer, so a session that runs for weeks still shows the warning on the day.
 */
export class ReconnectWarning {
  readonly #clock: Clock;
  readonly #scheduler: Scheduler;
  readonly #onChange: (reconnectBy: number | null) => void;
  #timer: unknown;

  constructor(options: {
    clock: Clock;
    scheduler: Scheduler;
    onChange: (reconnectBy: number | null) => void;
  }) {
    this.#clock = options.clock;
    this.#scheduler = options.scheduler;
    this.#onChange = options.onChange;
  }

  /** Follows a session whose refresh token ends at `expiresAt` (epoch ms); replaces any earlier one. */
  watch(expiresAt: number): void {
    this.stop();
    const wait = expiresAt - RECONNECT_WARNING_MS - this.#clock.now();
    if (wait <= 0) {
      this.#onChange(expiresAt);
      return;
    }
    this.#onChange(null);
    this.#timer = this.#scheduler.setTimeout(
      () => {
        this.#timer = undefined;
        this.watch(expiresAt);
      },
      Math.min(wait, MAX_TIMER_MS),
    );
  }

  stop(): void {
    if (this.#timer !== undefined) this.#scheduler.clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
