import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  SEED_CLIENT_ID,
  SEED_USER_ID,
  refreshTokenExpiry,
  startSimulator,
  type Simulator,
} from '../../../dev/simulator/index.ts';
import { loadAuthConfig, type AuthConfig } from '../../../src/main/auth/config.ts';
import {
  KeychainUnavailableError,
  NetworkError,
  ReconnectNeededError,
  SignedOutError,
  TokenRateLimitedError,
} from '../../../src/main/auth/errors.ts';
import { AuthSession, addCalendarMonths, type TokenInfo } from '../../../src/main/auth/session.ts';
import { signInWithPkce } from '../../../src/main/auth/sign-in.ts';
import { TokenEndpoint } from '../../../src/main/auth/token-endpoint.ts';
import { consentBrowser } from '../../support/consent.ts';
import { GatedCache, RecordingCache, expectNoSecrets } from './helpers.ts';

const HOUR = 3600_000;
let sim: Simulator;
let cache: RecordingCache;
let config: AuthConfig;

beforeEach(async () => {
  sim = await startSimulator();
  cache = new RecordingCache();
  config = loadAuthConfig({ clientId: SEED_CLIENT_ID, accountsUrl: sim.accountsUrl, apiUrl: sim.apiUrl }, {});
});
afterEach(async () => {
  await sim.close();
});

const tokenRequests = (): number => sim.requests.count({ path: '/api/token' });

async function signIn(): Promise<AuthSession> {
  const browser = consentBrowser();
  const session = await signInWithPkce({ config, openBrowser: browser.openBrowser, cache, clock: sim.clock });
  await browser.idle();
  return session;
}

async function meStatus(accessToken: string): Promise<number> {
  const res = await fetch(`${sim.apiUrl}/me`, { headers: { authorization: `Bearer ${accessToken}` } });
  await res.body?.cancel();
  return res.status;
}

function endpoint(): TokenEndpoint {
  return new TokenEndpoint({ accountsUrl: sim.accountsUrl, clock: sim.clock });
}

describe('AuthSession refresh', () => {
  it('serves the current token without a request until it is about to expire', async () => {
    const session = await signIn();
    const first = await session.getAccessToken();
    const before = tokenRequests();
    sim.clock.advance(HOUR - 2 * 60_000);
    expect(await session.getAccessToken()).toBe(first);
    expect(tokenRequests()).toBe(before);
    sim.clock.advance(90_000); // inside the 60 s margin
    const second = await session.getAccessToken();
    expect(second).not.toBe(first);
    expect(tokenRequests()).toBe(before + 1);
    expect(await meStatus(second)).toBe(200);
  });

  it('persists a rotated refresh token', async () => {
    sim.setRotation('rotate');
    const session = await signIn();
    const original = cache.grant!.refreshToken;
    const updates: TokenInfo[] = [];
    session.on('token-updated', (info) => updates.push(info));

    sim.clock.advance(HOUR);
    await session.getAccessToken();
    expect(cache.saves).toHaveLength(2);
    const rotated = cache.grant!.refreshToken;
    expect(rotated).not.toBe(original);
    expect(cache.grant).toMatchObject({ clientId: SEED_CLIENT_ID, authorizedAt: session.authorizedAt });

    // The rotated one keeps working; the old one is dead at the simulator.
    sim.clock.advance(HOUR);
    expect(await meStatus(await session.getAccessToken())).toBe(200);
    const old = await endpoint()
      .refresh({ client: { clientId: SEED_CLIENT_ID }, refreshToken: original, authorizedAt: 0 })
      .catch((e: unknown) => e);
    expect((old as { error?: string }).error).toBe('invalid_grant');

    expect(updates).toHaveLength(2);
    expect(Object.keys(updates[0]!).sort()).toEqual([
      'authorizedAt',
      'expiresAt',
      'refreshTokenExpiresAt',
      'scopes',
    ]);
    expect(JSON.stringify(updates)).not.toContain(rotated);
  });

  it('keeps the old refresh token when none comes back', async () => {
    sim.setRotation('never');
    const session = await signIn();
    const original = cache.grant!.refreshToken;
    for (let i = 0; i < 3; i++) {
      sim.clock.advance(HOUR);
      expect(await meStatus(await session.getAccessToken())).toBe(200);
    }
    expect(cache.saves).toHaveLength(1);
    expect(cache.grant!.refreshToken).toBe(original);
  });

  it('sends exactly one refresh for 100 concurrent callers with an expired token', async () => {
    sim.setRotation('rotate');
    const session = await signIn();
    sim.clock.advance(HOUR);
    const before = tokenRequests();
    const tokens = await Promise.all(Array.from({ length: 100 }, () => session.getAccessToken()));
    expect(tokenRequests() - before).toBe(1);
    expect(new Set(tokens).size).toBe(1);
    expect(await meStatus(tokens[0]!)).toBe(200);
    expect(cache.saves).toHaveLength(2);
  });

  it('invalidate() forces one refresh; a stale token does not force another', async () => {
    const session = await signIn();
    const first = await session.getAccessToken();
    const before = tokenRequests();
    session.invalidate(first);
    session.invalidate(first);
    const [a, b] = await Promise.all([session.getAccessToken(), session.getAccessToken()]);
    expect(a).toBe(b);
    expect(a).not.toBe(first);
    expect(tokenRequests() - before).toBe(1);
    session.invalidate(first); // a late 401 for the old token
    expect(await session.getAccessToken()).toBe(a);
    expect(tokenRequests() - before).toBe(1);
    session.invalidate();
    await session.getAccessToken();
    expect(tokenRequests() - before).toBe(2);
  });
});

