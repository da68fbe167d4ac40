import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfSettingsStore } from '../../../src/main/settings/conf-settings-store.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/shared/settings.ts';
import { openConf, tempDir } from './helpers.ts';

describe('ConfSettingsStore over a real conf store', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let store: ConfSettingsStore;
  beforeEach(async () => {
    tmp = await tempDir();
    store = new ConfSettingsStore(openConf(tmp.dir));
  });
  afterEach(async () => {
    await tmp.remove();
  });

  it('reads the defaults', () => {
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
  });

  it('merges a patch (shortcuts one level deeper), persists it and tells listeners once', async () => {
    const seen: Settings[] = [];
    const off = store.onChange((s) => seen.push(s));
    const next = store.update({ alwaysOnTop: true, shortcuts: { next: 'Alt+N' }, pinned: undefined });
    expect(next.alwaysOnTop).toBe(true);
    expect(next.pinned).toBe(false);
    expect(next.shortcuts).toEqual({ ...DEFAULT_SETTINGS.shortcuts, next: 'Alt+N' });
    expect(seen).toEqual([next]);
    expect(new ConfSettingsStore(openConf(tmp.dir)).get()).toEqual(next);
    expect(JSON.parse(await readFile(tmp.file, 'utf8'))).toMatchObject({ alwaysOnTop: true });
    off();
    store.update({ alwaysOnTop: false });
    expect(seen).toHaveLength(1);
  });

  it('does not write or notify when nothing changes', () => {
    const seen: Settings[] = [];
    store.onChange((s) => seen.push(s));
    store.update({ mediaKeys: true });
    expect(seen).toEqual([]);
  });

  it('refuses an invalid value before it reaches the file', () => {
    expect(() => store.update({ windowPosition: { x: 0.5, y: 1 } })).toThrow();
    expect(() => store.update({ shortcuts: { next: 'Ctrl+→' } })).toThrow();
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps notifying the others when one listener throws', () => {
    const seen: boolean[] = [];
    const original = console.error;
    console.error = () => {};
    try {
      store.onChange(() => {
        throw new Error('broken window');
      });
      store.onChange((s) => seen.push(s.pinned));
      store.update({ pinned: true });
    } finally {
      console.error = original;
    }
    expect(seen).toEqual([true]);
  });
});
