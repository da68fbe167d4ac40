import { readFile, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  confMigrations,
  migrateToOptInShortcuts,
  migrateV1ToV2,
  SETTINGS_MIGRATIONS,
  V0_1_DEFAULT_SHORTCUTS,
  type SettingsV1,
} from '../../../src/main/settings/migrations.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/shared/settings.ts';
import packageJson from '../../../package.json' with { type: 'json' };
import { openConf, tempDir } from './helpers.ts';

const TOKEN = 'AQD-v1-refresh-token';

const V1_FILE: SettingsV1 = {
  clientId: 'client-v1',
  hotkeysEnabled: false,
  shortcutPlayPause: 'Ctrl+Shift+Space',
  shortcutNext: '',
  shortcutPrevious: 'Ctrl+Shift+Left',
  notifications: true,
  launchAtLogin: true,
  windowX: 1200.6,
  windowY: 40,
  refreshToken: TOKEN,
};

const EXPECTED_V2: Settings = {
  ...DEFAULT_SETTINGS,
  clientId: 'client-v1',
  mediaKeys: false,
  shortcuts: {
    ...DEFAULT_SETTINGS.shortcuts,
    playPause: 'Ctrl+Shift+Space',
    next: null,
    previous: 'Ctrl+Shift+Left',
  },
  notifyOnTrackChange: true,
  startAtLogin: true,
  windowPosition: { x: 1201, y: 40 },
};

describe('migrateV1ToV2', () => {
  it('maps every v1 field to the current shape and drops the token', () => {
    const migrated = migrateV1ToV2(V1_FILE as Record<string, unknown>);
    expect(migrated).toEqual(EXPECTED_V2);
    expect(JSON.stringify(migrated)).not.toContain(TOKEN);
  });

  it('lets a v2 key already present win over its v1 counterpart', () => {
    const migrated = migrateV1ToV2({
      hotkeysEnabled: false,
      mediaKeys: true,
      shortcutNext: 'Alt+N',
      shortcuts: { next: 'Alt+M' },
      windowX: 1,
      windowY: 2,
      windowPosition: null,
    });
    expect(migrated['mediaKeys']).toBe(true);
    expect((migrated['shortcuts'] as Settings['shortcuts']).next).toBe('Alt+M');
    expect(migrated['windowPosition']).toBeNull();
  });

  it('leaves a current-shape object as it is', () => {
    expect(migrateV1ToV2({ ...EXPECTED_V2 })).toEqual(EXPECTED_V2);
  });

  it('ignores a half window position and an invalid v1 shortcut', () => {
    const migrated = migrateV1ToV2({ windowX: 10, shortcutPlayPause: 'Ctrl+⏯' });
    expect(migrated['windowPosition']).toBeNull();
    expect((migrated['shortcuts'] as Settings['shortcuts']).playPause).toBe(
      DEFAULT_SETTINGS.shortcuts.playPause,
    );
  });
});

/** What a 0.1.0 build wrote: every setting, the shortcuts at their then defaults unless the user changed them. */
function v010File(shortcuts: Partial<Settings['shortcuts']> = {}): Record<string, unknown> {
  return {
    ...DEFAULT_SETTINGS,
    clientId: 'client-1',
    shortcuts: { ...V0_1_DEFAULT_SHORTCUTS, ...shortcuts },
    __internal__: { migrations: { version: '0.1.0' } },
  };
}

describe('migrateToOptInShortcuts', () => {
  it('unbinds every shortcut still at its 0.1.0 default', () => {
    const { __internal__: _internal, ...stored } = v010File();
    expect(migrateToOptInShortcuts(stored)).toEqual({ ...stored, shortcuts: DEFAULT_SETTINGS.shortcuts });
  });

  it('keeps the shortcuts the user changed or unbound', () => {
    const migrated = migrateToOptInShortcuts({
      mediaKeys: false,
      shortcuts: {
        ...V0_1_DEFAULT_SHORTCUTS,
        playPause: 'Ctrl+Shift+Space',
        toggleLike: null,
        // The same keys spelled another way are the user's own choice.
        next: 'Ctrl+Alt+Right',
      },
    });
    expect(migrated).toEqual({
      mediaKeys: false,
      shortcuts: {
        playPause: 'Ctrl+Shift+Space',
        next: 'Ctrl+Alt+Right',
        previous: null,
        toggleLike: null,
        volumeUp: null,
        volumeDown: null,
        showHide: null,
      },
    });
  });

  it('leaves a file without shortcuts, and one with a broken shortcuts value, to the schema', () => {
    expect(migrateToOptInShortcuts({ mediaKeys: true })).toEqual({ mediaKeys: true });
    expect(migrateToOptInShortcuts({ shortcuts: 'Ctrl+Alt+P' })).toEqual({ shortcuts: 'Ctrl+Alt+P' });
  });

  it('knows the 0.1.0 defaults for every shortcut', () => {
    expect(Object.keys(V0_1_DEFAULT_SHORTCUTS).sort()).toEqual(
      Object.keys(DEFAULT_SETTINGS.shortcuts).sort(),
    );
  });
});

