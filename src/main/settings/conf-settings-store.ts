import { definedOnly, freezeSettings, type SettingsListener, type SettingsStore } from './settings-store.ts';
import { settingsSchema, type Settings } from '../../shared/settings.ts';
import { sanitizeSettingsReport } from './sanitize.ts';

/** The part of a conf / electron-store instance the adapter uses. */
export interface SettingsBackingStore {
  store: Settings;
  onDidAnyChange(callback: (newValue?: Readonly<Settings>) => void): () => void;
}

/** A change to some settings; `shortcuts` may name only the shortcuts it changes. */
export type SettingsUpdate = Partial<Omit<Settings, 'shortcuts'>> & {
  readonly shortcuts?: Partial<Settings['shortcuts']> | undefined;
};

export interface ConfSettingsStoreOptions {
  /** Told which keys (never values) of a changed file were refused and kept at their last good value. */
  readonly onRepair?: (problem: string) => void;
}

/**
 * The app's SettingsStore over a conf or electron-store instance. The settings are read and sanitized
 * once, kept in memory, and refreshed from the store's change event (this store's writes, and edits another
 * process made to the file when the store watches it), so `get()` never touches the disk: the app reads the
 * settings on every state emission and tray refresh.
 *
 * An update is merged onto the settings in memory (keys set to `undefined` are ignored; `shortcuts` is
 * merged one level deeper), validated with the zod schema, so a bad value is refused with a readable error
 * before it reaches the file, and written whole (one change). So an outside edit the store did not report
 * (it does not watch the file) is written over by the next update. A bad edit of the file never makes
 * `get()` throw: a value that cannot be used keeps its last good value (reported through `onRepair`, and
 * the file is rewritten with the repaired settings); a file conf cannot read at all is not reported by
 * conf, so the last good settings stay until the next update writes a whole, valid file over it.
 */
export class ConfSettingsStore implements SettingsStore {
  readonly #backing: SettingsBackingStore;
  readonly #onRepair: (problem: string) => void;
  readonly #listeners = new Set<SettingsListener>();
  #settings: Settings;
  #key: string;

  constructor(backing: SettingsBackingStore, options: ConfSettingsStoreOptions = {}) {
    this.#backing = backing;
    this.#onRepair = options.onRepair ?? ((problem) => console.warn(`[settings] ${problem}`));
    this.#settings = freezeSettings(sanitizeSettingsReport(backing.store).settings);
    this.#key = JSON.stringify(this.#settings);
    // Registered for the store's lifetime: the cache must follow every change, listeners or not.
    backing.onDidAnyChange((value) => this.#changed(value));
  }

  get(): Settings {
    return this.#settings;
  }

  update(patch: SettingsUpdate): Settings {
    const current = this.#settings;
    const next = settingsSchema.strict().parse({
      ...current,
      ...definedOnly(patch),
      shortcuts: { ...current.shortcuts, ...definedOnly(patch.shortcuts ?? {}) },
    });
    // An unchanged write would still fire a change (and re-register shortcuts, move windows…).
    if (JSON.stringify(next) !== JSON.stringify(current)) this.#backing.store = next;
    // The change event has normally adopted it already; this covers a store that did not report it.
    this.#adopt(next);
    return this.#settings;
  }

  onChange(listener: SettingsListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  #changed(value: Readonly<Settings> | undefined): void {
    const { settings, dropped } = sanitizeSettingsReport(value, this.#settings);
    if (dropped.length > 0) {
      this.#onRepair(
        `The settings file held values Traytune cannot use; kept the last good: ${dropped.join(', ')}.`,
      );
    }
    this.#adopt(settings);
    if (dropped.length > 0) this.#repairFile(settings);
  }

  /** Rewrites the file with the repaired settings (its change event then finds nothing left to repair). */
  #repairFile(settings: Settings): void {
    try {
      this.#backing.store = settings;
    } catch (error) {
      this.#onRepair(
        `The repaired settings could not be written: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  #adopt(settings: Settings): void {
    const key = JSON.stringify(settings);
    if (key === this.#key) return;
    this.#settings = freezeSettings(settings);
    this.#key = key;
    for (const listener of [...this.#listeners]) {
      try {
        listener(this.#settings);
      } catch (error) {
        // conf calls listeners inside its write: a broken listener must not fail the write (or the others).
        console.error('[settings] change listener failed:', error);
      }
    }
  }
}