describe('AuthSession reconnect', () => {
  it('asks to reconnect after the 6-month refresh-token lifetime', async () => {
    const session = await signIn();
    const refreshToken = cache.grant!.refreshToken;
    expect(session.refreshTokenExpiresAt).toBe(refreshTokenExpiry(session.authorizedAt));
    const events: ReconnectNeededError[] = [];
    session.on('reconnect-needed', (e) => events.push(e));

    sim.clock.set(session.refreshTokenExpiresAt + 1);
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => session.getAccessToken()));
    for (const r of results) {
      expect(r.status).toBe('rejected');
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ReconnectNeededError);
    }
    const error = (results[0] as PromiseRejectedResult).reason as ReconnectNeededError;
    expect(error.message).toMatch(/expired/);
    expect(error.message).toMatch(/Sign in again/);
    expectNoSecrets(error, [refreshToken]);
    expect(events).toHaveLength(1);
    expect(events[0]).toBeInstanceOf(ReconnectNeededError);
    expect(cache.grant).toBeNull();
    expect(cache.clears).toBe(1);
    expect(session.isSignedIn).toBe(false);

    // No further requests: the answer is known.
    const before = tokenRequests();
    await expect(session.getAccessToken()).rejects.toBeInstanceOf(ReconnectNeededError);
    expect(tokenRequests()).toBe(before);
  });

  it('still refreshes the day before the 6 months are up', async () => {
    const session = await signIn();
    sim.clock.set(session.refreshTokenExpiresAt - 24 * HOUR);
    expect(await meStatus(await session.getAccessToken())).toBe(200);
  });

  it('asks to reconnect when the refresh token was revoked', async () => {
    const session = await signIn();
    const events: ReconnectNeededError[] = [];
    session.on('reconnect-needed', (e) => events.push(e));
    sim.revokeRefreshTokens(SEED_USER_ID);
    sim.clock.advance(HOUR);
    const error = await session.getAccessToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReconnectNeededError);
    expect((error as Error).message).toMatch(/revoked/);
    expect(events).toHaveLength(1);
    expect(cache.grant).toBeNull();
  });

  it.each([
    ['invalid_client', 'Invalid client', /Check the client ID in Traytune/],
    ['unauthorized_client', 'Unauthorized client', /client ID in the Spotify developer dashboard/],
  ])(
    'treats %s on refresh as final: cache cleared, reconnect-needed, no retries',
    async (code, desc, text) => {
      const session = await signIn();
      const refreshToken = cache.grant!.refreshToken;
      const events: ReconnectNeededError[] = [];
      session.on('reconnect-needed', (e) => events.push(e));
      sim.clock.advance(HOUR);
      sim.injectFault({
        method: 'POST',
        path: '/api/token',
        status: 401,
        body: JSON.stringify({ error: code, error_description: desc }),
      });
      const error = await session.getAccessToken().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ReconnectNeededError);
      expect((error as Error).message).toMatch(text);
      expect((error as Error).message).toMatch(/Spotify developer dashboard/);
      expect((error as Error).message).toMatch(/Sign in again/);
      expectNoSecrets(error, [refreshToken]);
      expect(events).toHaveLength(1);
      expect(events[0]!.message).toBe((error as Error).message);
      expect(cache.grant).toBeNull();
      expect(session.isSignedIn).toBe(false);
      // Final: no further token requests.
      const before = tokenRequests();
      await expect(session.getAccessToken()).rejects.toBeInstanceOf(ReconnectNeededError);
      expect(tokenRequests()).toBe(before);
    },
  );
});

