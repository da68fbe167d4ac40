import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SEED_CLIENT_ID } from '../../../dev/simulator/index.ts';
import { KeychainTokenCache } from '../../../src/main/auth/caches/keychain.ts';
import { SystemKeychain } from '../../../src/main/secrets/keychain.ts';
import { noteSkippedKeyringSuite, requireKeyring, skipKeyringTests } from '../../support/keyring-gate.ts';
import { signIn, startApp, type AppHarness } from './harness.ts';

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** A keychain whose Secret Service is not there, failing the way @napi-rs/keyring does on Linux. */
function missingKeychain(): SystemKeychain {
  return new SystemKeychain({
    service: 'Traytune-test-missing',
    createEntry: () => {
      throw new Error(
        'Platform failure: DBus error: The name org.freedesktop.secrets was not provided by any .service files',
      );
    },
    env: {},
  });
}

describe('without a keychain', () => {
  it('carries on: keychainWarning set, signed in for this run, sign-out still works', async () => {
    const keychain = missingKeychain();
    h = await startApp({
      deps: { createTokenCache: (clientId) => new KeychainTokenCache({ keychain, clientId }) },
    });
    expect(h.app.getState()).toMatchObject({ account: 'signed-out', signInError: null });
    expect(h.app.getState().keychainWarning).toMatch(/keychain is not available.*Secret Service/);

    const state = await signIn(h);
    expect(state).toMatchObject({ account: 'signed-in', userName: 'Traytune Tester' });
    expect(state.keychainWarning).toMatch(/stays signed in until it quits/);
    expect(await h.app.handlers['player:togglePlay'](undefined)).toEqual({ ok: true });
    expect(h.sim.player.snapshot().isPlaying).toBe(true);

    expect((await h.app.handlers['auth:signOut'](undefined)).account).toBe('signed-out');
  });
});

describe.skipIf(skipKeyringTests)('with the real system keychain', () => {
  noteSkippedKeyringSuite('TraytuneApp with the system keychain');
  beforeAll(() => requireKeyring());

  it('keeps the sign-in across restarts and forgets it on sign-out', async () => {
    const keychain = new SystemKeychain({ service: `Traytune-test-${randomUUID()}` });
    const createTokenCache = (clientId: string) => new KeychainTokenCache({ keychain, clientId });
    h = await startApp({ deps: { createTokenCache } });
    const state = await signIn(h);
    expect(state.keychainWarning).toBeNull();
    expect(await keychain.get(SEED_CLIENT_ID)).not.toBeNull();
    await h.app.stop();

    const app = await h.restart();
    expect(app.getState()).toMatchObject({ account: 'signed-in', keychainWarning: null });
    await app.handlers['auth:signOut'](undefined);
    expect(await keychain.get(SEED_CLIENT_ID)).toBeNull();
  });
});
