import { createServer } from 'node:http';
import type { TokenCache } from '../../../src/main/auth/token-cache.ts';
import type { StoredGrant } from '../../../src/main/auth/token.ts';

/** A TokenCache that remembers every call, so tests can see what was persisted and when. */
export class RecordingCache implements TokenCache {
  grant: StoredGrant | null;
  readonly saves: StoredGrant[] = [];
  clears = 0;
  /** Make the next save/clear fail with this error. */
  failNext: Error | undefined;

  constructor(initial: StoredGrant | null = null) {
    this.grant = initial;
  }

  load(): Promise<StoredGrant | null> {
    return Promise.resolve(this.grant ? { ...this.grant, scopes: [...this.grant.scopes] } : null);
  }

  save(grant: StoredGrant): Promise<void> {
    const failure = this.#takeFailure();
    if (failure) return Promise.reject(failure);
    this.grant = { ...grant, scopes: [...grant.scopes] };
    this.saves.push(this.grant);
    return Promise.resolve();
  }

  clear(): Promise<void> {
    const failure = this.#takeFailure();
    if (failure) return Promise.reject(failure);
    this.grant = null;
    this.clears++;
    return Promise.resolve();
  }

  #takeFailure(): Error | undefined {
    const f = this.failNext;
    this.failNext = undefined;
    return f;
  }
}

/**
 * A RecordingCache whose saves, while `hold` is on, finish only when the test calls `release()`: a slow
 * keychain write, driven by the test instead of by time.
 */
export class GatedCache extends RecordingCache {
  hold = false;
  readonly #held: (() => void)[] = [];
  #onHeld: (() => void) | undefined;

  override save(grant: StoredGrant): Promise<void> {
    if (!this.hold) return super.save(grant);
    return new Promise<void>((resolve, reject) => {
      this.#held.push(() => {
        super.save(grant).then(resolve, reject);
      });
      this.#onHeld?.();
    });
  }

  /** Resolves once a save is being held. */
  async saveHeld(): Promise<void> {
    while (this.#held.length === 0) {
      await new Promise<void>((resolve) => {
        this.#onHeld = resolve;
      });
    }
    this.#onHeld = undefined;
  }

  /** Lets every held save finish (in the order they were asked for). */
  release(): void {
    for (const finish of this.#held.splice(0)) finish();
  }
}

/** Everything an error exposes: message, fields and the cause chain, as text. */
export function errorText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    if (current instanceof Error) {
      parts.push(current.name, current.message, String(current.stack ?? ''));
      parts.push(JSON.stringify({ ...current }));
      current = (current as { cause?: unknown }).cause;
    } else {
      parts.push(typeof current === 'string' ? current : JSON.stringify(current));
      break;
    }
  }
  return parts.join('\n');
}

/** Asserts none of the secret values appear anywhere in the error. */
export function expectNoSecrets(error: unknown, secrets: readonly (string | undefined)[]): void {
  const text = errorText(error);
  for (const secret of secrets) {
    if (secret === undefined || secret.length < 8) continue;
    if (text.includes(secret)) throw new Error(`error exposes a secret value: ${secret.slice(0, 6)}…`);
  }
}

/** Whether this machine can listen on the IPv6 loopback address. */
export const ipv6Available: boolean = await new Promise<boolean>((resolve) => {
  const s = createServer();
  s.once('error', () => resolve(false));
  s.listen(0, '::1', () => s.close(() => resolve(true)));
});
