import type { StoredGrant } from './token.ts';

/**
 * Where the refresh token is kept between runs. Implementations: memory, file (scripts), keychain (app).
 * `load` resolves null when nothing is stored; failures reject with a typed AuthError.
 */
export interface TokenCache {
  load(): Promise<StoredGrant | null>;
  save(grant: StoredGrant): Promise<void>;
  clear(): Promise<void>;
}

/**
 * Compare-and-delete: clears the cache only if it still holds `refreshToken`, so a token Spotify refused
 * never takes a newer one (saved meanwhile by another session on the same cache) with it. Resolves
 * whether it cleared. A cache that cannot be read is left alone (the failure rejects).
 */
export async function clearIfHolds(cache: TokenCache, refreshToken: string): Promise<boolean> {
  const stored = await cache.load();
  if (stored === null || stored.refreshToken !== refreshToken) return false;
  await cache.clear();
  return true;
}
