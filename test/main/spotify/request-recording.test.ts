import { afterEach, describe, expect, it } from 'vitest';
import { SEED_USER_ID } from '../../../dev/simulator/index.ts';
import { RequestBudget } from '../../../src/main/spotify/request-budget.ts';
import { rejectionOf, startHarness, type Harness } from './support.ts';

/**
 * The API client tells the budget about every request it sends: what the simulator's request log saw
 * at the API host is what the budget counts, retries and refused requests included.
 */

let h: Harness;
let budget: RequestBudget;

afterEach(async () => {
  await h.close();
});

async function start(): Promise<void> {
  budget = new RequestBudget();
  h = await startHarness({ recorder: budget });
}

/** Requests the simulator answered at the Web API (its log also holds the accounts service's). */
function apiRequests(): number {
  return h.sim.requests.entries.filter((entry) => entry.path.startsWith('/v1/')).length;
}

describe('the API client records every request it sends', () => {
  it('reads and commands alike, at the client clock', async () => {
    await start();
    await h.api.getProfile();
    await h.api.getPlaybackState();
    await h.api.pause();
    await h.api.setVolume(30);
    expect(apiRequests()).toBe(4);
    expect(budget.usedToday(h.time.now)).toBe(4);
    expect(budget.usedInLastHour(h.time.now)).toBe(4);
    expect(budget.usedInWindow(h.time.now)).toBe(4);
  });

  it('each attempt of a retried read (5xx, a reset) counts, as it does at Spotify', async () => {
    await start();
    h.sim.injectFault({ path: '/v1/me', status: 503 });
    h.sim.injectFault({ path: '/v1/me', reset: true });
    await expect(h.api.getProfile()).resolves.toMatchObject({ id: SEED_USER_ID });
    expect(h.sim.requests.count({ path: '/v1/me' })).toBe(3);
    expect(budget.usedToday(h.time.now)).toBe(apiRequests());
  });

  it('a 401 and its retry after a refresh count twice; the refresh itself is not a Web API request', async () => {
    await start();
    h.sim.injectFault({ path: '/v1/me', status: 401, message: 'The access token expired' });
    await h.api.getProfile();
    expect(h.sim.requests.entries.map((e) => e.path)).toEqual(['/v1/me', '/api/token', '/v1/me']);
    expect(budget.usedToday(h.time.now)).toBe(2);
  });

  it('a 429 waited out: the refused request and the one sent again both count', async () => {
    await start();
    h.sim.injectFault({ path: '/v1/me', retryAfter: 5 });
    const read = h.api.getProfile();
    await h.time.untilSleeping(1);
    expect(budget.usedToday(h.time.now)).toBe(1);
    h.time.elapse();
    await read;
    expect(apiRequests()).toBe(2);
    expect(budget.usedToday(h.time.now)).toBe(2);
  });

  it('a request held back by the gate is not sent, so not counted', async () => {
    await start();
    h.sim.injectFault({ path: '/v1/me', retryAfter: 30 });
    await rejectionOf(h.api.getProfile({ waitIfRateLimited: false }));
    await rejectionOf(h.api.getProfile({ waitIfRateLimited: false }));
    await rejectionOf(h.api.next({}, { waitIfRateLimited: false }));
    expect(apiRequests()).toBe(1);
    expect(budget.usedToday(h.time.now)).toBe(1);
  });

  it('a mixed session: the log and the budget agree', async () => {
    await start();
    h.sim.injectFault({ method: 'PUT', path: '/v1/me/player/volume', status: 502 });
    h.sim.injectFault({ method: 'POST', path: '/v1/me/player/next', status: 500 }); // 'once': not retried
    await h.api.getDevices();
    await h.api.setVolume(50);
    await rejectionOf(h.api.next());
    await h.api.checkLibrary([h.sim.player.catalogue()[0]?.uri ?? '']);
    await h.api.getPlaybackState();
    expect(apiRequests()).toBe(6);
    expect(budget.usedToday(h.time.now)).toBe(apiRequests());
  });

  it('without a recorder nothing is counted (and nothing breaks)', async () => {
    budget = new RequestBudget();
    h = await startHarness();
    await h.api.getProfile();
    expect(budget.usedToday(h.time.now)).toBe(0);
  });
});
