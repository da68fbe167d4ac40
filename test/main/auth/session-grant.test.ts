import { once } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  SEED_CLIENT_ID,
  SEED_USER_ID,
  startSimulator,
  type Simulator,
} from '../../../dev/simulator/index.ts';
import { MemoryTokenCache } from '../../../src/main/auth/caches/memory.ts';
import { loadAuthConfig, type AuthConfig } from '../../../src/main/auth/config.ts';
import { NetworkError, ReconnectNeededError } from '../../../src/main/auth/errors.ts';
import { AuthSession, type AuthSessionOptions } from '../../../src/main/auth/session.ts';
import { signInWithPkce } from '../../../src/main/auth/sign-in.ts';
import { TokenEndpoint } from '../../../src/main/auth/token-endpoint.ts';
import type { StoredGrant } from '../../../src/main/auth/token.ts';
import { consentBrowser } from '../../support/consent.ts';
import { RecordingCache, expectNoSecrets } from './helpers.ts';

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

async function signIn(): Promise<void> {
  const browser = consentBrowser();
  await signInWithPkce({ config, openBrowser: browser.openBrowser, cache, clock: sim.clock });
  await browser.idle();
}

function options(over: Partial<AuthSessionOptions> = {}): AuthSessionOptions {
  return {
    client: { clientId: SEED_CLIENT_ID },
    endpoint: new TokenEndpoint({ accountsUrl: sim.accountsUrl, clock: sim.clock }),
    cache,
    clock: sim.clock,
    ...over,
  };
}

async function restore(over: Partial<AuthSessionOptions> = {}): Promise<AuthSession> {
  const session = await AuthSession.restore(options(over));
  if (!session) throw new Error('nothing to restore');
  return session;
}

async function meStatus(accessToken: string): Promise<number> {
  const res = await fetch(`${sim.apiUrl}/me`, { headers: { authorization: `Bearer ${accessToken}` } });
  await res.body?.cancel();
  return res.status;
}

describe('a late refresh answer is kept', () => {
  it('the caller gives up, the rotated token still lands in the session and the cache', async () => {
    sim.setRotation('rotate');
    await signIn();
    const original = cache.grant!.refreshToken;
    // The caller waits 150 ms and the exchange timeout is as short; the server answers after 600 ms,
    // having rotated the refresh token.
    const session = await restore({
      endpoint: new TokenEndpoint({ accountsUrl: sim.accountsUrl, clock: sim.clock, timeoutMs: 150 }),
      refreshWaitMs: 150,
    });
    sim.injectFault({ path: '/api/token', delayMs: 600 });
    const landed = once(session, 'token-updated');

    const error = await session.getAccessToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toMatch(/keeps waiting/);

    await landed;
    expect(cache.grant!.refreshToken).not.toBe(original);
    expect(session.isSignedIn).toBe(true);
    // The late access token is used: no second request.
    const before = tokenRequests();
    expect(await meStatus(await session.getAccessToken())).toBe(200);
    expect(tokenRequests()).toBe(before);
    // And the rotated refresh token works: no invalid_grant, no sign-out.
    sim.clock.advance(HOUR);
    expect(await meStatus(await session.getAccessToken())).toBe(200);
    expect(session.isSignedIn).toBe(true);
  });

  it('a caller that comes back while the slow refresh runs joins it instead of sending another', async () => {
    sim.setRotation('rotate');
    await signIn();
    const session = await restore({ refreshWaitMs: 100 });
    sim.injectFault({ path: '/api/token', delayMs: 500 });
    sim.clock.advance(HOUR);
    const before = tokenRequests();
    await expect(session.getAccessToken()).rejects.toBeInstanceOf(NetworkError);
    const landed = once(session, 'token-updated');
    // Waits for the same refresh (and gives up again, or gets it): either way one request in all.
    await session.getAccessToken().catch(() => undefined);
    await landed;
    expect(tokenRequests() - before).toBe(1);
  });
});

