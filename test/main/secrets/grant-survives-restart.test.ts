import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEED_CLIENT_ID, startSimulator, type Simulator } from '../../../dev/simulator/index.ts';
import { KeychainTokenCache } from '../../../src/main/auth/caches/keychain.ts';
import { loadAuthConfig, type AuthConfig } from '../../../src/main/auth/config.ts';
import { KeychainUnavailableError } from '../../../src/main/auth/errors.ts';
import { AuthSession, type AuthSessionOptions } from '../../../src/main/auth/session.ts';
import { signInWithPkce } from '../../../src/main/auth/sign-in.ts';
import { TokenEndpoint } from '../../../src/main/auth/token-endpoint.ts';
import type { TokenCache } from '../../../src/main/auth/token-cache.ts';
import type { StoredGrant } from '../../../src/main/auth/token.ts';
import { SystemKeychain } from '../../../src/main/secrets/keychain.ts';
import { consentBrowser } from '../../support/consent.ts';
import { noteSkippedKeyringSuite, requireKeyring, skipKeyringTests } from '../../support/keyring-gate.ts';

const HOUR = 3600_000;

/** The real keychain cache, except that it refuses the next write while `refuseNext` is set (a locked keyring). */
class RefusingFirstWrite implements TokenCache {
  refuseNext = false;
  refused = 0;
  readonly #inner: TokenCache;
  constructor(inner: TokenCache) {
    this.#inner = inner;
  }
  load(): Promise<StoredGrant | null> {
    return this.#inner.load();
  }
  save(grant: StoredGrant): Promise<void> {
    if (this.refuseNext) {
      this.refuseNext = false;
      this.refused++;
      return Promise.reject(new KeychainUnavailableError('the keyring is locked and was not unlocked'));
    }
    return this.#inner.save(grant);
  }
  clear(): Promise<void> {
    return this.#inner.clear();
  }
}

const suite = 'A rotated token whose keychain write failed survives a restart';
noteSkippedKeyringSuite(suite);
describe.skipIf(skipKeyringTests)(suite, () => {
  const service = `Traytune-test-${randomUUID()}`;
  // Each "run" of the app gets its own keychain adapter over the same OS store.
  const keychainCache = (): KeychainTokenCache =>
    new KeychainTokenCache({ keychain: new SystemKeychain({ service }), clientId: SEED_CLIENT_ID });
  let sim: Simulator;
  let config: AuthConfig;

  beforeEach(async () => {
    sim = await startSimulator();
    sim.setRotation('rotate');
    config = loadAuthConfig(
      { clientId: SEED_CLIENT_ID, accountsUrl: sim.accountsUrl, apiUrl: sim.apiUrl },
      {},
    );
  });
  afterEach(async () => {
    await sim.close();
  });
  afterAll(async () => {
    if (!skipKeyringTests && process.env['TRAYTUNE_TEST_KEYRING'] === '1') await keychainCache().clear();
  });

  const options = (cache: TokenCache, over: Partial<AuthSessionOptions> = {}): AuthSessionOptions => ({
    client: { clientId: SEED_CLIENT_ID },
    endpoint: new TokenEndpoint({ accountsUrl: sim.accountsUrl, clock: sim.clock }),
    cache,
    clock: sim.clock,
    ...over,
  });

  async function signInAndRotateWithRefusedWrite(
    over: Partial<AuthSessionOptions>,
  ): Promise<{ session: AuthSession; cache: RefusingFirstWrite; consentsBefore: number }> {
    const browser = consentBrowser();
    await signInWithPkce({
      config,
      openBrowser: browser.openBrowser,
      cache: keychainCache(),
      clock: sim.clock,
    });
    await browser.idle();
    const cache = new RefusingFirstWrite(keychainCache());
    const session = (await AuthSession.restore(options(cache, over)))!;
    const errors: unknown[] = [];
    session.on('cache-error', (e) => errors.push(e));
    cache.refuseNext = true;
    sim.clock.advance(HOUR);
    await session.getAccessToken(); // the server rotates; the keychain refuses the new token
    expect(cache.refused).toBe(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(KeychainUnavailableError);
    expect(session.hasUnsavedGrant).toBe(true);
    return { session, cache, consentsBefore: sim.requests.count({ path: '/authorize' }) };
  }

  /** A new run: a session restored from the OS keychain alone signs in without a new consent. */
  async function expectRestartSignsIn(consentsBefore: number): Promise<void> {
    const restarted = await AuthSession.restore(options(keychainCache()));
    expect(restarted).not.toBeNull();
    sim.clock.advance(HOUR);
    const token = await restarted!.getAccessToken();
    const res = await fetch(`${sim.apiUrl}/me`, { headers: { authorization: `Bearer ${token}` } });
    await res.body?.cancel();
    expect(res.status).toBe(200);
    expect(restarted!.isSignedIn).toBe(true);
    expect(sim.requests.count({ path: '/authorize' })).toBe(consentsBefore);
  }

  it('runs with a keychain it may use (required under CI=true)', () => {
    requireKeyring();
  });

  it('the write is retried with backoff until it succeeds', async () => {
    const { session, consentsBefore } = await signInAndRotateWithRefusedWrite({
      persistRetry: { firstDelayMs: 20, maxDelayMs: 100 },
    });
    await once(session, 'cache-recovered');
    expect(session.hasUnsavedGrant).toBe(false);
    expect(session.cacheError).toBeUndefined();
    await expectRestartSignsIn(consentsBefore);
  });

  it('quitting flushes it: flush() writes the grant before the app goes', async () => {
    // A backoff far longer than the run: only the flush at quit can save it.
    const { session, consentsBefore } = await signInAndRotateWithRefusedWrite({
      persistRetry: { firstDelayMs: 3_600_000 },
    });
    expect(await session.flush({ timeoutMs: 5_000 })).toBeUndefined();
    expect(session.hasUnsavedGrant).toBe(false);
    await expectRestartSignsIn(consentsBefore);
  });
});
