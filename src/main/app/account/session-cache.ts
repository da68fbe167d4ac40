import type { StoredGrant, TokenCache } from '../../auth/index.ts';

/**
 * One session's view of its client ID's token cache (the keychain entry is per client ID, so two
 * accounts of one app share it). Once `detach`ed the session writes and clears nothing: a session
 * replaced by "Switch account" can be signed out without deleting the grant of the one that replaced it.
 */
export class SessionCache implements TokenCache {
  readonly #inner: TokenCache;
  #detached = false;

  constructor(inner: TokenCache) {
    this.#inner = inner;
  }

  load(): Promise<StoredGrant | null> {
    return this.#inner.load();
  }

  save(grant: StoredGrant): Promise<void> {
    return this.#detached ? Promise.resolve() : this.#inner.save(grant);
  }

  clear(): Promise<void> {
    return this.#detached ? Promise.resolve() : this.#inner.clear();
  }

  detach(): void {
    this.#detached = true;
  }
}
