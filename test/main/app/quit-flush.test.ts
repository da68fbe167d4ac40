import { afterEach, describe, expect, it } from 'vitest';
import { MemoryTokenCache } from '../../../src/main/auth/caches/memory.ts';
import { TokenCacheError } from '../../../src/main/auth/errors.ts';
import type { TokenCache } from '../../../src/main/auth/token-cache.ts';
import type { StoredGrant } from '../../../src/main/auth/token.ts';
import { HOUR, signIn, startApp, type AppHarness } from './harness.ts';

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** A keychain that can be locked: while locked every write is refused, as a locked keyring refuses. */
class LockableKeychain implements TokenCache {
  readonly #inner = new MemoryTokenCache();
  locked = false;
  refusedWrites = 0;
  readonly savedRefreshTokens: string[] = [];

  load(): Promise<StoredGrant | null> {
    return this.#inner.load();
  }

  save(grant: StoredGrant): Promise<void> {
    if (this.locked) {
      this.refusedWrites++;
      return Promise.reject(new TokenCacheError('The keyring is locked.'));
    }
    this.savedRefreshTokens.push(grant.refreshToken);
    return this.#inner.save(grant);
  }

  clear(): Promise<void> {
    return this.#inner.clear();
  }
}

describe('quitting with a rotated grant the keychain refused', () => {
  it('writes it at quit, so the next run is still signed in without a new consent', async () => {
    const keychain = new LockableKeychain();
    h = await startApp({ deps: { createTokenCache: () => keychain } });
    await signIn(h);
    await h.clock.settle();
    const firstToken = keychain.savedRefreshTokens.at(-1);
    const consents = h.sim.requests.count({ path: '/authorize' });

    // The keyring locks; once the access token's hour is over, a read refreshes it and the refresh token
    // rotates (paused and hidden, the reads are minutes apart: two hours leave room for one).
    keychain.locked = true;
    await h.clock.advance(2 * HOUR);
    await h.clock.settle();
    expect(keychain.refusedWrites).toBeGreaterThan(0);
    expect(h.sim.requests.count({ path: '/api/token' })).toBeGreaterThan(1);

    // Unlocked just before quitting: whatever is written now is written by the quit.
    keychain.locked = false;
    const savedBefore = keychain.savedRefreshTokens.length;
    await h.app.stop();
    expect(keychain.savedRefreshTokens.length).toBeGreaterThan(savedBefore);
    expect(keychain.savedRefreshTokens.at(-1)).not.toBe(firstToken);

    // The old token was rotated away: only the one written at quit lets the next run in.
    const again = await h.restart();
    await h.clock.settle();
    expect(again.getState().account).toBe('signed-in');
    expect(h.sim.requests.count({ path: '/authorize' })).toBe(consents);
  });
});
