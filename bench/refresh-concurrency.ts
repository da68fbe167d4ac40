/**
 * refreshUnderConcurrency: how many token refreshes (POST /api/token) 100 concurrent callers cause once the
 * access token has expired. Three ways in:
 * - `apiCalls`: 100 concurrent GET /me/player; the session's clock is past the token's hour (it knows).
 * - `apiCallsAfter401`: the same, but only the simulator's clock moved (as after a laptop sleep the session
 *   did not notice): every call gets a 401 first, invalidates the token and asks for a new one.
 * - `getAccessToken`: 100 concurrent `session.getAccessToken()` with an expired token.
 */
import { startSimulator, type Simulator } from '../dev/simulator/index.ts';
import { createSpotifyApi } from '../src/main/spotify/index.ts';
import { FakeClock } from '../test/support/fake-clock.ts';
import { signIn } from './lib/sign-in.ts';

const TWO_HOURS = 2 * 3_600_000;

export interface RefreshCase {
  /** POST /api/token caused by the concurrent calls. */
  refreshes: number;
  /** Calls that resolved (should be all). */
  succeeded: number;
  /** Web API requests they made (a 401 and its retry count twice). */
  apiRequests: number;
}

export interface RefreshResult {
  concurrentCalls: number;
  apiCalls: RefreshCase;
  apiCallsAfter401: RefreshCase;
  getAccessToken: RefreshCase;
}

async function sessionKnows(concurrency: number, direct: boolean): Promise<RefreshCase> {
  const clock = new FakeClock();
  const sim = await startSimulator({ clock });
  const session = await signIn(sim, clock);
  const api = createSpotifyApi({ tokens: session, baseUrl: sim.apiUrl, clock, sleep: clock.sleep });
  try {
    await api.getPlaybackState(); // the connection is open and the token works
    clock.set(clock.now() + TWO_HOURS);
    sim.requests.reset();
    const calls = Array.from({ length: concurrency }, () =>
      direct ? session.getAccessToken() : api.getPlaybackState(),
    );
    return outcome(sim, await Promise.allSettled(calls));
  } finally {
    await api.client.close();
    await sim.close();
  }
}

async function sessionUnaware(concurrency: number): Promise<RefreshCase> {
  const sim = await startSimulator(); // its own manual clock; the session uses the real one
  const session = await signIn(sim);
  const api = createSpotifyApi({ tokens: session, baseUrl: sim.apiUrl });
  try {
    await api.getPlaybackState();
    sim.clock.advance(TWO_HOURS);
    sim.requests.reset();
    const calls = Array.from({ length: concurrency }, () => api.getPlaybackState());
    return outcome(sim, await Promise.allSettled(calls));
  } finally {
    await api.client.close();
    await sim.close();
  }
}

function outcome(sim: Simulator, results: PromiseSettledResult<unknown>[]): RefreshCase {
  return {
    refreshes: sim.requests.count({ method: 'POST', path: '/api/token' }),
    succeeded: results.filter((result) => result.status === 'fulfilled').length,
    apiRequests: sim.requests.entries.filter((entry) => entry.path.startsWith('/v1/')).length,
  };
}

export async function measureRefreshUnderConcurrency(concurrency = 100): Promise<RefreshResult> {
  return {
    concurrentCalls: concurrency,
    apiCalls: await sessionKnows(concurrency, false),
    apiCallsAfter401: await sessionUnaware(concurrency),
    getAccessToken: await sessionKnows(concurrency, true),
  };
}
