import { startSimulator, type Simulator, type SimulatorOptions } from '../../../../dev/simulator/index.ts';
import type { MemoryTokenCache } from '../../../../src/main/auth/caches/memory.ts';
import type { AuthSession } from '../../../../src/main/auth/session.ts';
import { signInToSimulator } from '../../../support/simulator-session.ts';
import type { Clock } from '../../../../src/main/util/clock.ts';
import { SpotifyApiClient, type SpotifyApiClientOptions } from '../../../../src/main/spotify/api-client.ts';
import { PlayerEngine, type PlayerEngineOptions } from '../../../../src/main/spotify/player/engine.ts';
import type { PlayerSnapshot } from '../../../../src/main/spotify/player/types.ts';
import { SpotifyWebApi } from '../../../../src/main/spotify/web-api.ts';
import { FakeClock } from '../../../support/fake-clock.ts';

/** Tiny real-time backoff for the client's 5xx/reset retries, so those stay quick. */
const FAST_BACKOFF = { maxRetries: 2, minDelayMs: 1, maxDelayMs: 5, factor: 2 };

/** A real PKCE sign-in against the simulator; the session's clock is the real one unless given. */
function signInWithCache(
  sim: Simulator,
  clock?: Clock,
): Promise<{ session: AuthSession; cache: MemoryTokenCache }> {
  return signInToSimulator(sim, clock === undefined ? {} : { clock });
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
  /** The simulator's profile and realism (default: lenient, every realism off). */
  sim?: Omit<SimulatorOptions, 'clock'>;
  /** Runs before the engine starts (set up the simulator's player). */
  before?: (sim: Simulator, clock: FakeClock) => void | Promise<void>;
}

/** Simulator, session, client and engine on ONE fake clock; the request log starts empty at engine start. */
export async function startPlayer(options: HarnessOptions = {}): Promise<PlayerHarness> {
  const clock = new FakeClock();
  const sim = await startSimulator({ ...options.sim, clock });
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

/** How often a shown value went back to the one it had just left (A → B → A): flicker, flip-flop. */
export function reversals<T>(values: readonly T[]): number {
  const runs = values.filter((value, i) => i === 0 || value !== values[i - 1]);
  let count = 0;
  for (let i = 2; i < runs.length; i++) if (runs[i] === runs[i - 2]) count++;
  return count;
}

/** The values of one field in every snapshot emitted since `from`, and now. */
export function shown<T>(h: PlayerHarness, from: number, pick: (s: PlayerSnapshot) => T): T[] {
  return [...h.snapshots.slice(from), h.engine.getSnapshot()].map(pick);
}
