/**
 * The sign-in core end to end: real Chromium on the simulator's consent page, the core's real loopback
 * listener, the real keychain (a private gnome-keyring under dev/scripts/with-keyring.sh).
 */
import { randomUUID } from 'node:crypto';
import { expect, test, type Page, type Response } from '@playwright/test';
import { SEED_CLIENT_ID, startSimulator, type Simulator } from '../../dev/simulator/index.ts';
import {
  AccessDeniedError,
  AuthSession,
  TokenEndpoint,
  loadAuthConfig,
  signInWithPkce,
  type AuthConfig,
} from '../../src/main/auth/index.ts';
import { KeychainTokenCache } from '../../src/main/auth/caches/keychain.ts';
import { SystemKeychain } from '../../src/main/secrets/keychain.ts';
import { noteSkippedKeyringSuite, requireKeyring, skipKeyringTests } from '../support/keyring-gate.ts';

const HOUR_MS = 3_600_000;

let sim: Simulator;
let config: AuthConfig;
let keychain: SystemKeychain;

test.skip(skipKeyringTests, 'needs a Secret Service: run through dev/scripts/with-keyring.sh');
noteSkippedKeyringSuite('sign-in end to end');

test.beforeEach(async () => {
  requireKeyring();
  sim = await startSimulator();
  config = loadAuthConfig({ clientId: SEED_CLIENT_ID, accountsUrl: sim.accountsUrl, apiUrl: sim.apiUrl }, {});
  // A service name of its own per test: nothing shared with other tests or a real installation.
  keychain = new SystemKeychain({ service: `Traytune e2e ${randomUUID()}` });
});

test.afterEach(async () => {
  await keychain.delete(SEED_CLIENT_ID).catch(() => false);
  await sim.close();
});

function newCache(): KeychainTokenCache {
  return new KeychainTokenCache({ keychain, clientId: SEED_CLIENT_ID });
}

/** The injected opener: the core "opens the system browser", here a Playwright page. */
function browserOpener(page: Page): { openBrowser: (url: string) => Promise<void>; opened: Promise<string> } {
  let resolveOpened!: (url: string) => void;
  const opened = new Promise<string>((resolve) => (resolveOpened = resolve));
  return {
    opened,
    openBrowser: async (url) => {
      resolveOpened(url);
      await page.goto(url);
    },
  };
}

test('Agree: code exchanged, refresh token in the keychain, a new session refreshes from it alone', async ({
  page,
}) => {
  const { openBrowser, opened } = browserOpener(page);
  const signingIn = signInWithPkce({ config, cache: newCache(), clock: sim.clock, openBrowser });

  const authorizeUrl = new URL(await opened);
  expect(authorizeUrl.origin).toBe(sim.accountsUrl);
  expect(authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');
  await page.getByRole('button', { name: 'Agree' }).click();

  const session = await signingIn;
  await expect(page.getByRole('heading')).toContainText(/signed in|connected/i);
  expect(page.url()).not.toContain('code=');
  expect(sim.requests.count({ path: '/api/token' })).toBe(1);

  // The keychain holds the grant (refresh token + metadata) and nothing else.
  const stored = JSON.parse((await keychain.get(SEED_CLIENT_ID)) ?? 'null') as Record<string, unknown>;
  expect(Object.keys(stored).sort()).toEqual(['authorizedAt', 'clientId', 'refreshToken', 'scopes']);
  expect(stored['refreshToken']).toEqual(expect.any(String));
  expect(JSON.stringify(stored)).not.toContain(await session.getAccessToken());

  // A new session object, as after a restart: only the keychain, no memory of the first one.
  const restored = await AuthSession.restore({
    client: { clientId: SEED_CLIENT_ID },
    endpoint: new TokenEndpoint({ accountsUrl: sim.accountsUrl, clock: sim.clock }),
    cache: newCache(),
    clock: sim.clock,
  });
  expect(restored).not.toBeNull();
  sim.clock.advance(HOUR_MS + 1);
  const accessToken = await restored!.getAccessToken();
  expect(sim.requests.count({ path: '/api/token' })).toBe(2);

  const me = await fetch(`${sim.apiUrl}/me`, { headers: { Authorization: `Bearer ${accessToken}` } });
  expect(me.status).toBe(200);
  expect(((await me.json()) as { id: string }).id).toBe('traytune-tester');
});

test('Cancel: access denied, nothing stored', async ({ page }) => {
  const { openBrowser, opened } = browserOpener(page);
  const signingIn = signInWithPkce({ config, cache: newCache(), clock: sim.clock, openBrowser });
  const outcome = signingIn.catch((error: unknown) => error);

  await opened;
  await page.getByRole('button', { name: 'Cancel' }).click();

  expect(await outcome).toBeInstanceOf(AccessDeniedError);
  await expect(page.getByRole('heading')).toBeVisible();
  expect(sim.requests.count({ path: '/api/token' })).toBe(0);
  expect(await keychain.get(SEED_CLIENT_ID)).toBeNull();
});

test('a callback with the wrong state is ignored: an error page, the sign-in still waits for Spotify', async ({
  page,
}) => {
  // The browser is first sent straight to the listener with a forged code and state (a login-CSRF
  // attempt, or a stale tab). The listener answers it with an error page and keeps waiting: a stray
  // request must not be able to abort (or decide) the user's sign-in.
  let authorizeUrl = '';
  let forged: Response | null = null;
  const signingIn = signInWithPkce({
    config,
    cache: newCache(),
    clock: sim.clock,
    openBrowser: async (url) => {
      authorizeUrl = url;
      const redirectUri = new URL(url).searchParams.get('redirect_uri')!;
      forged = await page.goto(`${redirectUri}?code=forged-code&state=forged-state`);
    },
  });
  let settled = false;
  const outcome = signingIn.then(
    (session) => ((settled = true), session),
    (error: unknown) => ((settled = true), error),
  );

  await expect.poll(() => forged?.status()).toBe(400);
  await expect(page.getByRole('heading')).toContainText(/ignored/i);
  // The forged answer settled nothing: no exchange, nothing stored, the sign-in still pending.
  expect(settled).toBe(false);
  expect(sim.requests.count({ path: '/api/token' })).toBe(0);
  expect(await keychain.get(SEED_CLIENT_ID)).toBeNull();

  // The real answer still completes it, and only that code is exchanged.
  await page.goto(authorizeUrl);
  await page.getByRole('button', { name: 'Agree' }).click();
  const session = await outcome;
  expect(session).toBeInstanceOf(AuthSession);
  await expect(page.getByRole('heading')).toContainText(/signed in|connected/i);
  expect(sim.requests.count({ path: '/api/token' })).toBe(1);
  expect(await keychain.get(SEED_CLIENT_ID)).not.toBeNull();
});
