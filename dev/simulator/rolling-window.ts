/**
 * Counts events per key over a rolling window: the rate limit (30 s) and the daily quota (24 h) both
 * use one. Only admitted events are counted, so a refused request never pushes the window's end out.
 */
export class RollingWindow {
  readonly limit: number;
  readonly windowMs: number;
  readonly #events = new Map<string, number[]>();

  constructor(limit: number, windowMs: number) {
    this.limit = limit;
    this.windowMs = windowMs;
  }

  /** 0 when one more event fits now, else the ms until one does. Counts nothing. */
  waitMs(key: string, now: number): number {
    const events = this.#live(key, now);
    if (events.length < this.limit) return 0;
    // The oldest of the `limit` newest events must leave before one more fits.
    const oldest = events[events.length - this.limit] as number;
    return Math.max(1, oldest + this.windowMs - now);
  }

  record(key: string, now: number): void {
    this.#live(key, now).push(now);
  }

  /** Events of `key` still inside the window at `now`. */
  count(key: string, now: number): number {
    return this.#live(key, now).length;
  }

  #live(key: string, now: number): number[] {
    let events = this.#events.get(key);
    if (!events) {
      events = [];
      this.#events.set(key, events);
    }
    // A clock set backwards must not make old events count for longer: keep only (now - window, now].
    const fresh = events.filter((at) => at > now - this.windowMs && at <= now);
    if (fresh.length !== events.length) {
      this.#events.set(key, fresh);
      return fresh;
    }
    return events;
  }
}

/** Retry-After in whole seconds, rounded up so a client that waits exactly that long gets in. */
export function retryAfterSeconds(waitMs: number): number {
  return Math.max(1, Math.ceil(waitMs / 1000));
}
