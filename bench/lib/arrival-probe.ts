/**
 * Real-time arrival of requests at one simulator: Node's `http.server.request.start` diagnostics channel
 * fires when the server has parsed the request head, just before its 'request' event (same process, so
 * `performance.now()` on both sides is one clock). Armed for one command at a time: the first request on
 * the simulator's port that `matches` after `expect()` is the command's.
 */
import dc from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';

export type RequestMatcher = (method: string, url: string) => boolean;

export class ArrivalProbe {
  readonly #port: number;
  #matches: RequestMatcher | null = null;
  #arrivedAt: number | null = null;

  constructor(simUrl: string) {
    this.#port = Number(new URL(simUrl).port);
    dc.subscribe('http.server.request.start', this.#onStart);
  }

  /** Arms the probe: `matches` is a predicate, or an exact `METHOD /url` string. */
  expect(matches: RequestMatcher | string): void {
    this.#matches = typeof matches === 'string' ? (method, url) => `${method} ${url}` === matches : matches;
    this.#arrivedAt = null;
  }

  /** The arrival time of the expected request (performance.now()), or null; disarms the probe. */
  take(): number | null {
    const at = this.#arrivedAt;
    this.#matches = null;
    this.#arrivedAt = null;
    return at;
  }

  close(): void {
    dc.unsubscribe('http.server.request.start', this.#onStart);
  }

  readonly #onStart = (message: unknown): void => {
    const now = performance.now();
    const { request } = message as { request: IncomingMessage };
    if (request.socket.localPort !== this.#port || this.#matches === null || this.#arrivedAt !== null) return;
    if (this.#matches(request.method ?? '', request.url ?? '')) this.#arrivedAt = now;
  };
}