describe('AuthSession transient failures', () => {
  it('keeps the refresh token after a 429, with the Retry-After', async () => {
    const session = await signIn();
    const refreshToken = cache.grant!.refreshToken;
    const reconnects: unknown[] = [];
    session.on('reconnect-needed', (e) => reconnects.push(e));
    sim.clock.advance(HOUR);
    sim.injectFault({ method: 'POST', path: '/api/token', status: 429, retryAfter: 7 });
    const error = await session.getAccessToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenRateLimitedError);
    expect(error).toMatchObject({ code: 'rate-limited', status: 429, retryAfterMs: 7_000 });
    expect((error as Error).message).toMatch(/slow down/);
    expect((error as Error).message).not.toMatch(/internet|offline/i);
    expectNoSecrets(error, [refreshToken]);
    expect(reconnects).toHaveLength(0);
    expect(cache.grant?.refreshToken).toBe(refreshToken);
    expect(cache.clears).toBe(0);
    expect(session.isSignedIn).toBe(true);
    expect(await meStatus(await session.getAccessToken())).toBe(200);
  });

  it('keeps the refresh token after a 5xx', async () => {
    const session = await signIn();
    const refreshToken = cache.grant!.refreshToken;
    sim.clock.advance(HOUR);
    sim.injectFault({ method: 'POST', path: '/api/token', status: 503 });
    const error = await session.getAccessToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).status).toBe(503);
    expectNoSecrets(error, [refreshToken]);
    expect(cache.grant?.refreshToken).toBe(refreshToken);
    expect(cache.clears).toBe(0);
    expect(session.isSignedIn).toBe(true);
    // Next time it works with the same refresh token.
    expect(await meStatus(await session.getAccessToken())).toBe(200);
  });

  it('keeps the refresh token after a connection reset', async () => {
    const session = await signIn();
    const refreshToken = cache.grant!.refreshToken;
    sim.clock.advance(HOUR);
    sim.injectFault({ method: 'POST', path: '/api/token', reset: true });
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => session.getAccessToken()));
    for (const r of results) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(NetworkError);
    expectNoSecrets((results[0] as PromiseRejectedResult).reason, [refreshToken]);
    expect(cache.grant?.refreshToken).toBe(refreshToken);
    expect(await meStatus(await session.getAccessToken())).toBe(200);
  });

  it('reports a cache failure without ending the session', async () => {
    sim.setRotation('rotate');
    const session = await signIn();
    const failures: unknown[] = [];
    session.on('cache-error', (e) => failures.push(e));
    cache.failNext = new KeychainUnavailableError('locked');
    sim.clock.advance(HOUR);
    expect(await meStatus(await session.getAccessToken())).toBe(200);
    expect(failures).toHaveLength(1);
    expect(session.cacheError).toBeInstanceOf(KeychainUnavailableError);
  });
});

