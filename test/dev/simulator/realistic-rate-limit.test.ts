import { describe, expect, it } from 'vitest';
import type { Simulator } from '../../../dev/simulator/index.ts';
import { REALISTIC_TRAFFIC } from '../../../dev/simulator/profile.ts';
import { call, pkceParams, postToken, seedBasic, signIn, userToken, type ApiAnswer } from './helpers.ts';
import { only, realisticSimulators } from './realistic-helpers.ts';

const start = realisticSimulators();

/** `n` GET /me one after another (each awaited before the next): the answers in order. */
async function burst(sim: Simulator, token: string, n: number): Promise<ApiAnswer[]> {
  const answers: ApiAnswer[] = [];
  for (let i = 0; i < n; i++) answers.push(await call(sim, token, 'GET', '/me'));
  return answers;
}

const retryAfterOf = async (sim: Simulator, token: string): Promise<string | null> =>
  (await fetch(`${sim.apiUrl}/me`, { headers: { authorization: `Bearer ${token}` } })).headers.get(
    'retry-after',
  );

describe('realistic profile: rate limit per app over a rolling 30 s', () => {
  it('refuses some of 40 back-to-back requests with 429, Retry-After and the Web API error body', async () => {
    const sim = await start();
    const token = await userToken(sim);
    const answers = await burst(sim, token, 40);
    const statuses = answers.map((a) => a.status);
    expect(statuses.slice(0, REALISTIC_TRAFFIC.rateLimitRequests)).toEqual(
      Array(REALISTIC_TRAFFIC.rateLimitRequests).fill(200),
    );
    expect(statuses.slice(REALISTIC_TRAFFIC.rateLimitRequests)).toEqual(
      Array(40 - REALISTIC_TRAFFIC.rateLimitRequests).fill(429),
    );
    expect(answers.at(-1)?.body).toEqual({ error: { status: 429, message: 'API rate limit exceeded' } });
    // Every request arrived at the same simulator instant: the window frees up 30 s later.
    expect(await retryAfterOf(sim, token)).toBe('30');
    expect(sim.requests.count({ status: 429 })).toBe(41 - REALISTIC_TRAFFIC.rateLimitRequests);
  });

  it('counts Retry-After down in whole seconds and answers 200 once the window has room', async () => {
    const sim = await start(only({ rateLimitRequests: 5 }));
    const token = await userToken(sim);
    await burst(sim, token, 5);
    sim.clock.advance(12_300);
    expect(await retryAfterOf(sim, token)).toBe('18'); // 17.7 s left, rounded up
    sim.clock.advance(17_699);
    expect((await call(sim, token, 'GET', '/me')).status).toBe(429);
    sim.clock.advance(1);
    expect((await call(sim, token, 'GET', '/me')).status).toBe(200);
  });

  it('frees one slot per request leaving the window (rolling, not fixed buckets)', async () => {
    const sim = await start(only({ rateLimitRequests: 3 }));
    const token = await userToken(sim);
    await call(sim, token, 'GET', '/me'); // t = 0
    sim.clock.advance(10_000);
    await burst(sim, token, 2); // t = 10 s
    expect((await call(sim, token, 'GET', '/me')).status).toBe(429);
    sim.clock.advance(20_000); // t = 30 s: the first left, the two from 10 s are still in
    expect((await burst(sim, token, 2)).map((a) => a.status)).toEqual([200, 429]);
    expect(await retryAfterOf(sim, token)).toBe('10');
  });

  it('counts per app: another client ID has a window of its own, and every token of one app shares one', async () => {
    const sim = await start(only({ rateLimitRequests: 2 }));
    sim.registerApp({ clientId: 'other-app', redirectUris: ['http://127.0.0.1/callback'] });
    const firstToken = await userToken(sim);
    const secondToken = await userToken(sim);
    expect((await burst(sim, firstToken, 1))[0]?.status).toBe(200);
    expect((await burst(sim, secondToken, 2)).map((a) => a.status)).toEqual([200, 429]);
    const answer = await signIn(sim, pkceParams({ client_id: 'other-app' }));
    const appToken = String(answer['access_token']);
    expect((await burst(sim, appToken, 3)).map((a) => a.status)).toEqual([200, 200, 429]);
  });

  it('does not count the accounts service, unknown tokens or the control surface', async () => {
    const sim = await start(only({ rateLimitRequests: 2 }));
    const token = await userToken(sim);
    for (let i = 0; i < 5; i++) {
      const answer = await postToken(sim, { grant_type: 'client_credentials' }, seedBasic);
      expect(answer.status).toBe(200);
      expect((await call(sim, 'not-a-token', 'GET', '/me')).status).toBe(401);
      expect((await fetch(`${sim.url}/__sim/clock`)).status).toBe(200);
    }
    expect((await burst(sim, token, 3)).map((a) => a.status)).toEqual([200, 200, 429]);
  });

  it('lets injected faults answer on top, without counting them', async () => {
    const sim = await start(only({ rateLimitRequests: 2 }));
    const token = await userToken(sim);
    sim.injectFault({ path: '/v1/me', status: 503, times: 3 });
    expect((await burst(sim, token, 5)).map((a) => a.status)).toEqual([503, 503, 503, 200, 200]);
    sim.injectFault({ path: '/v1/me', status: 500 });
    expect((await burst(sim, token, 2)).map((a) => a.status)).toEqual([500, 429]);
  });

  it('never answers 429 in the lenient profile', async () => {
    const sim = await start({ profile: 'lenient' });
    const token = await userToken(sim);
    expect((await burst(sim, token, 60)).every((a) => a.status === 200)).toBe(true);
  });
});
