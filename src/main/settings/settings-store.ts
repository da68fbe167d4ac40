import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings.ts';

export type SettingsListener = (settings: Settings) => void;

/**
 * Where the user's settings live. The desktop implements it over electron-store; tests and the harness use
 * MemorySettingsStore. `update` is a shallow merge: callers merge nested objects (shortcuts) themselves.
 */
export interface SettingsStore {
  get(): Settings;
  /** Applies the patch, notifies listeners when something changed, and returns the new settings. */
  update(patch: Partial<Settings>): Settings;
  /** Called after every change. Returns the unsubscribe. */
  onChange(listener: SettingsListener): () => void;
}

/** Settings kept in memory, starting from the defaults (plus `initial`). */
export class MemorySettingsStore implements SettingsStore {
  #settings: Settings;
  readonly #listeners = new Set<SettingsListener>();

  constructor(initial: Partial<Settings> = {}) {
    this.#settings = freezeSettings({ ...DEFAULT_SETTINGS, ...definedOnly(initial) });
  }

  get(): Settings {
    return this.#settings;
  }

  update(patch: Partial<Settings>): Settings {
    const next = freezeSettings({ ...this.#settings, ...definedOnly(patch) });
    if (JSON.stringify(next) === JSON.stringify(this.#settings)) return this.#settings;
    this.#settings = next;
    for (const listener of [...this.#listeners]) {
      try {
        listener(next);
      } catch (error) {
        // One broken listener must not keep the others from hearing about the change.
        console.error('[settings] change listener failed:', error);
      }
    }
    return next;
  }

  onChange(listener: SettingsListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }
}

/** Drops keys whose value is `undefined`, so a partial patch never blanks a setting. */
export function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** A frozen copy (nested objects too): the settings handed out are shared, nobody may change them. */
export function freezeSettings(settings: Settings): Settings {
  return Object.freeze({
    ...settings,
    shortcuts: Object.freeze({ ...settings.shortcuts }),
    windowPosition: settings.windowPosition && Object.freeze({ ...settings.windowPosition }),
  });
}
