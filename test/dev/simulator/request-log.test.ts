import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../dev/simulator/index.ts';
import { VERIFIER, getMe, pkceParams, postToken, signIn } from './helpers.ts';

let sim: Simulator;
beforeEach(async () => {
  sim = await startSimulator();
});
afterEach(() => sim.close());

describe('request log', () => {
  it('records method, path, query, status and simulator time of each answered request', async () => {
    sim.clock.set(1_800_000_000_000);
    await getMe(sim);
    sim.clock.advance(5000);
    await fetch(`${sim.apiUrl}/me?market=SE`, { method: 'DELETE' });
    expect(sim.requests.entries).toEqual([
      { method: 'GET', path: '/v1/me', query: {}, status: 401, at: 1_800_000_000_000 },
      { method: 'DELETE', path: '/v1/me', query: { market: 'SE' }, status: 405, at: 1_800_000_005_000 },
    ]);
  });

  it('never holds tokens, codes or verifiers', async () => {
    const tokens = await signIn(sim);
    const refreshToken = String(tokens['refresh_token']);
    await postToken(sim, {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: pkceParams()['client_id'],
    });
    await fetch(
      `${sim.apiUrl}/me?access_token=${String(tokens['access_token'])}&code=abc&code_verifier=${VERIFIER}`,
    );
    const logged = JSON.stringify(sim.requests.entries);
    expect(logged).not.toContain(refreshToken);
    expect(logged).not.toContain(String(tokens['access_token']));
    expect(logged).not.toContain(VERIFIER);
    expect(sim.requests.entries.at(-1)?.query).toEqual({
      access_token: '[redacted]',
      code: '[redacted]',
      code_verifier: '[redacted]',
    });
    // The consent flow: the code travels in a redirect, never in a logged request.
    expect(sim.requests.entries.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
      'GET /authorize 200',
      'POST /authorize/decision 302',
      'POST /api/token 200',
      'POST /api/token 200',
      'GET /v1/me 401',
    ]);
  });

  it('counts by method and path, and resets', async () => {
    await getMe(sim);
    await getMe(sim);
    await fetch(`${sim.apiUrl}/me`, { method: 'PUT' });
    await fetch(`${sim.url}/nothing`);
    expect(sim.requests.count()).toBe(4);
    expect(sim.requests.count({ path: '/v1/me' })).toBe(3);
    expect(sim.requests.count({ method: 'get', path: '/v1/me' })).toBe(2);
    expect(sim.requests.count({ method: 'PUT' })).toBe(1);
    const before = sim.requests.entries;
    sim.requests.reset();
    expect(sim.requests.count()).toBe(0);
    expect(before).toHaveLength(4);
  });

  it('does not log control-surface calls', async () => {
    await fetch(`${sim.url}/__sim/clock`);
    expect(sim.requests.count()).toBe(0);
  });
});

describe('connection count', () => {
  function get(url: string, agent: HttpAgent | false): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      httpRequest(url, { agent }, (res) => {
        res.resume();
        res.on('end', resolve);
      })
        .on('error', reject)
        .end();
    });
  }

  it('counts one connection for keep-alive requests and one per request without', async () => {
    sim.connections.reset();
    // One socket at most, so every request waits for and reuses it.
    const agent = new HttpAgent({ keepAlive: true, maxSockets: 1 });
    try {
      for (let i = 0; i < 3; i++) await get(`${sim.apiUrl}/me`, agent);
    } finally {
      agent.destroy();
    }
    expect(sim.connections.count()).toBe(1);
    for (let i = 0; i < 2; i++) await get(`${sim.apiUrl}/me`, false);
    expect(sim.connections.count()).toBe(3);
    expect(sim.requests.count({ path: '/v1/me' })).toBe(5);
    sim.connections.reset();
    expect(sim.connections.count()).toBe(0);
  });
});
