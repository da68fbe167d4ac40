import { describe, expect, it } from 'vitest';
import type { Simulator } from '../../../dev/simulator/index.ts';
import { DAY_MS } from '../../../dev/simulator/profile.ts';
import { errorFromResponse } from '../../../src/main/spotify/errors.ts';
import { call, userToken } from './helpers.ts';
import { only, realisticSimulators } from './realistic-helpers.ts';

const start = realisticSimulators();

const me = (sim: Simulator, token: string) =>
  fetch(`${sim.apiUrl}/me`, { headers: { authorization: `Bearer ${token}` } });

describe('realistic profile: daily quota per app', () => {
  it('answers 1,400 requests a day by default, then 429 QUOTA_EXCEEDED the app recognises', async () => {
    const sim = await start();
    const token = await userToken(sim);
    let ok = 0;
    for (let i = 0; i < 1400; i++) {
      // One a second: well inside the 30-second rate limit, so only the quota can refuse.
      sim.clock.advance(1000);
      if ((await me(sim, token)).status === 200) ok++;
    }
    expect(ok).toBe(1400);
    sim.clock.advance(1000);
    const refused = await me(sim, token);
    expect(refused.status).toBe(429);
    const body = await refused.text();
    expect(JSON.parse(body)).toEqual({
      error: { status: 429, message: 'The daily API quota of this app is used up', reason: 'QUOTA_EXCEEDED' },
    });
    // The first of the day's requests is a day old 1,401 s after it was sent.
    expect(refused.headers.get('retry-after')).toBe(String(DAY_MS / 1000 - 1400));
    expect(errorFromResponse({ status: 429, body, operation: 'profile' }).kind).toBe('quota-exceeded');
  });

  it('takes precedence over the rate limit, and frees up as the rolling day moves on', async () => {
    const sim = await start(only({ dailyQuotaRequests: 3, rateLimitRequests: 2 }));
    let token = await userToken(sim);
    const statuses = async (n: number) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push((await call(sim, token, 'GET', '/me')).status);
      return out;
    };
    expect(await statuses(3)).toEqual([200, 200, 429]); // the third: rate limit (not counted)
    sim.clock.advance(30_000);
    expect(await statuses(1)).toEqual([200]);
    const quota = await call(sim, token, 'GET', '/me');
    expect(quota.body).toMatchObject({ error: { reason: 'QUOTA_EXCEEDED' } });
    sim.clock.advance(DAY_MS - 30_000 - 1);
    expect((await call(sim, token, 'GET', '/me')).body).toMatchObject({
      error: { reason: 'QUOTA_EXCEEDED' },
    });
    sim.clock.advance(1); // the first two are a day old
    token = await userToken(sim); // the old one expired hours ago; the accounts service counts nothing
    expect(await statuses(2)).toEqual([200, 200]);
  });

  it('has no quota in the lenient profile', async () => {
    const sim = await start({ profile: 'lenient' });
    const token = await userToken(sim);
    for (let i = 0; i < 1500; i++) {
      const status = (await me(sim, token)).status;
      if (status !== 200) throw new Error(`request ${i + 1} answered ${status}`);
    }
    expect(sim.requests.count({ path: '/v1/me', status: 200 })).toBe(1500);
  });
});
