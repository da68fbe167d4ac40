import { trafficCallerOf } from './caller.ts';
import { CommandAnswers } from './command-answers.ts';
import { StaleReads, type PlayerReadAnswers } from './consistency.ts';
import type { SimRequest, SimResponse } from './http.ts';
import { isPlayerCommand, isPlayerStateRead } from './player-requests.ts';
import { DailyQuota } from './quota.ts';
import { seededRandom } from './random.ts';
import { RateLimit } from './rate-limit.ts';
import { CommandOrder } from './reorder.ts';
import type { SimState } from './state.ts';

export interface Routed {
  response: SimResponse;
  /** A route answered (not the 404/405 of a path the simulator lacks). */
  matched: boolean;
}

export type RouteFn = (request: SimRequest) => Promise<Routed>;

/** The scopes of the token the simulator reads a user's player with before a command (never sent out). */
const OBSERVER_SCOPES = ['user-read-playback-state', 'user-read-currently-playing'];

/**
 * The traffic half of the profile (profile.ts), between the fault queue and the routes: rate limit and
 * daily quota first, then stale player reads, out-of-order commands and the mix of command answers.
 * Only Web API requests (`/v1/…`) with a token the simulator issued are subject to it: the accounts
 * service (/authorize, /api/token) is another host with limits of its own that Spotify does not count
 * against an app's Web API calls, and `/__sim/*` never reaches this far.
 */
export class Traffic {
  readonly commandAnswers: CommandAnswers;
  readonly rateLimit: RateLimit;
  readonly quota: DailyQuota;
  readonly #state: SimState;
  readonly #staleReads: StaleReads;
  readonly #order: CommandOrder;
  /** `clientId userId` → the internal token used to capture a user's player reads. */
  readonly #observerTokens = new Map<string, string>();

  constructor(state: SimState) {
    this.#state = state;
    const { seed, traffic } = state.profile;
    this.rateLimit = new RateLimit(traffic.rateLimitRequests, traffic.rateLimitWindowMs);
    this.quota = new DailyQuota(traffic.dailyQuotaRequests);
    this.#staleReads = new StaleReads(
      state.clock,
      traffic.staleReadMinMs,
      traffic.staleReadMaxMs,
      seededRandom(seed, 'stale-reads'),
    );
    this.#order = new CommandOrder(
      traffic.reorderProbability,
      traffic.reorderWithinMs,
      seededRandom(seed, 'reorder'),
    );
    this.commandAnswers = new CommandAnswers(
      traffic.commandAnswerWeights,
      seededRandom(seed, 'command-answers'),
    );
  }

  /** The 429 for a request over the app's quota or rate limit, else `undefined` (and the request counts). */
  admit(request: SimRequest): SimResponse | undefined {
    if (!request.path.startsWith('/v1/')) return undefined;
    const caller = trafficCallerOf(this.#state, request.headers);
    if (!caller) return undefined;
    const now = this.#state.clock.now();
    // The quota first: once it is used up, waiting out the 30-second window does not help.
    const refusal = this.quota.refusal(caller.clientId, now) ?? this.rateLimit.refusal(caller.clientId, now);
    if (refusal) return refusal;
    this.quota.record(caller.clientId, now);
    this.rateLimit.record(caller.clientId, now);
    return undefined;
  }

  /** Routes an admitted request, playing out stale reads, reordering and the command answer mix. */
  async handle(request: SimRequest, route: RouteFn): Promise<Routed> {
    const command = isPlayerCommand(request.method, request.path);
    const read = isPlayerStateRead(request.method, request.path);
    const userId = command || read ? trafficCallerOf(this.#state, request.headers)?.userId : undefined;
    if (userId === undefined) {
      const routed = await route(request);
      return command ? { ...routed, response: this.commandAnswers.restyle(routed.response) } : routed;
    }
    if (read) {
      const routed = await route(request);
      return { ...routed, response: this.#staleReads.answer(userId, request, routed.response) };
    }
    return this.#command(request, userId, route);
  }

  async #command(request: SimRequest, userId: string, route: RouteFn): Promise<Routed> {
    const now = this.#state.clock.now();
    const captured =
      this.#staleReads.enabled && !this.#staleReads.active(userId)
        ? await this.#capture(request, userId, route)
        : undefined;
    const overtaken = this.#order.overtaken(userId, now);
    const routed = await route(request);
    const succeeded = routed.matched && routed.response.status >= 200 && routed.response.status < 300;
    // The earlier command lands last; its answer went out long ago, so this one is dropped.
    if (overtaken) await route(overtaken);
    else if (succeeded) this.#order.applied(userId, request, now);
    if (succeeded || overtaken) this.#staleReads.commandApplied(userId, captured);
    return { ...routed, response: this.commandAnswers.restyle(routed.response) };
  }

  /** What the user's player reads answer right now, read with an internal token (not logged, not counted). */
  async #capture(
    request: SimRequest,
    userId: string,
    route: RouteFn,
  ): Promise<PlayerReadAnswers | undefined> {
    const clientId = trafficCallerOf(this.#state, request.headers)?.clientId;
    if (clientId === undefined) return undefined;
    const token = this.#observerToken(clientId, userId);
    const answers = new Map<string, { query: string; response: SimResponse }>();
    for (const { path, query } of this.#staleReads.readsToCapture(userId)) {
      const { response } = await route({
        method: 'GET',
        path,
        query: new URLSearchParams(query),
        headers: { authorization: `Bearer ${token}` },
        body: '',
        params: {},
      });
      answers.set(path, { query, response });
    }
    return answers;
  }

  #observerToken(clientId: string, userId: string): string {
    const key = `${clientId} ${userId}`;
    const cached = this.#observerTokens.get(key);
    const record = cached === undefined ? undefined : this.#state.tokens.findAccessToken(cached);
    if (cached !== undefined && record && !this.#state.tokens.accessTokenExpired(record)) return cached;
    const token = this.#state.tokens.issueAccessToken(clientId, userId, OBSERVER_SCOPES);
    this.#observerTokens.set(key, token);
    return token;
  }
}