describe('AuthSession lifecycle', () => {
  it('restores from the cache alone', async () => {
    expect(
      await AuthSession.restore({ client: { clientId: SEED_CLIENT_ID }, endpoint: endpoint(), cache }),
    ).toBeNull();
    await signIn();
    const restored = await AuthSession.restore({
      client: { clientId: SEED_CLIENT_ID },
      endpoint: endpoint(),
      cache,
      clock: sim.clock,
    });
    expect(restored).not.toBeNull();
    const before = tokenRequests();
    expect(await meStatus(await restored!.getAccessToken())).toBe(200);
    expect(tokenRequests() - before).toBe(1);
    expect(restored!.authorizedAt).toBe(cache.grant!.authorizedAt);
  });

  it('does not restore another app’s grant', async () => {
    await signIn();
    const other = await AuthSession.restore({
      client: { clientId: 'ffffffffffffffffffffffffffffffff' },
      endpoint: endpoint(),
      cache,
    });
    expect(other).toBeNull();
  });

  it('signs out: cache and memory cleared', async () => {
    const session = await signIn();
    await session.getAccessToken();
    await session.signOut();
    expect(cache.grant).toBeNull();
    await expect(session.getAccessToken()).rejects.toBeInstanceOf(SignedOutError);
    expect(session.isSignedIn).toBe(false);
  });

  it('a refresh finishing after sign-out changes nothing', async () => {
    sim.setRotation('rotate');
    const session = await signIn();
    sim.clock.advance(HOUR);
    sim.injectFault({ method: 'POST', path: '/api/token', delayMs: 100 });
    const pending = session.getAccessToken();
    await session.signOut();
    await expect(pending).rejects.toBeInstanceOf(SignedOutError);
    expect(cache.grant).toBeNull();
  });
});

describe('AuthSession cache order', () => {
  it('sign-out while a rotated refresh token is still being saved leaves the cache empty', async () => {
    sim.setRotation('rotate');
    const gated = new GatedCache();
    cache = gated;
    const session = await signIn();
    const updates: TokenInfo[] = [];
    session.on('token-updated', (info) => updates.push(info));
    gated.hold = true;
    sim.clock.advance(HOUR);
    const pending = session.getAccessToken().catch((e: unknown) => e);
    await gated.saveHeld(); // The refresh returned a new refresh token; its save is in flight.

    const signedOut = session.signOut();
    expect(gated.clears).toBe(0); // The clear waits for the save…
    gated.release();
    await signedOut;

    expect(gated.grant).toBeNull(); // …so it comes last: nothing survives sign-out.
    expect(gated.clears).toBe(1);
    expect(await pending).toBeInstanceOf(SignedOutError);
    expect(updates).toHaveLength(0);
    expect(session.isSignedIn).toBe(false);
  });

  it('sign-out while a save is in flight, then the save fails: still signed out and cleared', async () => {
    sim.setRotation('rotate');
    const gated = new GatedCache();
    cache = gated;
    const session = await signIn();
    gated.hold = true;
    sim.clock.advance(HOUR);
    const pending = session.getAccessToken().catch((e: unknown) => e);
    await gated.saveHeld();
    gated.failNext = new KeychainUnavailableError('locked');
    const signedOut = session.signOut();
    gated.release();
    await signedOut;
    expect(gated.grant).toBeNull();
    expect(gated.clears).toBe(1);
    expect(await pending).toBeInstanceOf(SignedOutError);
  });
});

describe('refresh-token expiry date', () => {
  it('adds 6 calendar months in UTC, clamped to the month end', () => {
    expect(addCalendarMonths(Date.UTC(2026, 0, 15, 10), 6)).toBe(Date.UTC(2026, 6, 15, 10));
    expect(addCalendarMonths(Date.UTC(2026, 7, 31), 6)).toBe(Date.UTC(2027, 1, 28));
    expect(addCalendarMonths(Date.UTC(2027, 7, 31), 6)).toBe(Date.UTC(2028, 1, 29));
    for (const t of [Date.UTC(2026, 7, 31, 23, 59), Date.UTC(2026, 2, 1), Date.UTC(2026, 11, 31)]) {
      expect(addCalendarMonths(t, 6)).toBe(refreshTokenExpiry(t));
    }
  });
});