describe('the migration table', () => {
  it('is keyed by semver versions no later than the app version', () => {
    const [major, minor, patch] = packageJson.version.split('.').map(Number) as [number, number, number];
    for (const step of SETTINGS_MIGRATIONS) {
      expect(step.version).toMatch(/^\d+\.\d+\.\d+$/);
      const [a, b, c] = step.version.split('.').map(Number) as [number, number, number];
      expect(a * 1e6 + b * 1e3 + c).toBeLessThanOrEqual(major * 1e6 + minor * 1e3 + patch);
    }
    expect(Object.keys(confMigrations())).toEqual(SETTINGS_MIGRATIONS.map((step) => step.version));
  });
});

describe('migrating a v1 file with a real conf store', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    tmp = await tempDir();
  });
  afterEach(async () => {
    await tmp.remove();
  });

  it('rewrites the v1 file on disk in the current shape and records the version', async () => {
    await writeFile(tmp.file, JSON.stringify(V1_FILE, null, '\t'));
    const store = openConf(tmp.dir, packageJson.version);
    expect({ ...store.store }).toEqual(EXPECTED_V2);

    const text = await readFile(tmp.file, 'utf8');
    expect(text).not.toContain(TOKEN);
    const { __internal__: internal, ...onDisk } = JSON.parse(text) as Record<string, unknown>;
    expect(onDisk).toEqual(EXPECTED_V2);
    expect(internal).toEqual({ migrations: { version: packageJson.version } });
  });

  it('does not run again once the version is recorded', async () => {
    await writeFile(tmp.file, JSON.stringify(V1_FILE));
    openConf(tmp.dir).set('mediaKeys', true);
    // A v1 key reappearing in a migrated file is dropped by the schema, not migrated over the user's choice.
    const text = JSON.parse(await readFile(tmp.file, 'utf8')) as Record<string, unknown>;
    await writeFile(tmp.file, JSON.stringify({ ...text, hotkeysEnabled: false }));
    const store = openConf(tmp.dir);
    expect(store.get('mediaKeys')).toBe(true);
    expect(store.has('hotkeysEnabled' as never)).toBe(false);
  });

  it('does not migrate a fresh store: defaults, version recorded', () => {
    expect({ ...openConf(tmp.dir).store }).toEqual(DEFAULT_SETTINGS);
  });

  it('unbinds the 0.1.0 default shortcuts of a 0.1.0 file and keeps the changed ones', async () => {
    await writeFile(tmp.file, JSON.stringify(v010File({ next: 'Alt+Shift+N', showHide: null })));
    const store = openConf(tmp.dir, '0.2.0');
    expect(store.get('shortcuts')).toEqual({ ...DEFAULT_SETTINGS.shortcuts, next: 'Alt+Shift+N' });
    expect(store.get('clientId')).toBe('client-1');
    const onDisk = JSON.parse(await readFile(tmp.file, 'utf8')) as Record<string, unknown>;
    expect(onDisk['__internal__']).toEqual({ migrations: { version: '0.2.0' } });
  });

  it('does not unbind a shortcut bound again after the migration ran', async () => {
    await writeFile(tmp.file, JSON.stringify(v010File()));
    openConf(tmp.dir, '0.2.0').set('shortcuts.playPause', 'CommandOrControl+Alt+P');
    expect(openConf(tmp.dir, '0.2.0').get('shortcuts').playPause).toBe('CommandOrControl+Alt+P');
    expect(openConf(tmp.dir, '0.3.0').get('shortcuts').playPause).toBe('CommandOrControl+Alt+P');
  });

  it('leaves a 0.1.0 file alone under a 0.1.0 build (the step belongs to 0.2.0)', async () => {
    await writeFile(tmp.file, JSON.stringify(v010File()));
    expect(openConf(tmp.dir, '0.1.0').get('shortcuts')).toEqual(V0_1_DEFAULT_SHORTCUTS);
  });

  it('takes a v1 file through both steps: its default-valued shortcut ends unbound', async () => {
    await writeFile(
      tmp.file,
      JSON.stringify({ ...V1_FILE, shortcutPlayPause: 'CommandOrControl+Alt+P' } satisfies SettingsV1),
    );
    const store = openConf(tmp.dir, '0.2.0');
    expect(store.get('shortcuts')).toEqual({ ...EXPECTED_V2.shortcuts, playPause: null });
  });

  it('runs from a later app version too (the file skipped several releases)', async () => {
    await writeFile(tmp.file, JSON.stringify(V1_FILE));
    const store = openConf(tmp.dir, '2.3.0');
    expect({ ...store.store }).toEqual(EXPECTED_V2);
  });
});
