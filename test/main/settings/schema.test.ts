import { readFile, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SETTINGS_JSON_SCHEMA, SETTINGS_ROOT_SCHEMA } from '../../../src/main/settings/schema.ts';
import { DEFAULT_SETTINGS, settingsSchema } from '../../../src/shared/settings.ts';
import { APP_VERSION, openConf, tempDir } from './helpers.ts';

describe('settings JSON schema', () => {
  it('covers exactly the zod schema, with every default', () => {
    expect(Object.keys(SETTINGS_JSON_SCHEMA).sort()).toEqual(Object.keys(settingsSchema.shape).sort());
    for (const [key, schema] of Object.entries(SETTINGS_JSON_SCHEMA)) {
      expect(schema['default']).toEqual(DEFAULT_SETTINGS[key as keyof typeof DEFAULT_SETTINGS]);
    }
    expect(SETTINGS_ROOT_SCHEMA).toEqual({ additionalProperties: false });
  });
});

describe('a conf store built with the settings options', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    tmp = await tempDir();
  });
  afterEach(async () => {
    await tmp.remove();
  });

  it('starts from the defaults and writes them to disk', async () => {
    const store = openConf(tmp.dir);
    expect({ ...store.store }).toEqual(DEFAULT_SETTINGS);
    const onDisk = JSON.parse(await readFile(tmp.file, 'utf8')) as Record<string, unknown>;
    const { __internal__: internal, ...settings } = onDisk;
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(internal).toEqual({ migrations: { version: APP_VERSION } });
  });

  it.each([
    ['mediaKeys', 'yes'],
    ['clientId', 42],
    ['shortcuts.next', 'Ctrl+Alt+→'],
    ['shortcuts.next', ''],
    ['windowPosition', { x: 1.5, y: 2 }],
    ['redirectUri', null],
  ])('rejects %s = %j', (key, value) => {
    const store = openConf(tmp.dir);
    expect(() => store.set(key as 'mediaKeys', value as never)).toThrow(/Config schema violation/);
    expect({ ...store.store }).toEqual(DEFAULT_SETTINGS);
  });

  it('accepts valid values and reads them back after reopening', () => {
    const store = openConf(tmp.dir);
    store.set('clientId', 'abc123');
    store.set('shortcuts.showHide', null);
    store.set('windowPosition', { x: -20, y: 40 });
    const reopened = openConf(tmp.dir);
    expect(reopened.get('clientId')).toBe('abc123');
    expect(reopened.get('shortcuts').showHide).toBeNull();
    expect(reopened.get('windowPosition')).toEqual({ x: -20, y: 40 });
  });

  it('fills in a missing nested default from the schema', async () => {
    await writeFile(
      tmp.file,
      JSON.stringify({
        shortcuts: { next: 'Alt+N' },
        __internal__: { migrations: { version: APP_VERSION } },
      }),
    );
    const store = openConf(tmp.dir);
    expect(store.get('shortcuts')).toEqual({ ...DEFAULT_SETTINGS.shortcuts, next: 'Alt+N' });
    expect(store.get('mediaKeys')).toBe(true);
  });

  it('refuses to open a file holding an invalid value (openSettingsStore repairs it)', async () => {
    await writeFile(
      tmp.file,
      JSON.stringify({ mediaKeys: 'yes', __internal__: { migrations: { version: APP_VERSION } } }),
    );
    expect(() => openConf(tmp.dir)).toThrow(/mediaKeys/);
  });
});
