import { describe, expect, it } from 'vitest';
import { KeychainTokenCache } from '../../../../src/main/auth/caches/keychain.ts';
import { KeychainUnavailableError, TokenCacheError } from '../../../../src/main/auth/errors.ts';
import type { StoredGrant } from '../../../../src/main/auth/token.ts';
import type { Keychain } from '../../../../src/main/auth/caches/keychain.ts';

/** A keychain in a Map, recording calls: the cache logic without the OS. */
class FakeKeychain implements Keychain {
  readonly service = 'Traytune';
  readonly entries = new Map<string, string>();
  readonly calls: string[] = [];
  failWith: Error | undefined;

  get(account: string): Promise<string | null> {
    this.calls.push(`get ${account}`);
    return this.failWith ? Promise.reject(this.failWith) : Promise.resolve(this.entries.get(account) ?? null);
  }
  set(account: string, secret: string): Promise<void> {
    this.calls.push(`set ${account}`);
    if (this.failWith) return Promise.reject(this.failWith);
    this.entries.set(account, secret);
    return Promise.resolve();
  }
  delete(account: string): Promise<boolean> {
    this.calls.push(`delete ${account}`);
    return this.failWith ? Promise.reject(this.failWith) : Promise.resolve(this.entries.delete(account));
  }
}

const grant: StoredGrant = {
  clientId: 'client-a',
  refreshToken: 'refresh-KEYCHAIN-SECRET',
  scopes: ['user-read-playback-state'],
  authorizedAt: 1_700_000_000_000,
};

describe('KeychainTokenCache', () => {
  it('stores the grant JSON under account = client ID and round-trips it', async () => {
    const keychain = new FakeKeychain();
    const cache = new KeychainTokenCache({ keychain, clientId: 'client-a' });
    expect(await cache.load()).toBeNull();
    await cache.save(grant);
    expect([...keychain.entries.keys()]).toEqual(['client-a']);
    expect(keychain.entries.get('client-a')).toBe(JSON.stringify(grant));
    expect(await cache.load()).toEqual(grant);
    await cache.clear();
    expect(keychain.entries.size).toBe(0);
    expect(await cache.load()).toBeNull();
  });

  it('never persists an access token or any field beyond StoredGrant', async () => {
    const keychain = new FakeKeychain();
    const cache = new KeychainTokenCache({ keychain, clientId: 'client-a' });
    await cache.save({ ...grant, accessToken: 'access-NOT-STORED', expiresAt: 5 } as StoredGrant);
    expect(JSON.parse(keychain.entries.get('client-a') ?? '')).toEqual(grant);
  });

  it('keeps grants of two client IDs apart', async () => {
    const keychain = new FakeKeychain();
    const a = new KeychainTokenCache({ keychain, clientId: 'client-a' });
    const b = new KeychainTokenCache({ keychain, clientId: 'client-b' });
    await a.save(grant);
    await b.save({ ...grant, clientId: 'client-b', refreshToken: 'refresh-b' });
    await a.clear();
    expect(await a.load()).toBeNull();
    expect((await b.load())?.refreshToken).toBe('refresh-b');
  });

  it.each([
    ['not JSON', '{"refreshToken":"refresh-KEYCHAIN-SECRET"', 'it is not valid JSON'],
    ['wrong shape', JSON.stringify({ ...grant, authorizedAt: 'soon' }), 'invalid or missing authorizedAt'],
    [
      'another client ID',
      JSON.stringify({ ...grant, clientId: 'client-z' }),
      'it belongs to another client ID',
    ],
  ])(
    'discards a damaged entry (%s): deletes it, resolves null, reports no content',
    async (_l, raw, problem) => {
      const keychain = new FakeKeychain();
      keychain.entries.set('client-a', raw);
      const reports: string[] = [];
      const cache = new KeychainTokenCache({
        keychain,
        clientId: 'client-a',
        onDiscard: (p) => reports.push(p),
      });
      expect(await cache.load()).toBeNull();
      expect(keychain.entries.has('client-a')).toBe(false);
      expect(keychain.calls).toEqual(['get client-a', 'delete client-a']);
      expect(reports).toEqual([`Discarded a damaged keychain entry (${problem}).`]);
      expect(reports.join()).not.toContain('refresh-KEYCHAIN-SECRET');
    },
  );

  it('refuses to save a grant of another client ID', async () => {
    const keychain = new FakeKeychain();
    const cache = new KeychainTokenCache({ keychain, clientId: 'client-a' });
    const error = await cache.save({ ...grant, clientId: 'client-b' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenCacheError);
    expect((error as Error).message).not.toContain(grant.refreshToken);
    expect(keychain.entries.size).toBe(0);
  });

  it('passes keychain failures through unchanged', async () => {
    const keychain = new FakeKeychain();
    const cache = new KeychainTokenCache({ keychain, clientId: 'client-a' });
    keychain.failWith = new KeychainUnavailableError('no Secret Service is running on the D-Bus session bus');
    await expect(cache.load()).rejects.toBe(keychain.failWith);
    await expect(cache.save(grant)).rejects.toBe(keychain.failWith);
    await expect(cache.clear()).rejects.toBe(keychain.failWith);
  });

  it('requires a client ID', () => {
    expect(() => new KeychainTokenCache({ keychain: new FakeKeychain(), clientId: '' })).toThrow(
      TokenCacheError,
    );
  });
});
