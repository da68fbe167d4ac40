import { readFile, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ConfSettingsStore,
  type SettingsBackingStore,
} from '../../../src/main/settings/conf-settings-store.ts';
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

/** The real conf store, counting how often its `store` is read (each read goes to the file). */
function countingBacking(conf: SettingsBackingStore): SettingsBackingStore & { reads: number } {
  const backing = {
    reads: 0,
    get store() {
      backing.reads++;
      return conf.store;
    },
    set store(value: Settings) {
      conf.store = value;
    },
    onDidAnyChange: (callback: (value?: Readonly<Settings>) => void) => conf.onDidAnyChange(callback),
  };
  return backing;
}

/** A stand-in for conf whose change events (an edit another process made) the test sends itself. */
class FakeBacking implements SettingsBackingStore {
  #store: Settings;
  readonly #listeners = new Set<(value?: Readonly<Settings>) => void>();
  writes: Settings[] = [];
  constructor(initial: Settings) {
    this.#store = initial;
  }
  get store(): Settings {
    return this.#store;
  }
  set store(value: Settings) {
    this.#store = value;
    this.writes.push(value);
    this.emit(value);
  }
  /** The file changed underneath (conf reports it only when it could read and validate it). */
  edit(value: unknown): void {
    this.#store = value as Settings;
    this.emit(this.#store);
  }
  emit(value: Settings): void {
    for (const listener of [...this.#listeners]) listener(value);
  }
  onDidAnyChange(callback: (value?: Readonly<Settings>) => void): () => void {
    this.#listeners.add(callback);
    return () => this.#listeners.delete(callback);
  }
}

describe('ConfSettingsStore keeps the settings in memory', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    tmp = await tempDir();
  });
  afterEach(async () => {
    await tmp.remove();
  });

  it('reads the file once, not on every get', () => {
    const backing = countingBacking(openConf(tmp.dir));
    const store = new ConfSettingsStore(backing);
    const reads = backing.reads;
    for (let i = 0; i < 1_000; i++) store.get();
    expect(backing.reads).toBe(reads);
    expect(store.get()).toBe(store.get());
    expect(Object.isFrozen(store.get().shortcuts)).toBe(true);
  });

  it('does not see an unreported edit of the file; the next update writes the settings over it', async () => {
    const store = new ConfSettingsStore(openConf(tmp.dir));
    store.update({ pinned: true });
    const onDisk = JSON.parse(await readFile(tmp.file, 'utf8')) as Record<string, unknown>;
    await writeFile(tmp.file, JSON.stringify({ ...onDisk, alwaysOnTop: true }));
    // No watcher in the tests: conf reports nothing, and get() answers from memory.
    expect(store.get()).toMatchObject({ pinned: true, alwaysOnTop: false });
    const seen: Settings[] = [];
    store.onChange((s) => seen.push(s));
    expect(store.update({ mediaKeys: false })).toMatchObject({
      pinned: true,
      alwaysOnTop: false,
      mediaKeys: false,
    });
    expect(seen).toEqual([store.get()]);
    expect(JSON.parse(await readFile(tmp.file, 'utf8'))).toMatchObject({
      alwaysOnTop: false,
      mediaKeys: false,
    });
  });

  it('writes a valid file over one conf refuses, keeping the last good settings meanwhile', async () => {
    const store = new ConfSettingsStore(openConf(tmp.dir));
    store.update({ pinned: true });
    await writeFile(tmp.file, '{ "pinned": "yes please", ');
    expect(store.get().pinned).toBe(true);
    expect(store.update({ alwaysOnTop: true })).toMatchObject({ pinned: true, alwaysOnTop: true });
    expect(JSON.parse(await readFile(tmp.file, 'utf8'))).toMatchObject({ pinned: true, alwaysOnTop: true });
    expect(new ConfSettingsStore(openConf(tmp.dir)).get()).toEqual(store.get());
  });

  it('follows an outside change reported by the store, telling listeners once', () => {
    const backing = new FakeBacking(DEFAULT_SETTINGS);
    const store = new ConfSettingsStore(backing);
    const seen: Settings[] = [];
    store.onChange((s) => seen.push(s));
    backing.edit({ ...DEFAULT_SETTINGS, alwaysOnTop: true });
    expect(store.get().alwaysOnTop).toBe(true);
    expect(seen).toEqual([store.get()]);
    // The same content again is no change.
    backing.edit({ ...DEFAULT_SETTINGS, alwaysOnTop: true });
    expect(seen).toHaveLength(1);
    expect(backing.writes).toEqual([]);
  });

  it('keeps the last good value of a bad outside edit, logs the key and repairs the file', () => {
    const backing = new FakeBacking({ ...DEFAULT_SETTINGS, pinned: true });
    const problems: string[] = [];
    const store = new ConfSettingsStore(backing, { onRepair: (problem) => problems.push(problem) });
    backing.edit({
      ...DEFAULT_SETTINGS,
      pinned: 'yes please',
      alwaysOnTop: true,
      shortcuts: { ...DEFAULT_SETTINGS.shortcuts, next: 'Ctrl+→' },
    });
    expect(() => store.get()).not.toThrow();
    expect(store.get()).toMatchObject({ pinned: true, alwaysOnTop: true });
    expect(store.get().shortcuts.next).toBe(DEFAULT_SETTINGS.shortcuts.next);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/pinned, shortcuts\.next/);
    expect(problems[0]).not.toMatch(/yes please/);
    expect(backing.writes).toEqual([store.get()]);
  });
});
