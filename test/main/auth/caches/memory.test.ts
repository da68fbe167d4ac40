import { describe, expect, it } from 'vitest';
import { MemoryTokenCache } from '../../../../src/main/auth/caches/memory.ts';
import type { StoredGrant, Token } from '../../../../src/main/auth/token.ts';

const grant = (): StoredGrant => ({
  clientId: 'client-a',
  refreshToken: 'refresh-MEMORY-1',
  scopes: ['user-read-playback-state'],
  authorizedAt: 1_700_000_000_000,
});

describe('MemoryTokenCache', () => {
  it('starts empty, round-trips a grant and clears it', async () => {
    const cache = new MemoryTokenCache();
    expect(await cache.load()).toBeNull();
    await cache.save(grant());
    expect(await cache.load()).toEqual(grant());
    await cache.clear();
    expect(await cache.load()).toBeNull();
    await cache.clear();
  });

  it('copies on save: mutating the saved object does not change the cache', async () => {
    const cache = new MemoryTokenCache();
    const saved = { ...grant(), scopes: ['a'] };
    await cache.save(saved);
    saved.refreshToken = 'changed';
    saved.scopes.push('b');
    expect(await cache.load()).toEqual({ ...grant(), scopes: ['a'] });
  });

  it('copies on load: mutating a loaded grant does not change the cache', async () => {
    const cache = new MemoryTokenCache(grant());
    const loaded = (await cache.load()) as unknown as { refreshToken: string; scopes: string[] };
    loaded.refreshToken = 'changed';
    loaded.scopes.push('extra');
    expect(await cache.load()).toEqual(grant());
  });

  it('keeps only the StoredGrant fields, never an access token', async () => {
    const token: Token & StoredGrant = {
      ...grant(),
      accessToken: 'access-MUST-NOT-BE-KEPT',
      tokenType: 'Bearer',
      expiresAt: 1,
    };
    const cache = new MemoryTokenCache();
    await cache.save(token);
    expect(await cache.load()).toEqual(grant());
    expect(JSON.stringify(await cache.load())).not.toContain('access-MUST-NOT-BE-KEPT');
  });
});
