import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  SEED_CLIENT_ID,
  SEED_CLIENT_SECRET,
  SEED_USER_ID,
  startSimulator,
  type Simulator,
} from '../../../dev/simulator/index.ts';
import { loadAuthConfig, type AuthConfig } from '../../../src/main/auth/config.ts';
import {
  AccessDeniedError,
  BrowserOpenError,
  ConfigError,
  OAuthError,
  SignInAbortedError,
  SignInTimeoutError,
  StateMismatchError,
} from '../../../src/main/auth/errors.ts';
import { codeChallengeS256 } from '../../../src/main/auth/pkce.ts';
import { TRAYTUNE_SCOPES } from '../../../src/main/auth/scopes.ts';
import {
  exchangeManualCallback,
  signInWithAuthorizationCode,
  signInWithPkce,
  startManualSignIn,
} from '../../../src/main/auth/sign-in.ts';
import { consentBrowser, driveConsent } from '../../support/consent.ts';
import { RecordingCache, expectNoSecrets, ipv6Available } from './helpers.ts';

let sim: Simulator;
let cache: RecordingCache;
let config: AuthConfig;

beforeEach(async () => {
  sim = await startSimulator();
  cache = new RecordingCache();
  config = loadAuthConfig({ clientId: SEED_CLIENT_ID, accountsUrl: sim.accountsUrl, apiUrl: sim.apiUrl }, {});
});
afterEach(async () => {
  await sim.close();
});

const tokenRequests = (): number => sim.requests.count({ path: '/api/token' });

async function me(accessToken: string): Promise<{ status: number; id?: string }> {
  const res = await fetch(`${sim.apiUrl}/me`, { headers: { authorization: `Bearer ${accessToken}` } });
  const body = (await res.json()) as { id?: string };
  return { status: res.status, ...(body.id ? { id: body.id } : {}) };
}