/** A cache on which another process writes `grant` right after the first read: a deterministic race. */
class RacingCache extends RecordingCache {
  writeAfterFirstLoad: StoredGrant | undefined;
  override async load(): Promise<StoredGrant | null> {
    const read = await super.load();
    const other = this.writeAfterFirstLoad;
    this.writeAfterFirstLoad = undefined;
    if (other) this.grant = { ...other };
    return read;
  }
}

describe('invalid_grant clears only the token that was refused', () => {
  it('a session whose token another session rotated takes the newer one over; the cache keeps it', async () => {
    sim.setRotation('rotate');
    await signIn();
    const a = await restore();
    const b = await restore();
    sim.clock.advance(HOUR);
    await b.getAccessToken(); // rotates and saves the new refresh token
    const newer = cache.grant!.refreshToken;

    expect(await meStatus(await a.getAccessToken())).toBe(200);
    expect(a.isSignedIn).toBe(true);
    expect(cache.grant).not.toBeNull();
    expect(cache.clears).toBe(0);
    expect(cache.grant!.refreshToken).not.toBe(newer); // a rotated it again, and saved that
  });

  it('compare-and-delete: a newer token saved while the refused one is handled survives', async () => {
    sim.setRotation('rotate');
    cache = new RacingCache();
    await signIn();
    const stale = cache.grant!;
    // Another process, which had loaded the same grant, refreshes first: the stale token is rotated away.
    const otherCache = new MemoryTokenCache(stale);
    const other = await restore({ cache: otherCache });
    sim.clock.advance(HOUR);
    await other.getAccessToken();
    const newer = (await otherCache.load())!;
    expect(newer.refreshToken).not.toBe(stale.refreshToken);

    const a = await restore();
    // The other process writes its grant into our cache just after a first looks at it.
    (cache as RacingCache).writeAfterFirstLoad = newer;
    const error = await a.getAccessToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReconnectNeededError);
    expect(cache.clears).toBe(0);
    expect(cache.grant!.refreshToken).toBe(newer.refreshToken);
    // That grant still signs in after a restart.
    const restarted = await restore();
    sim.clock.advance(HOUR);
    expect(await meStatus(await restarted.getAccessToken())).toBe(200);
  });
});

describe('honest reconnect messages', () => {
  it('a young grant refused (rotated away elsewhere) is not blamed on the six months', async () => {
    sim.setRotation('rotate');
    await signIn();
    const stale = cache.grant!;
    const other = await restore({ cache: new MemoryTokenCache(stale) });
    const mine = await restore({ cache: new MemoryTokenCache(stale) });
    sim.clock.advance(HOUR);
    await other.getAccessToken();
    const error = await mine.getAccessToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReconnectNeededError);
    const message = (error as Error).message;
    expect(message).not.toMatch(/six months|expired/i);
    expect(message).toMatch(/replaced by a newer one/);
    expect(message).toMatch(/Sign in again/);
    expectNoSecrets(error, [stale.refreshToken]);
  });

  it('a grant six months old is called expired; a revoked one revoked', async () => {
    await signIn();
    const expired = await restore({ cache: new MemoryTokenCache(cache.grant!) });
    sim.clock.set(expired.refreshTokenExpiresAt + 1);
    const old = await expired.getAccessToken().catch((e: unknown) => e);
    expect((old as Error).message).toMatch(/expired \(Spotify ends sign-ins six months after you agree\)/);

    const revoked = await restore({ cache: new MemoryTokenCache(cache.grant!) });
    sim.clock.set(revoked.authorizedAt + HOUR);
    sim.revokeRefreshTokens(SEED_USER_ID);
    const gone = await revoked.getAccessToken().catch((e: unknown) => e);
    expect((gone as Error).message).toMatch(/revoked/);
    expect((gone as Error).message).not.toMatch(/six months/);
  });
});
