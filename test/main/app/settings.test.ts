import { afterEach, describe, expect, it } from 'vitest';
import { RedirectUriError } from '../../../src/main/auth/errors.ts';
import { UserFacingError } from '../../../src/main/app/errors.ts';
import { isAllowedExternalUrl } from '../../../src/main/app/external-links.ts';
import { MemorySettingsStore } from '../../../src/main/settings/settings-store.ts';
import { DEFAULT_SETTINGS, type ShortcutStatus } from '../../../src/shared/settings.ts';
import { startApp, type AppHarness } from './harness.ts';

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('settings channels', () => {
  it('updates and merges shortcuts partially, pushing settings:changed once per change', async () => {
    h = await startApp();
    const { handlers } = h.app;
    expect(await handlers['settings:get'](undefined)).toEqual({
      ...DEFAULT_SETTINGS,
      clientId: h.app.getState().clientId,
    });

    const updated = await handlers['settings:update']({ mediaKeys: false, shortcuts: { next: null } });
    expect(updated).toMatchObject({ mediaKeys: false, pinned: false });
    expect(updated.shortcuts).toEqual({ ...DEFAULT_SETTINGS.shortcuts, next: null });
    expect(h.settingsEvents).toEqual([updated]);

    // Nothing changed: no event.
    await handlers['settings:update']({ mediaKeys: false });
    expect(h.settingsEvents).toHaveLength(1);

    const rebound = await handlers['settings:update']({ shortcuts: { playPause: 'CommandOrControl+P' } });
    expect(rebound.shortcuts).toEqual({
      ...DEFAULT_SETTINGS.shortcuts,
      next: null,
      playPause: 'CommandOrControl+P',
    });
    expect(h.settingsEvents).toHaveLength(2);
    expect(await handlers['settings:get'](undefined)).toEqual(rebound);
  });

  it('checks the redirect URI and shows the new one to register', async () => {
    h = await startApp();
    const { handlers } = h.app;
    await expect(
      handlers['settings:update']({ redirectUri: 'http://localhost/callback' }),
    ).rejects.toBeInstanceOf(RedirectUriError);
    expect(h.settings.get().redirectUri).toBe(DEFAULT_SETTINGS.redirectUri);

    await handlers['settings:update']({ redirectUri: 'http://127.0.0.1:8888/callback' });
    expect(h.app.getState().redirectUriToRegister).toBe('http://127.0.0.1:8888/callback');
    expect(h.states.at(-1)?.redirectUriToRegister).toBe('http://127.0.0.1:8888/callback');
  });

  it('accepts only loopback http redirect URIs, which the sign-in listener can serve', async () => {
    h = await startApp();
    const { handlers } = h.app;
    for (const uri of [
      'https://example.com/callback',
      'https://127.0.0.1/callback',
      'https://localhost/callback',
      'ftp://127.0.0.1/callback',
    ]) {
      const error = await handlers['settings:update']({ redirectUri: uri }).catch((e: unknown) => e);
      expect(error, uri).toBeInstanceOf(UserFacingError);
      expect((error as UserFacingError).code, uri).toBe('validation');
      expect((error as UserFacingError).message, uri).toMatch(/loopback.*http:\/\/127\.0\.0\.1\/callback/);
    }
    await expect(
      handlers['settings:update']({ redirectUri: 'http://192.168.1.2/callback' }),
    ).rejects.toBeInstanceOf(RedirectUriError);
    expect(h.settings.get().redirectUri).toBe(DEFAULT_SETTINGS.redirectUri);
    expect(h.settingsEvents).toEqual([]);

    for (const [uri, stored] of [
      ['http://[::1]/callback', 'http://[::1]/callback'],
      ['http://[::1]:4321/cb', 'http://[::1]:4321/cb'],
      [' http://127.0.0.1:8888/callback ', 'http://127.0.0.1:8888/callback'],
      ['http://127.0.0.1/callback', 'http://127.0.0.1/callback'],
    ] as const) {
      expect((await handlers['settings:update']({ redirectUri: uri })).redirectUri, uri).toBe(stored);
    }
  });

  it('refuses to sign in with an https redirect URI an older build saved, with its own explanation', async () => {
    h = await startApp({ start: false });
    h.settings.update({ redirectUri: 'https://example.com/callback' });
    await h.app.start();
    const state = await h.app.handlers['auth:signIn'](undefined);
    expect(state.account).toBe('signed-out');
    expect(state.signInError?.code).toBe('validation');
    expect(state.signInError?.message).toMatch(/loopback/);
    expect(state.signInError?.message).not.toMatch(/paste/i);
    expect(h.opened).toEqual([]);
  });

  it('shortcut status: all off by default, else what the desktop reports', async () => {
    h = await startApp();
    const status = await h.app.handlers['settings:shortcutStatus'](undefined);
    expect(Object.values(status).every((s) => s === 'off')).toBe(true);
    const reported: ShortcutStatus = { ...status, playPause: 'registered', next: 'conflict' };
    const app = await h.restart({ shortcutStatus: () => reported });
    expect(await app.handlers['settings:shortcutStatus'](undefined)).toEqual(reported);
  });
});

describe('MemorySettingsStore', () => {
  it('starts from the defaults, ignores undefined values and unsubscribes', () => {
    const store = new MemorySettingsStore({ pinned: true });
    expect(store.get()).toEqual({ ...DEFAULT_SETTINGS, pinned: true });
    const seen: boolean[] = [];
    const off = store.onChange((s) => seen.push(s.alwaysOnTop));
    store.update({ alwaysOnTop: true, pinned: undefined });
    expect(store.get().pinned).toBe(true);
    off();
    store.update({ alwaysOnTop: false });
    expect(seen).toEqual([true]);
    expect(Object.isFrozen(store.get().shortcuts)).toBe(true);
  });
});

describe('isAllowedExternalUrl', () => {
  it('allows https Spotify pages and the configured accounts origin only', () => {
    expect(isAllowedExternalUrl('https://accounts.spotify.com/authorize?x=1', null)).toBe(true);
    expect(isAllowedExternalUrl('https://developer.spotify.com/dashboard', null)).toBe(true);
    // The web player's item pages ("Open in Spotify"); another Spotify host is still refused.
    expect(isAllowedExternalUrl('https://open.spotify.com/track/abc', null)).toBe(true);
    expect(isAllowedExternalUrl('https://community.spotify.com/', null)).toBe(false);
    expect(isAllowedExternalUrl('http://127.0.0.1:4000/authorize', null)).toBe(false);
    expect(isAllowedExternalUrl('http://127.0.0.1:4000/authorize', 'http://127.0.0.1:4000')).toBe(true);
    expect(isAllowedExternalUrl('http://127.0.0.1:4001/authorize', 'http://127.0.0.1:4000')).toBe(false);
    expect(isAllowedExternalUrl('javascript:alert(1)', 'not a url')).toBe(false);
  });
});

describe('invoke', () => {
  it('calls a handler by channel name', async () => {
    h = await startApp();
    expect(await h.app.invoke('app:getState', undefined)).toEqual(h.app.getState());
    expect((await h.app.invoke('settings:update', { pinned: true })).pinned).toBe(true);
  });
});
