import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEED_CLIENT_ID, startSimulator, type Simulator } from '../../../dev/simulator/index.ts';
import { anyNumber, authorize, getMe, pkceParams, postToken, signIn } from './helpers.ts';

let sim: Simulator;
beforeEach(async () => {
  sim = await startSimulator();
});
afterEach(() => sim.close());

async function control(
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${sim.url}/__sim${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('control surface over HTTP', () => {
  it('lists its endpoints', async () => {
    const index = await control('');
    expect(index.status).toBe(200);
    expect(index.body['endpoints']).toContain('POST /__sim/clock/advance {ms}');
  });

  it('reads, advances and sets the clock', async () => {
    const now = sim.clock.now();
    expect((await control('/clock')).body).toEqual({ now });
    expect(await control('/clock/advance', { ms: 1000 })).toEqual({ status: 200, body: { ok: true } });
    expect(sim.clock.now()).toBe(now + 1000);
    await control('/clock/set', { ms: 42 });
    expect(sim.clock.now()).toBe(42);
    expect((await control('/clock/advance', { ms: 'soon' })).status).toBe(400);
  });

  it('injects and clears faults, Infinity spelled as a string', async () => {
    await control('/fault', {
      path: '/v1/me',
      status: 429,
      retryAfter: 3,
      reason: 'QUOTA_EXCEEDED',
      times: 'Infinity',
    });
    for (let i = 0; i < 3; i++) expect((await getMe(sim)).status).toBe(429);
    await control('/clear-faults', {});
    expect((await getMe(sim)).status).toBe(401);
    expect((await control('/fault', { status: 500 })).status).toBe(400);
  });

  it('switches rotation and revokes refresh tokens', async () => {
    expect(await control('/rotation', { mode: 'never' })).toEqual({ status: 200, body: { ok: true } });
    const refreshToken = String((await signIn(sim))['refresh_token']);
    const refresh = () =>
      postToken(sim, { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: SEED_CLIENT_ID });
    expect((await refresh()).body).not.toHaveProperty('refresh_token');
    await control('/revoke', { userId: 'traytune-tester' });
    expect((await refresh()).body['error_description']).toBe('Refresh token revoked');
    expect((await control('/rotation', { mode: 'sometimes' })).status).toBe(400);
  });

  it('reports and resets the request log', async () => {
    await getMe(sim);
    const log = await control('/requests');
    expect(log.body['entries']).toEqual([
      { method: 'GET', path: '/v1/me', query: {}, status: 401, at: anyNumber },
    ]);
    expect(log.body['connections']).toEqual(anyNumber);
    await control('/reset-requests', {});
    expect((await control('/requests')).body['entries']).toEqual([]);
  });

  it('registers apps and users and picks the consent user', async () => {
    await control('/apps', {
      clientId: 'a'.repeat(32),
      redirectUris: ['http://127.0.0.1/cb'],
      allowListedUserIds: ['amy'],
    });
    await control('/users', { id: 'amy', displayName: 'Amy' });
    await control('/consent-user', { userId: 'amy' });
    const location = await authorize(
      sim,
      pkceParams({ client_id: 'a'.repeat(32), redirect_uri: 'http://127.0.0.1:9/cb' }),
    );
    expect(location.searchParams.get('code')).toBeTruthy();
    expect((await control('/consent-user', { userId: 'nobody' })).status).toBe(400);
  });

  it('answers 400 to a body that is not a JSON object', async () => {
    const res = await fetch(`${sim.url}/__sim/rotation`, { method: 'POST', body: '[1,2' });
    expect(res.status).toBe(400);
  });
});

describe('programmatic set-up', () => {
  it('starts empty with seed: false', async () => {
    const bare = await startSimulator({ seed: false });
    try {
      const res = await fetch(new URL(`/authorize?client_id=${SEED_CLIENT_ID}`, bare.url), {
        redirect: 'manual',
      });
      expect(await res.text()).toContain('INVALID_CLIENT: Invalid client');
      bare.registerApp({ clientId: SEED_CLIENT_ID, redirectUris: ['http://127.0.0.1/callback'] });
      const page = await fetch(
        new URL(`/authorize?${new URLSearchParams(pkceParams() as Record<string, string>)}`, bare.url),
      );
      expect(await page.text()).toContain('No Spotify user is logged in');
      expect(() => bare.setConsentUser('nobody')).toThrow(/unknown user/);
    } finally {
      await bare.close();
    }
  });

  it('runs on a caller clock; advance and set throw when that clock lacks them', async () => {
    let now = 1_000;
    const onCallerClock = await startSimulator({ clock: { now: () => now } });
    try {
      expect(onCallerClock.clock.now()).toBe(1_000);
      now = 2_000;
      expect(onCallerClock.clock.now()).toBe(2_000);
      expect(() => onCallerClock.clock.advance(1)).toThrow(/advance/);
      expect(() => onCallerClock.clock.set(1)).toThrow(/set/);
    } finally {
      await onCallerClock.close();
    }
  });

  it('listens on the requested port and closes idempotently', async () => {
    const first = await startSimulator();
    const port = Number(new URL(first.url).port);
    await first.close();
    await first.close();
    const again = await startSimulator({ port });
    expect(again.url).toBe(`http://127.0.0.1:${port}`);
    await expect(startSimulator({ port })).rejects.toThrow(/EADDRINUSE/);
    await again.close();
  });
});
