import { defaultMessage, webApiError } from './errors.ts';
import type { SimResponse } from './http.ts';
import { RollingWindow, retryAfterSeconds } from './rolling-window.ts';

/**
 * Spotify's short-term rate limit: at most `limit` Web API requests per app (client ID) in any rolling
 * window (docs/SPOTIFY.md: "a rolling 30-second window"). Over it: 429, `Retry-After` in whole seconds
 * until the window has room again, and the Web API error body.
 */
export class RateLimit {
  readonly #window: RollingWindow | undefined;

  /** `limit` 0 = no rate limit. */
  constructor(limit: number, windowMs: number) {
    this.#window = limit > 0 ? new RollingWindow(limit, windowMs) : undefined;
  }

  /** `undefined` when the request may go on, else the 429 to send. Counts nothing: see `record`. */
  refusal(clientId: string, now: number): SimResponse | undefined {
    const waitMs = this.#window?.waitMs(clientId, now) ?? 0;
    if (waitMs === 0) return undefined;
    return webApiError(429, defaultMessage(429), undefined, {
      'retry-after': String(retryAfterSeconds(waitMs)),
    });
  }

  /** Counts an admitted request. */
  record(clientId: string, now: number): void {
    this.#window?.record(clientId, now);
  }

  /** Requests of `clientId` inside the window now (0 without a limit). */
  count(clientId: string, now: number): number {
    return this.#window?.count(clientId, now) ?? 0;
  }
}
