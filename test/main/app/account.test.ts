import { afterEach, describe, expect, it } from 'vitest';
import { SEED_CLIENT_ID, SEED_REDIRECT_URIS } from '../../../dev/simulator/index.ts';
import { addCalendarMonths } from '../../../src/main/auth/session.ts';
import { MemoryTokenCache } from '../../../src/main/auth/caches/memory.ts';
import { ConfigError, TokenCacheError } from '../../../src/main/auth/errors.ts';
import { TRAYTUNE_SCOPES } from '../../../src/main/auth/scopes.ts';
import type { TokenCache } from '../../../src/main/auth/token-cache.ts';
import { RECONNECT_WARNING_MS } from '../../../src/main/app/account/reconnect-warning.ts';
import { TraytuneApp } from '../../../src/main/app/traytune-app.ts';
import { MemorySettingsStore } from '../../../src/main/settings/settings-store.ts';
import { UserFacingError } from '../../../src/main/app/errors.ts';
import { DAY, HOUR, signIn, startApp, type AppHarness } from './harness.ts';

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const OTHER_CLIENT_ID = 'feedbeeffeedbeeffeedbeeffeedbeef';

describe('onboarding', () => {
  it('starts without a client ID, refuses a bad one with a clear message, accepts a good one', async () => {
    h = await startApp({ clientId: null });
    const { app } = h;
    expect(app.getState()).toMatchObject({
      account: 'no-client-id',
      clientId: null,
      redirectUriToRegister: 'http://127.0.0.1/callback',
      dashboardUrl: 'https://developer.spotify.com/dashboard',
    });
    await expect(app.handlers['auth:signIn'](undefined)).rejects.toMatchObject({ code: 'no-client-id' });

    // Off Spotify (the simulator) only broken values are refused.
    const error = await app.handlers['app:setClientId']({ clientId: 'two words' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(/spaces/);
    expect(app.getState().account).toBe('no-client-id');
    expect(h.settings.get().clientId).toBeNull();

    const state = await app.handlers['app:setClientId']({ clientId: SEED_CLIENT_ID });
    expect(state).toMatchObject({ account: 'signed-out', clientId: SEED_CLIENT_ID, signInError: null });
    expect(h.settings.get().clientId).toBe(SEED_CLIENT_ID);
    expect(h.states.at(-1)).toEqual(state);
    expect(h.settingsEvents.at(-1)?.clientId).toBe(SEED_CLIENT_ID);
  });

  it('applies the Spotify client ID rule against the real accounts service', async () => {
    // No network here: validating never calls Spotify.
    const app = new TraytuneApp({
      settings: new MemorySettingsStore(),
      createTokenCache: () => {
        throw new Error('not used');
      },
      openExternal: () => Promise.resolve(),
    });
    await app.start();
    const error = await app.handlers['app:setClientId']({ clientId: 'abc123' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/32 letters and digits/);
    expect(app.getState().account).toBe('no-client-id');
    await app.stop();
  });

  it('takes the client ID from TRAYTUNE_CLIENT_ID when the settings have none', async () => {
    const app = new TraytuneApp({
      settings: new MemorySettingsStore(),
      createTokenCache: () => {
        throw new Error('the keychain is not reachable in this test');
      },
      openExternal: () => Promise.resolve(),
      env: { TRAYTUNE_CLIENT_ID: SEED_CLIENT_ID },
    });
    await app.start();
    // The cache could not even be made: signed out, with the reason (generic: it was no typed error).
    expect(app.getState()).toMatchObject({ account: 'signed-out', clientId: SEED_CLIENT_ID });
    expect(app.getState().signInError?.code).toBe('internal');
    await app.stop();
  });
});

describe('sign-in', () => {
  it('signs in: signing-in, then signed-in with the user name, the player running and snapshots pushed', async () => {
    h = await startApp();
    expect(h.app.getState().account).toBe('signed-out');
    const state = await signIn(h);
    expect(state).toMatchObject({
      account: 'signed-in',
      userName: 'Traytune Tester',
      signInError: null,
      keychainWarning: null,
      reconnectBy: null,
    });
    // signing-in, then the consent link known, then signed in, then the user name.
    expect(h.states.map((s) => s.account)).toEqual(['signing-in', 'signing-in', 'signed-in', 'signed-in']);
    expect(h.states.map((s) => s.signInLink)).toEqual([null, h.opened[0], null, null]);
    expect(h.opened).toHaveLength(1);
    const authorize = new URL(h.opened[0]!);
    expect(authorize.origin + authorize.pathname).toBe(`${h.sim.accountsUrl}/authorize`);
    expect(authorize.searchParams.get('show_dialog')).toBeNull();
    expect(authorize.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);

    const grant = await h.caches.get(SEED_CLIENT_ID)!.load();
    expect(grant?.clientId).toBe(SEED_CLIENT_ID);
    expect(h.snapshots.length).toBeGreaterThan(0);
    const snapshot = await h.app.handlers['player:getSnapshot'](undefined);
    expect(snapshot.connection.status).toBe('ok');
    expect(snapshot.item?.uri).toBe(h.sim.player.snapshot().itemUri);
    expect(h.snapshots.at(-1)?.item?.uri).toBe(snapshot.item?.uri);
    // Nothing pushed to the UI carries the refresh token.
    expect(JSON.stringify([h.states, h.snapshots])).not.toContain(grant!.refreshToken);

    // Asking again while signed in changes nothing.
    expect(await h.app.handlers['auth:signIn'](undefined)).toEqual(h.app.getState());
    expect(h.opened).toHaveLength(1);
  });

  it('says the user cancelled (its own code, no setup problem) when Cancel is pressed on the consent page', async () => {
    h = await startApp({ consent: { decision: 'cancel' } });
    const state = await h.app.handlers['auth:signIn'](undefined);
    expect(state.account).toBe('signed-out');
    expect(state.signInError).toEqual({
      code: 'consent-cancelled',
      message: "You cancelled on Spotify's page. Sign in again when you're ready.",
    });
    expect(state.signInLink).toBeNull();
    expect(await h.caches.get(SEED_CLIENT_ID)!.load()).toBeNull();
  });

  it('times out with the redirect-URI explanation when the browser never answers', async () => {
    h = await startApp({ deps: { openExternal: () => new Promise<void>(() => {}), signInTimeoutMs: 200 } });
    const state = await h.app.handlers['auth:signIn'](undefined);
    expect(state.account).toBe('signed-out');
    expect(state.signInError?.code).toBe('timeout');
    expect(state.signInError?.message).toMatch(/Invalid redirect URI/);
    expect(state.signInError?.message).toContain('http://127.0.0.1/callback');
    expect(state.signInError?.message).toMatch(/User Management/);
  });

  it('cancels a sign-in in progress without an error', async () => {
    let opened!: () => void;
    const browserOpened = new Promise<void>((resolve) => (opened = resolve));
    h = await startApp({
      deps: {
        openExternal: () => {
          opened();
          return new Promise<void>(() => {});
        },
      },
    });
    const pending = h.app.handlers['auth:signIn'](undefined);
    await browserOpened;
    expect(h.app.getState().account).toBe('signing-in');
    // A second request joins the first instead of starting another.
    const joined = h.app.handlers['auth:signIn'](undefined);
    await h.app.handlers['auth:cancelSignIn'](undefined);
    const state = await pending;
    expect(await joined).toEqual(state);
    expect(state).toMatchObject({ account: 'signed-out', signInError: null });
  });

  it('refuses to open anything but Spotify pages (allow-list)', async () => {
    h = await startApp();
    for (const url of [
      'https://evil.example/authorize',
      'http://accounts.spotify.com/authorize',
      'https://accounts.spotify.com.evil.example/',
      'https://user:pw@accounts.spotify.com/',
      'https://accounts.spotify.com:8443/',
      'file:///etc/passwd',
      'not a url',
    ]) {
      const error = await h.app.openExternal(url).catch((e: unknown) => e);
      expect(error, url).toBeInstanceOf(UserFacingError);
      expect((error as UserFacingError).code).toBe('external-url');
    }
    expect(h.opened).toEqual([]);
    await h.app.openExternal('https://accounts.spotify.com/en/status');
    await h.app.handlers['app:openDashboard'](undefined);
    expect(h.opened).toEqual([
      'https://accounts.spotify.com/en/status',
      'https://developer.spotify.com/dashboard',
    ]);
  });
});

describe('sign-out, restore and switching', () => {
  it('signs out: grant forgotten, player stopped, signed-out; the next sign-in shows the consent page', async () => {
    h = await startApp();
    await signIn(h);
    const state = await h.app.handlers['auth:signOut'](undefined);
    expect(state).toMatchObject({ account: 'signed-out', userName: null, signInError: null });
    expect(await h.caches.get(SEED_CLIENT_ID)!.load()).toBeNull();
    expect(h.snapshots.at(-1)?.connection.status).toBe('signed-out');

    const result = await h.app.handlers['player:next'](undefined);
    expect(result).toMatchObject({ ok: false, error: { kind: 'unauthorized', source: 'next' } });
    expect(result.ok || result.error.message).toMatch(/signed out.*Sign in/);
    await expect(h.app.handlers['library:likedSongs']({ offset: 0, limit: 10 })).rejects.toMatchObject({
      code: 'signed-out',
      message: expect.stringMatching(/Sign in/) as string,
    });

    await signIn(h);
    expect(new URL(h.opened.at(-1)!).searchParams.get('show_dialog')).toBe('true');
  });

  it('restores the saved sign-in on start, without the browser', async () => {
    h = await startApp();
    await signIn(h);
    await h.app.stop();
    // Stopped: nothing is polled or pushed any more, and the saved sign-in stays.
    h.sim.requests.reset();
    const pushed = h.states.length + h.snapshots.length;
    await h.clock.advance(10 * 60_000);
    expect(h.sim.requests.count()).toBe(0);
    expect(h.states.length + h.snapshots.length).toBe(pushed);
    const opened = h.opened.length;
    const app = await h.restart();
    expect(app.getState()).toMatchObject({ account: 'signed-in', userName: 'Traytune Tester' });
    expect(h.opened).toHaveLength(opened);
    const result = await app.handlers['player:togglePlay'](undefined);
    expect(result).toEqual({ ok: true });
    expect(h.sim.player.snapshot().isPlaying).toBe(true);
  });

  it('switching to another client ID signs out of the old one', async () => {
    h = await startApp({
      before: (sim) => sim.registerApp({ clientId: OTHER_CLIENT_ID, redirectUris: [...SEED_REDIRECT_URIS] }),
    });
    await signIn(h);
    // The same ID again keeps the session.
    expect((await h.app.handlers['app:setClientId']({ clientId: SEED_CLIENT_ID })).account).toBe('signed-in');

    const state = await h.app.handlers['app:setClientId']({ clientId: OTHER_CLIENT_ID });
    expect(state).toMatchObject({ account: 'signed-out', clientId: OTHER_CLIENT_ID, userName: null });
    expect(await h.caches.get(SEED_CLIENT_ID)!.load()).toBeNull();
    await signIn(h);
    expect(new URL(h.opened.at(-1)!).searchParams.get('client_id')).toBe(OTHER_CLIENT_ID);
    expect((await h.caches.get(OTHER_CLIENT_ID)!.load())?.clientId).toBe(OTHER_CLIENT_ID);
  });
});

describe('reconnect', () => {
  it('asks to reconnect when Spotify revoked the refresh token, and recovers on sign-in', async () => {
    h = await startApp();
    await signIn(h);
    h.sim.revokeRefreshTokens();
    // The access token runs out; the next read needs a refresh, which Spotify refuses.
    h.clock.set(h.clock.now() + 2 * HOUR);
    await h.clock.advance(1_000);

    const state = h.app.getState();
    expect(state).toMatchObject({ account: 'reconnect-needed', userName: null });
    expect(state.signInError).toMatchObject({ code: 'reconnect-needed' });
    expect(state.signInError?.message).toMatch(/revoked.*Sign in again/);
    expect(await h.caches.get(SEED_CLIENT_ID)!.load()).toBeNull();
    expect(h.snapshots.at(-1)?.connection).toMatchObject({ status: 'reconnect-needed' });
    const result = await h.app.handlers['player:togglePlay'](undefined);
    expect(result.ok || result.error.message).toMatch(/revoked/);
    await expect(h.app.handlers['library:queue'](undefined)).rejects.toMatchObject({
      code: 'reconnect-needed',
    });

    // Nothing is polled any more.
    h.sim.requests.reset();
    await h.clock.advance(10 * 60_000);
    expect(h.sim.requests.count()).toBe(0);

    expect((await signIn(h)).signInError).toBeNull();
  });

  it('asks to reconnect once the 6 months are over', async () => {
    h = await startApp();
    await signIn(h);
    h.clock.set(addCalendarMonths(h.clock.now(), 6) + DAY);
    await h.clock.advance(1_000);
    expect(h.app.getState().account).toBe('reconnect-needed');
    expect(h.app.getState().signInError?.message).toMatch(/six months/);
  });

  it('warns within 14 days of the refresh-token expiry (reconnectBy)', async () => {
    h = await startApp();
    const authorizedAt = h.clock.now();
    await signIn(h);
    const expiresAt = addCalendarMonths(authorizedAt, 6);
    expect(h.app.getState().reconnectBy).toBeNull();

    h.clock.set(expiresAt - RECONNECT_WARNING_MS - 60_000);
    await h.clock.advance(1_000);
    expect(h.app.getState().reconnectBy).toBeNull();

    await h.clock.advance(60_000);
    expect(h.app.getState()).toMatchObject({ account: 'signed-in', reconnectBy: expiresAt });
    expect(h.states.at(-1)?.reconnectBy).toBe(expiresAt);

    // A restart within the period shows the warning at once.
    await h.app.stop();
    expect((await h.restart()).getState().reconnectBy).toBe(expiresAt);
  });
});

describe('review fixes: sign-in and restore edge cases', () => {
  it('warns when a sign-in that finished after a sign-out cannot be removed from the keychain', async () => {
    let saveStarted!: () => void;
    const saving = new Promise<void>((resolve) => (saveStarted = resolve));
    let releaseSave!: () => void;
    const saveGate = new Promise<void>((resolve) => (releaseSave = resolve));
    let clears = 0;
    const cache: TokenCache = {
      load: () => Promise.resolve(null),
      save: async () => {
        saveStarted();
        await saveGate;
      },
      clear: () => {
        clears++;
        return Promise.reject(new TokenCacheError('The keychain refused to delete the entry.'));
      },
    };
    h = await startApp({ deps: { createTokenCache: () => cache } });
    const signingIn = h.app.handlers['auth:signIn'](undefined);
    // The code is exchanged and the grant is being saved when the user signs out.
    await saving;
    const signingOut = h.app.handlers['auth:signOut'](undefined);
    releaseSave();
    const state = await signingOut;
    await signingIn;
    expect(clears).toBe(1);
    expect(state.account).toBe('signed-out');
    expect(state.keychainWarning).toMatch(/could not remove its saved sign-in from the system keychain/);
    expect(h.app.getState().keychainWarning).toBe(state.keychainWarning);
  });

  it('asks to sign in again when the saved grant lacks a scope this version needs, without calling Spotify', async () => {
    const [, ...fewer] = TRAYTUNE_SCOPES;
    const cache = new MemoryTokenCache({
      clientId: SEED_CLIENT_ID,
      refreshToken: 'saved-by-an-older-version',
      scopes: fewer,
      authorizedAt: 0,
    });
    h = await startApp({ start: false, deps: { createTokenCache: () => cache } });
    await h.app.start();
    const state = h.app.getState();
    expect(state).toMatchObject({ account: 'reconnect-needed', userName: null });
    expect(state.signInError?.code).toBe('reconnect-needed');
    expect(state.signInError?.message).toMatch(/more permissions.*Sign in again/);
    expect(h.sim.requests.count()).toBe(0);
    expect(h.snapshots.at(-1)?.connection.status).toBe('reconnect-needed');
    // Signing in asks for every scope again and replaces the grant.
    await signIn(h);
    expect((await cache.load())?.scopes).toEqual(expect.arrayContaining([...TRAYTUNE_SCOPES]));
  });
});