describe('signInWithPkce against the simulator', () => {
  it('signs in: listener, consent, code exchange, grant saved, API usable', async () => {
    const browser = consentBrowser();
    const session = await signInWithPkce({
      config,
      openBrowser: browser.openBrowser,
      cache,
      clock: sim.clock,
    });
    await browser.idle();

    expect(browser.errors).toEqual([]);
    const authorize = new URL(browser.urls[0]!);
    const redirectUri = authorize.searchParams.get('redirect_uri')!;
    expect(redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('scope')).toBe(TRAYTUNE_SCOPES.join(' '));

    const outcome = browser.outcomes[0]!;
    expect(outcome.callback?.status).toBe(303);
    expect(outcome.page?.status).toBe(200);
    expect(new URL(outcome.page!.url).pathname).toBe('/done');
    const code = new URL(outcome.callbackUrl).searchParams.get('code')!;
    expect(outcome.page!.url).not.toContain(code);
    expect(outcome.page!.body).not.toContain(code);
    expect(outcome.page!.headers.get('cache-control')).toBe('no-store');

    expect(tokenRequests()).toBe(1);
    expect(cache.saves).toHaveLength(1);
    expect(cache.grant).toMatchObject({ clientId: SEED_CLIENT_ID, authorizedAt: sim.clock.now() });
    expect(cache.grant!.scopes).toEqual(TRAYTUNE_SCOPES);
    expect(cache.grant!.refreshToken.length).toBeGreaterThan(20);
    expect(JSON.stringify(cache.grant)).not.toContain(await session.getAccessToken());

    expect(await me(await session.getAccessToken())).toEqual({ status: 200, id: SEED_USER_ID });
    expect(session.scopes).toEqual(TRAYTUNE_SCOPES);
  });

  it('passes show_dialog and a given state through', async () => {
    const browser = consentBrowser();
    await signInWithPkce({
      config,
      openBrowser: browser.openBrowser,
      cache,
      clock: sim.clock,
      showDialog: true,
      state: 'my-own-state-value',
    });
    const q = new URL(browser.urls[0]!).searchParams;
    expect(q.get('show_dialog')).toBe('true');
    expect(q.get('state')).toBe('my-own-state-value');
  });

  it('a callback with a wrong state is refused, exchanges nothing, and does not end the attempt', async () => {
    const browser = consentBrowser({
      rewriteCallback: (url) => {
        const u = new URL(url);
        u.searchParams.set('state', 'forged-state');
        return u.toString();
      },
    });
    // The forged answer is ignored, so the attempt waits on until its own timeout.
    const error = await signInWithPkce({
      config,
      openBrowser: browser.openBrowser,
      cache,
      clock: sim.clock,
      timeoutMs: 1_000,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignInTimeoutError);
    await browser.idle();
    const code = new URL(browser.outcomes[0]!.callbackUrl).searchParams.get('code')!;
    expectNoSecrets(error, [code]);
    expect(browser.outcomes[0]!.callback?.status).toBe(400);
    expect(browser.outcomes[0]!.callback?.body).toContain('ignored');
    expect(browser.outcomes[0]!.callback?.body).not.toContain(code);
    expect(tokenRequests()).toBe(0);
    expect(cache.grant).toBeNull();
  });

  it('the browser tab says connected only after the exchange; a failed exchange says what failed', async () => {
    const ok = consentBrowser();
    await signInWithPkce({ config, openBrowser: ok.openBrowser, cache, clock: sim.clock });
    await ok.idle();
    expect(ok.outcomes[0]!.page?.body).toContain('Connected to Spotify');

    sim.injectFault({
      method: 'POST',
      path: '/api/token',
      status: 400,
      body: JSON.stringify({ error: 'invalid_grant', error_description: 'Invalid authorization code' }),
    });
    const failing = consentBrowser();
    const error = await signInWithPkce({
      config,
      openBrowser: failing.openBrowser,
      cache: new RecordingCache(),
      clock: sim.clock,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuthError);
    await failing.idle();
    const page = failing.outcomes[0]!.page!;
    const code = new URL(failing.outcomes[0]!.callbackUrl).searchParams.get('code')!;
    expect(page.body).toContain('Sign-in failed');
    expect(page.body).toContain('did not accept the sign-in code');
    expect(page.body).not.toContain('Connected');
    expect(page.body).not.toContain(code);
  });

  it('reports Cancel as access denied, and exchanges nothing', async () => {
    const browser = consentBrowser({ decision: 'cancel' });
    await expect(
      signInWithPkce({ config, openBrowser: browser.openBrowser, cache, clock: sim.clock }),
    ).rejects.toBeInstanceOf(AccessDeniedError);
    await browser.idle();
    expect(new URL(browser.outcomes[0]!.page!.url).pathname).toBe('/failed');
    expect(tokenRequests()).toBe(0);
  });

  it('times out with redirect-URI advice when the URI is not registered', async () => {
    const unregistered = { ...config, redirectUri: 'http://127.0.0.1/not-registered' };
    const browser = consentBrowser();
    const error = await signInWithPkce({
      config: unregistered,
      openBrowser: browser.openBrowser,
      cache,
      clock: sim.clock,
      timeoutMs: 200,
    }).catch((e: unknown) => e);
    await browser.idle();
    expect(String(browser.errors[0])).toContain('INVALID_CLIENT: Invalid redirect URI');
    expect(error).toBeInstanceOf(SignInTimeoutError);
    expect((error as Error).message).toContain('http://127.0.0.1/not-registered');
    expect(tokenRequests()).toBe(0);
  });

  it('can be cancelled while waiting for the browser', async () => {
    const controller = new AbortController();
    let redirectUri = '';
    const error = await signInWithPkce({
      config,
      cache,
      clock: sim.clock,
      signal: controller.signal,
      openBrowser: (url) => {
        redirectUri = new URL(url).searchParams.get('redirect_uri')!;
        controller.abort();
        return Promise.resolve();
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignInAbortedError);
    await expect(fetch(redirectUri)).rejects.toThrow();
  });

  it('fails clearly when the browser cannot be opened, and closes the listener', async () => {
    let redirectUri = '';
    const error = await signInWithPkce({
      config,
      cache,
      clock: sim.clock,
      openBrowser: (url) => {
        redirectUri = new URL(url).searchParams.get('redirect_uri')!;
        return Promise.reject(new Error(`xdg-open failed for ${url}`));
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrowserOpenError);
    expect((error as Error).message).not.toContain('state=');
    await expect(fetch(redirectUri)).rejects.toThrow();
  });

  it.skipIf(!ipv6Available)('signs in on [::1]', async () => {
    const browser = consentBrowser();
    const session = await signInWithPkce({
      config: { ...config, redirectUri: 'http://[::1]/callback' },
      openBrowser: browser.openBrowser,
      cache,
      clock: sim.clock,
    });
    expect(new URL(browser.urls[0]!).searchParams.get('redirect_uri')).toMatch(
      /^http:\/\/\[::1\]:\d+\/callback$/,
    );
    expect((await me(await session.getAccessToken())).status).toBe(200);
  });
});

describe('signInWithAuthorizationCode (client secret)', () => {
  it('exchanges with HTTP Basic and refreshes with the secret', async () => {
    const secretConfig = { ...config, clientSecret: SEED_CLIENT_SECRET };
    const browser = consentBrowser();
    const session = await signInWithAuthorizationCode({
      config: secretConfig,
      openBrowser: browser.openBrowser,
      cache,
      clock: sim.clock,
    });
    expect(session.client.clientSecret).toBe(SEED_CLIENT_SECRET);
    expect((await me(await session.getAccessToken())).status).toBe(200);
    sim.clock.advance(3600_000);
    const before = tokenRequests();
    expect((await me(await session.getAccessToken())).status).toBe(200);
    expect(tokenRequests() - before).toBe(1);
  });

  it('needs the secret', async () => {
    await expect(
      signInWithAuthorizationCode({ config, openBrowser: async () => {}, cache, clock: sim.clock }),
    ).rejects.toBeInstanceOf(ConfigError);
  });
});

describe('manual (pasted address) sign-in', () => {
  it('exchanges the pasted address', async () => {
    const manual = startManualSignIn({ config, cache, clock: sim.clock });
    expect(new URL(manual.authorizeUrl).searchParams.get('redirect_uri')).toBe('http://127.0.0.1/callback');
    const { callbackUrl } = await driveConsent(manual.authorizeUrl, { fetchCallback: false });
    expect(callbackUrl.startsWith('http://127.0.0.1/callback?')).toBe(true);
    const session = await manual.complete(`  ${callbackUrl}  `);
    expect((await me(await session.getAccessToken())).id).toBe(SEED_USER_ID);
    expect(cache.grant?.clientId).toBe(SEED_CLIENT_ID);

    // The same code a second time: refused by Spotify, and nothing secret in the error.
    const code = new URL(callbackUrl).searchParams.get('code')!;
    const error = await manual.complete(callbackUrl).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuthError);
    expect((error as OAuthError).error).toBe('invalid_grant');
    expect((error as Error).message).toMatch(/sign-in again|Start sign-in again/i);
    expectNoSecrets(error, [code, cache.grant!.refreshToken]);
  });

  it('refuses a pasted address from another attempt without calling Spotify', async () => {
    const manual = startManualSignIn({ config, cache, clock: sim.clock });
    const other = startManualSignIn({ config, cache, clock: sim.clock });
    const { callbackUrl } = await driveConsent(other.authorizeUrl, { fetchCallback: false });
    await expect(manual.complete(callbackUrl)).rejects.toBeInstanceOf(StateMismatchError);
    expect(tokenRequests()).toBe(0);
  });

  it('keeps a wrong verifier and the code out of the error', async () => {
    const verifier = 'A'.repeat(20) + 'verifier-that-is-long-enough-to-be-valid';
    const state = 'manual-state-123';
    const url = new URL(`${sim.accountsUrl}/authorize`);
    url.search = new URLSearchParams({
      client_id: SEED_CLIENT_ID,
      response_type: 'code',
      redirect_uri: config.redirectUri,
      scope: 'user-read-private',
      state,
      code_challenge_method: 'S256',
      code_challenge: codeChallengeS256(verifier),
    }).toString();
    const { callbackUrl } = await driveConsent(url.toString(), { fetchCallback: false });
    const code = new URL(callbackUrl).searchParams.get('code')!;
    const wrongVerifier = verifier.replace('verifier', 'VERIFIER');
    const error = await exchangeManualCallback({
      config,
      cache,
      clock: sim.clock,
      pastedUrl: callbackUrl,
      state,
      codeVerifier: wrongVerifier,
      redirectUri: config.redirectUri,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuthError);
    expect((error as OAuthError).errorDescription).toBe('code_verifier was incorrect');
    expect((error as Error).message).toContain('Start sign-in again');
    expectNoSecrets(error, [code, verifier, wrongVerifier]);
    expect(cache.grant).toBeNull();
  });
});
