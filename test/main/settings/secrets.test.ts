import type Conf from 'conf';
import { readFile, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  looksLikeSecretKey,
  sanitizeSettings,
  sanitizeSettingsReport,
} from '../../../src/main/settings/sanitize.ts';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings.ts';
import { APP_VERSION, openConf, tempDir } from './helpers.ts';

const SECRET = 'AQD-secret-refresh-token-value';

describe('sanitizeSettings', () => {
  it('flags keys that look like a credential', () => {
    for (const key of [
      'refreshToken',
      'accessToken',
      'access_token',
      'token',
      'clientSecret',
      'codeVerifier',
      'password',
    ]) {
      expect(looksLikeSecretKey(key)).toBe(true);
    }
    for (const key of ['clientId', 'shortcuts', 'mediaKeys', 'redirectUri'])
      expect(looksLikeSecretKey(key)).toBe(false);
  });

  it('drops unknown and token keys at every level, keeping valid values', () => {
    const { settings, dropped } = sanitizeSettingsReport({
      clientId: 'abc',
      refreshToken: SECRET,
      accessToken: SECRET,
      theme: 'dark',
      shortcuts: { next: 'Alt+N', token: SECRET },
    });
    expect(settings).toEqual({
      ...DEFAULT_SETTINGS,
      clientId: 'abc',
      shortcuts: { ...DEFAULT_SETTINGS.shortcuts, next: 'Alt+N' },
    });
    expect([...dropped].sort()).toEqual(['accessToken', 'refreshToken', 'shortcuts.token', 'theme']);
    expect(JSON.stringify(settings)).not.toContain(SECRET);
  });

  it('resets an invalid value to its default, one key at a time', () => {
    const { settings, dropped } = sanitizeSettingsReport({
      clientId: 'abc',
      mediaKeys: 'yes',
      shortcuts: { playPause: '⏯', previous: null },
      windowPosition: { x: 'left' },
    });
    expect(settings.clientId).toBe('abc');
    expect(settings.mediaKeys).toBe(true);
    expect(settings.shortcuts.playPause).toBe(DEFAULT_SETTINGS.shortcuts.playPause);
    expect(settings.shortcuts.previous).toBeNull();
    expect(settings.windowPosition).toBeNull();
    expect([...dropped].sort()).toEqual(['mediaKeys', 'shortcuts.playPause', 'windowPosition']);
  });

  it('makes defaults out of anything that is not an object', () => {
    for (const raw of [null, undefined, 42, 'x', [1, 2]])
      expect(sanitizeSettings(raw)).toEqual(DEFAULT_SETTINGS);
  });
});

describe('the settings file never holds a token', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    tmp = await tempDir();
  });
  afterEach(async () => {
    await tmp.remove();
  });

  it('drops a token someone writes through the store', async () => {
    const store = openConf(tmp.dir) as unknown as Conf;
    store.set('refreshToken', SECRET);
    store.set({ accessToken: SECRET, mediaKeys: false });
    expect(await readFile(tmp.file, 'utf8')).not.toContain(SECRET);
    expect(store.get('mediaKeys')).toBe(false);
    expect(store.has('refreshToken')).toBe(false);
  });

  it('removes a token found in an existing (already migrated) file when the store opens', async () => {
    await writeFile(
      tmp.file,
      JSON.stringify({
        refreshToken: SECRET,
        clientId: 'abc',
        __internal__: { migrations: { version: APP_VERSION } },
      }),
    );
    const store = openConf(tmp.dir);
    expect(store.has('refreshToken' as never)).toBe(false);
    expect(store.get('clientId')).toBe('abc');
    expect(await readFile(tmp.file, 'utf8')).not.toContain(SECRET);
  });
});
