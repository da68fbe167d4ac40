import { TokenCacheError } from '../errors.ts';
import type { TokenCache } from '../token-cache.ts';
import type { StoredGrant } from '../token.ts';
import { parseStoredGrant, serializeStoredGrant } from './stored-grant.ts';

/**
 * One secret per account under a fixed service name: what the cache needs of a keychain. The OS adapter,
 * secrets/keychain.ts, implements it (secrets depends on auth, never the other way round).
 */
export interface Keychain {
  readonly service: string;
  /** The stored secret, or null when there is none. */
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  /** True when something was deleted, false when nothing was stored. */
  delete(account: string): Promise<boolean>;
}

export interface KeychainTokenCacheOptions {
  keychain: Keychain;
  /** The Spotify app's client ID: the keychain account, so grants of different apps never collide. */
  clientId: string;
  /** Told (with a content-free reason) when a damaged entry is discarded, e.g. to log it. */
  onDiscard?: (problem: string) => void;
}

/**
 * Keeps the grant (refresh token + metadata, as StoredGrant JSON) in the OS keychain under the client ID.
 *
 * A damaged entry (not JSON, wrong shape, other client ID) is deleted and load resolves null: it cannot be
 * repaired, signing in again is the only remedy and the app starts that flow on null, whereas an error would
 * block every launch until the user found the entry in a keychain manager.
 * Keychain failures reject with KeychainUnavailableError or TokenCacheError from the adapter.
 */
export class KeychainTokenCache implements TokenCache {
  readonly clientId: string;
  readonly #keychain: Keychain;
  readonly #onDiscard: ((problem: string) => void) | undefined;

  constructor(options: KeychainTokenCacheOptions) {
    if (!options.clientId) throw new TokenCacheError('A client ID is needed to use the keychain.');
    this.clientId = options.clientId;
    this.#keychain = options.keychain;
    this.#onDiscard = options.onDiscard;
  }

  async load(): Promise<StoredGrant | null> {
    const text = await this.#keychain.get(this.clientId);
    if (text === null) return null;
    const parsed = parseStoredGrant(text);
    if (parsed.ok && parsed.grant.clientId === this.clientId) return parsed.grant;
    const problem = parsed.ok ? 'it belongs to another client ID' : parsed.problem;
    await this.#keychain.delete(this.clientId);
    this.#onDiscard?.(`Discarded a damaged keychain entry (${problem}).`);
    return null;
  }

  async save(grant: StoredGrant): Promise<void> {
    if (grant.clientId !== this.clientId) {
      throw new TokenCacheError('This sign-in belongs to a different client ID than the keychain cache.');
    }
    await this.#keychain.set(this.clientId, serializeStoredGrant(grant));
  }

  async clear(): Promise<void> {
    await this.#keychain.delete(this.clientId);
  }
}
