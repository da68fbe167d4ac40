import { readdir, readFile, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSettingsStore } from '../../../src/main/settings/open-store.ts';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings.ts';
import { APP_VERSION, openConf, tempDir } from './helpers.ts';

describe('openSettingsStore', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let problems: string[];
  const open = () =>
    openSettingsStore({ create: () => openConf(tmp.dir), path: tmp.file, onRepair: (p) => problems.push(p) });

  beforeEach(async () => {
    tmp = await tempDir();
    problems = [];
  });
  afterEach(async () => {
    await tmp.remove();
  });

  it('opens a good file untouched', () => {
    openConf(tmp.dir).set('clientId', 'abc');
    expect(open().get('clientId')).toBe('abc');
    expect(problems).toEqual([]);
  });

  it('resets only the invalid values of a hand-edited file, keeping the rest and the bookkeeping', async () => {
    await writeFile(
      tmp.file,
      JSON.stringify({
        clientId: 'abc',
        mediaKeys: 'yes',
        shortcuts: { next: 'Alt+N', previous: 'Ctrl+←' },
        __internal__: { migrations: { version: APP_VERSION } },
      }),
    );
    const store = open();
    expect(store.get('clientId')).toBe('abc');
    expect(store.get('mediaKeys')).toBe(true);
    expect(store.get('shortcuts')).toEqual({ ...DEFAULT_SETTINGS.shortcuts, next: 'Alt+N' });
    expect(problems).toEqual(['Settings reset to their defaults: mediaKeys, shortcuts.previous.']);
    const onDisk = JSON.parse(await readFile(tmp.file, 'utf8')) as Record<string, unknown>;
    expect(onDisk['__internal__']).toEqual({ migrations: { version: APP_VERSION } });
  });

  it('sets a file that is not JSON aside and starts from the defaults', async () => {
    await writeFile(tmp.file, '{"clientId": "abc",');
    const store = open();
    expect({ ...store.store }).toEqual(DEFAULT_SETTINGS);
    expect((await readdir(tmp.dir)).sort()).toEqual(['settings.json', 'settings.json.corrupt']);
    expect(problems[0]).toMatch(/could not be read/);
  });

  it('throws what it cannot repair', () => {
    expect(() =>
      openSettingsStore({
        create: () => {
          throw new Error('EACCES: permission denied');
        },
        path: tmp.file,
      }),
    ).toThrow(/EACCES/);
  });
});
