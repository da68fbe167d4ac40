import { request as httpRequest } from 'node:http';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startSimulator, type Simulator } from '../../../dev/simulator/index.ts';
import { getMe, postToken, seedBasic, signIn } from './helpers.ts';

let sim: Simulator;
let token: string;
beforeEach(async () => {
  sim = await startSimulator();
  token = String((await signIn(sim))['access_token']);
});
afterEach(() => sim.close());

const me = () => fetch(`${sim.apiUrl}/me`, { headers: { authorization: `Bearer ${token}` } });

describe('injected faults', () => {
  it('answers a status with a Spotify error body, reason and Retry-After', async () => {
    sim.injectFault({
      path: '/v1/me',
      status: 429,
      retryAfter: 7,
      reason: 'QUOTA_EXCEEDED',
      message: 'Quota exceeded',
    });
    const res = await me();
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(await res.json()).toEqual({
      error: { status: 429, message: 'Quota exceeded', reason: 'QUOTA_EXCEEDED' },
    });
    expect((await me()).status).toBe(200);
  });

  it('defaults to 429 "API rate limit exceeded" with only retryAfter, and 500 with only a reason', async () => {
    sim.injectFault({ path: '/v1/me', retryAfter: 1 });
    sim.injectFault({ path: '/v1/me', reason: 'UNKNOWN' });
    const limited = await me();
    expect(limited.status).toBe(429);
    expect(await limited.json()).toEqual({ error: { status: 429, message: 'API rate limit exceeded' } });
    const failed = await me();
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({
      error: { status: 500, message: 'Internal Server Error', reason: 'UNKNOWN' },
    });
  });

  it('sends a raw body instead, JSON or not', async () => {
    sim.injectFault({ path: '/v1/me', status: 400, body: '{"error":"invalid_request"}' });
    sim.injectFault({ path: '/v1/me', status: 502, body: '<html>Bad gateway</html>' });
    const first = await me();
    expect(first.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await first.text()).toBe('{"error":"invalid_request"}');
    const second = await me();
    expect(second.status).toBe(502);
    expect(second.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await second.text()).toBe('<html>Bad gateway</html>');
  });

  it('uses the OAuth error shape on accounts paths', async () => {
    sim.injectFault({ path: '/api/token', status: 503 });
    sim.injectFault({
      path: '/api/token',
      status: 400,
      reason: 'invalid_grant',
      message: 'Refresh token revoked',
    });
    expect(await postToken(sim, { grant_type: 'client_credentials' }, seedBasic)).toEqual({
      status: 503,
      body: { error: 'server_error', error_description: 'Service Unavailable' },
    });
    expect(await postToken(sim, { grant_type: 'client_credentials' }, seedBasic)).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Refresh token revoked' },
    });
    expect((await postToken(sim, { grant_type: 'client_credentials' }, seedBasic)).status).toBe(200);
  });

  it('applies a fault `times` times, forever with Infinity, and matches method and exact path', async () => {
    sim.injectFault({ path: '/v1/me', method: 'PUT', status: 500 });
    sim.injectFault({ path: '/v1/me/', status: 500 });
    sim.injectFault({ path: '/v1/me', status: 503, times: 2 });
    expect((await me()).status).toBe(503);
    expect((await me()).status).toBe(503);
    expect((await me()).status).toBe(200);
    sim.injectFault({ path: '/v1/me', method: 'get', status: 500, times: Infinity });
    for (let i = 0; i < 5; i++) expect((await me()).status).toBe(500);
    sim.clearFaults();
    expect((await me()).status).toBe(200);
  });

  it('applies faults before authentication', async () => {
    sim.injectFault({ path: '/v1/me', status: 429, retryAfter: 2 });
    expect((await getMe(sim)).status).toBe(429);
  });

  it('resets the connection without an answer, logged as status 0', async () => {
    sim.injectFault({ path: '/v1/me', reset: true });
    await expect(me()).rejects.toThrow();
    expect((await me()).status).toBe(200);
    expect(sim.requests.entries.filter((e) => e.path === '/v1/me').map((e) => e.status)).toEqual([0, 200]);
  });

  it('delays the answer in real time, then answers normally (or with the fault)', async () => {
    sim.injectFault({ path: '/v1/me', delayMs: 1500 });
    let settled = false;
    const slow = me().then((res) => {
      settled = true;
      return res;
    });
    // An undelayed request on another connection overtakes it.
    const fast = await new Promise<number>((resolve, reject) => {
      httpRequest(`${sim.url}/nothing`, { agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    expect(fast).toBe(404);
    expect(settled).toBe(false);
    expect((await slow).status).toBe(200);
    expect(sim.requests.entries.map((e) => e.path).slice(-2)).toEqual(['/nothing', '/v1/me']);

    sim.injectFault({ path: '/v1/me', delayMs: 10, status: 503 });
    expect((await me()).status).toBe(503);
  });

  it('refuses a fault without a usable path or times', () => {
    expect(() => sim.injectFault({ path: 'v1/me' })).toThrow(/path/);
    expect(() => sim.injectFault({ path: '/v1/me', times: 0 })).toThrow(/times/);
    expect(() => sim.injectFault({ path: '/v1/me', times: 1.5 })).toThrow(/times/);
  });

  it('closes while a delayed request waits', async () => {
    sim.injectFault({ path: '/v1/me', delayMs: 60_000 });
    sim.connections.reset();
    const pending = new Promise<unknown>((resolve) => {
      httpRequest(`${sim.apiUrl}/me`, { agent: false }, resolve).on('error', resolve).end();
    });
    await vi.waitFor(() => expect(sim.connections.count()).toBe(1));
    await sim.close();
    expect(await pending).toBeInstanceOf(Error);
  });
});
