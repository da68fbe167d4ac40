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
