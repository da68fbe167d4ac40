import { webApiError } from './errors.ts';
import type { SimResponse } from './http.ts';
import { DAY_MS } from './profile.ts';
import { RollingWindow, retryAfterSeconds } from './rolling-window.ts';

/** The reason src/main/spotify/errors.ts recognises as "quota used up" (not a short burst). */
const QUOTA_EXCEEDED = 'QUOTA_EXCEEDED';

/**
 * A development-mode app's daily allowance (docs/SPOTIFY.md: about 1,400 calls a day), counted per app
 * over a rolling 24 hours rather than a UTC day, so a test's result never depends on the time of day
 * its clock starts at. Past it: 429 with reason QUOTA_EXCEEDED and `Retry-After` until the oldest
 * counted request is a day old.
 */
export class DailyQuota {
  readonly #window: RollingWindow | undefined;

  /** `limit` 0 = no quota. */
  constructor(limit: number) {
    this.#window = limit > 0 ? new RollingWindow(limit, DAY_MS) : undefined;
  }

  /** `undefined` when the request is within the quota, else the 429 to send. Counts nothing: see `record`. */
  refusal(clientId: string, now: number): SimResponse | undefined {
    const waitMs = this.#window?.waitMs(clientId, now) ?? 0;
    if (waitMs === 0) return undefined;
    return webApiError(429, 'The daily API quota of this app is used up', QUOTA_EXCEEDED, {
      'retry-after': String(retryAfterSeconds(waitMs)),
    });
  }

  /** Counts an admitted request. */
  record(clientId: string, now: number): void {
    this.#window?.record(clientId, now);
  }

  /** Requests of `clientId` in the last 24 hours (0 without a quota). */
  count(clientId: string, now: number): number {
    return this.#window?.count(clientId, now) ?? 0;
  }
}
