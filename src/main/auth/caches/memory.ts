import type { TokenCache } from '../token-cache.ts';
import type { StoredGrant } from '../token.ts';
import { copyStoredGrant } from './stored-grant.ts';

/** Keeps the grant for this process only. Copies in and out, so callers never share its state. */
export class MemoryTokenCache implements TokenCache {
  #grant: StoredGrant | null;

  constructor(initial?: StoredGrant) {
    this.#grant = initial ? copyStoredGrant(initial) : null;
  }

  load(): Promise<StoredGrant | null> {
    return Promise.resolve(this.#grant ? copyStoredGrant(this.#grant) : null);
  }

  save(grant: StoredGrant): Promise<void> {
    this.#grant = copyStoredGrant(grant);
    return Promise.resolve();
  }

  clear(): Promise<void> {
    this.#grant = null;
    return Promise.resolve();
  }
}
