import type { SimClock } from './clock.ts';
import type { SimRequest, SimResponse } from './http.ts';
import { PLAYER_STATE_READS } from './player-requests.ts';
import type { Random } from './random.ts';

/** What the player reads answered just before a command: path → the answer and the query it was read with. */
export type PlayerReadAnswers = ReadonlyMap<string, { query: string; response: SimResponse }>;

interface StaleView {
  answers: PlayerReadAnswers;
  capturedAt: number;
  /** Simulator time the view stops being served. */
  until: number;
}

/**
 * Eventual consistency of the player: after a successful command, that user's player reads
 * (PLAYER_STATE_READS) answer what they answered just before it, for a seeded 0.2–1.5 s on the
 * simulator clock. Several commands in a row: the view stays the one from before the first of them and
 * lasts until the last one's window ends, as a client polling a busy Spotify sees it.
 */
export class StaleReads {
  readonly #clock: SimClock;
  readonly #minMs: number;
  readonly #maxMs: number;
  readonly #random: Random;
  readonly #views = new Map<string, StaleView>();
  /** `userId path` → the query string of the user's last read of it (what the app polls with). */
  readonly #lastQuery = new Map<string, string>();

  constructor(clock: SimClock, minMs: number, maxMs: number, random: Random) {
    this.#clock = clock;
    this.#minMs = minMs;
    this.#maxMs = maxMs;
    this.#random = random;
  }

  get enabled(): boolean {
    return this.#maxMs > 0;
  }

  /** A view is being served to `userId` now: the next command keeps it instead of capturing a new one. */
  active(userId: string): boolean {
    const view = this.#views.get(userId);
    if (view && this.#clock.now() >= view.until) this.#views.delete(userId);
    return this.#views.has(userId);
  }

  /** The reads to capture before a command, each with the query the user last read it with. */
  readsToCapture(userId: string): { path: string; query: string }[] {
    return PLAYER_STATE_READS.map((path) => ({
      path,
      query: this.#lastQuery.get(`${userId} ${path}`) ?? '',
    }));
  }

  /** After a successful command: serve `captured` (or keep the view already served) a while longer. */
  commandApplied(userId: string, captured: PlayerReadAnswers | undefined): void {
    if (!this.enabled) return;
    const now = this.#clock.now();
    const until = now + this.#minMs + Math.round(this.#random() * (this.#maxMs - this.#minMs));
    const view = this.active(userId) ? this.#views.get(userId) : undefined;
    if (view) view.until = Math.max(view.until, until);
    else if (captured) this.#views.set(userId, { answers: captured, capturedAt: now, until });
  }

  /**
   * The answer for a player read by `userId` whose fresh answer is `fresh`: the stale one while a view
   * is served. Only a fresh success is replaced (a 401 or 403 stays), and only for the query the view
   * was captured with (another query's old answer is unknown, so it is answered fresh).
   */
  answer(userId: string, request: SimRequest, fresh: SimResponse): SimResponse {
    const query = request.query.toString();
    this.#lastQuery.set(`${userId} ${request.path}`, query);
    if (!this.active(userId) || (fresh.status !== 200 && fresh.status !== 204)) return fresh;
    const view = this.#views.get(userId) as StaleView;
    const stale = view.answers.get(request.path);
    if (!stale || stale.query !== query) return fresh;
    return playedOn(stale.response, this.#clock.now() - view.capturedAt);
  }
}

/** A captured playback answer `elapsedMs` later: if it was playing, its progress moved on (to the item's end at most). */
function playedOn(response: SimResponse, elapsedMs: number): SimResponse {
  if (response.status !== 200 || elapsedMs <= 0) return response;
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    return response;
  }
  if (body === null || typeof body !== 'object') return response;
  const playback = body as { is_playing?: unknown; progress_ms?: unknown; item?: { duration_ms?: unknown } };
  if (playback.is_playing !== true || typeof playback.progress_ms !== 'number') return response;
  const duration = typeof playback.item?.duration_ms === 'number' ? playback.item.duration_ms : Infinity;
  const progressed = { ...playback, progress_ms: Math.min(playback.progress_ms + elapsedMs, duration) };
  return { ...response, body: JSON.stringify(progressed) };
}
