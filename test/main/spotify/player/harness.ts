import { SEED_CLIENT_ID, startSimulator, type Simulator } from '../../../../dev/simulator/index.ts';
import { buildAuthorizeUrl, createState } from '../../../../src/main/auth/authorize-url.ts';
import { MemoryTokenCache } from '../../../../src/main/auth/caches/memory.ts';
import { createPkcePair } from '../../../../src/main/auth/pkce.ts';
import { TRAYTUNE_SCOPES } from '../../../../src/main/auth/scopes.ts';
import { AuthSession } from '../../../../src/main/auth/session.ts';
import { TokenEndpoint } from '../../../../src/main/auth/token-endpoint.ts';
import type { Clock } from '../../../../src/main/util/clock.ts';
import { SpotifyApiClient, type SpotifyApiClientOptions } from '../../../../src/main/spotify/api-client.ts';
import { PlayerEngine, type PlayerEngineOptions } from '../../../../src/main/spotify/player/engine.ts';
import type { PlayerSnapshot } from '../../../../src/main/spotify/player/types.ts';
import { SpotifyWebApi } from '../../../../src/main/spotify/web-api.ts';
import { driveConsent } from '../../../support/consent.ts';
import { FakeClock } from '../../../support/fake-clock.ts';

const REDIRECT_URI = 'http://127.0.0.1:53682/callback';

/** Tiny real-time backoff for the client's 5xx/reset retries, so those stay quick. */
export const FAST_BACKOFF = { maxRetries: 2, minDelayMs: 1, maxDelayMs: 5, factor: 2 };

/**
 * A real PKCE sign-in against the simulator (consent over HTTP), with the grant saved in a cache the test
 * can look at. `clock` is the session's clock: the real one by default, so the session does not know when
 * the simulated hour of its access token is up and learns it from a 401, as after a sleep.
 */
export async function signInWithCache(
  sim: Simulator,
  clock?: Clock,
): Promise<{ session: AuthSession; cache: MemoryTokenCache }> {
  const pkce = createPkcePair();
  const state = createState();
  const url = buildAuthorizeUrl({
    accountsUrl: sim.accountsUrl,
    clientId: SEED_CLIENT_ID,
    redirectUri: REDIRECT_URI,
    scopes: TRAYTUNE_SCOPES,
    state,
    codeChallenge: pkce.challenge,
  });
  const { callbackUrl } = await driveConsent(url, { fetchCallback: false });
  const code = new URL(callbackUrl).searchParams.get('code');
  if (code === null) throw new Error(`consent gave no code: ${callbackUrl}`);
  const endpoint = new TokenEndpoint({ accountsUrl: sim.accountsUrl });
  const client = { clientId: SEED_CLIENT_ID };
  const token = await endpoint.exchangeCode({
    client,
    code,
    redirectUri: REDIRECT_URI,
    codeVerifier: pkce.verifier,
  });
  const cache = new MemoryTokenCache();
  const session = new AuthSession({ client, endpoint, cache, ...(clock && { clock }) }, token);
  await session.persist();
  return { session, cache };
}

export interface PlayerHarness {
  clock: FakeClock;
  sim: Simulator;
  session: AuthSession;
  cache: MemoryTokenCache;
  client: SpotifyApiClient;
  api: SpotifyWebApi;
  engine: PlayerEngine;
  /** Every snapshot emitted, in order. */
  snapshots: PlayerSnapshot[];
  /** Requests to this path (exact, with /v1), optionally one method. */
  count(path: string, method?: string): number;
  /** Requests to /v1/… since the last `sim.requests.reset()`, as "METHOD /path". */
  apiCalls(): string[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  engine?: Partial<Omit<PlayerEngineOptions, 'api' | 'clock' | 'scheduler'>>;
  client?: Partial<SpotifyApiClientOptions>;
  /** Call and await `engine.start()` (default true). */
  start?: boolean;
  /** Runs before the engine starts (set up the simulator's player). */
  before?: (sim: Simulator, clock: FakeClock) => void | Promise<void>;
}

/** Simulator, session, client and engine on ONE fake clock; the request log starts empty at engine start. */
export async function startPlayer(options: HarnessOptions = {}): Promise<PlayerHarness> {
  const clock = new FakeClock();
  const sim = await startSimulator({ clock });
  const { session, cache } = await signInWithCache(sim);
  const client = new SpotifyApiClient({
    tokens: session,
    baseUrl: sim.apiUrl,
    clock,
    sleep: clock.sleep,
    backoff: FAST_BACKOFF,
    ...options.client,
  });
  const api = new SpotifyWebApi(client);
  const engine = new PlayerEngine({ api, clock, scheduler: clock, session, ...options.engine });
  const snapshots: PlayerSnapshot[] = [];
  engine.subscribe((snapshot) => snapshots.push(snapshot));
  const unregister = clock.onSettle(() => engine.settled());
  await options.before?.(sim, clock);
  sim.requests.reset();
  if (options.start !== false) await engine.start();
  return {
    clock,
    sim,
    session,
    cache,
    client,
    api,
    engine,
    snapshots,
    count: (path, method) => sim.requests.count({ path, ...(method && { method }) }),
    apiCalls: () =>
      sim.requests.entries.filter((e) => e.path.startsWith('/v1/')).map((e) => `${e.method} ${e.path}`),
    close: async () => {
      unregister();
      engine.stop();
      await client.close();
      await sim.close();
    },
  };
}

export const PLAYER = '/v1/me/player';
export const DEVICES = '/v1/me/player/devices';
export const CONTAINS = '/v1/me/library/contains';
export const MINUTE = 60_000;
