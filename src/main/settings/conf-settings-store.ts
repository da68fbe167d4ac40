import type { SettingsListener, SettingsStore } from '../app/settings-store.ts';
import { settingsSchema, type Settings } from '../../shared/settings.ts';
import { sanitizeSettings } from './sanitize.ts';

/** The part of a conf / electron-store instance the adapter uses. */
export interface SettingsBackingStore {
  store: Settings;
  onDidAnyChange(callback: (newValue?: Readonly<Settings>) => void): () => void;
}

/** A change to some settings; `shortcuts` may name only the shortcuts it changes. */
export type SettingsUpdate = Partial<Omit<Settings, 'shortcuts'>> & {
  readonly shortcuts?: Partial<Settings['shortcuts']> | undefined;
};

/**
 * The app's SettingsStore over a conf or electron-store instance. An update is merged (keys set to
 * `undefined` are ignored; `shortcuts` is merged one level deeper), validated with the zod schema, so a
 * bad value is refused with a readable error before it reaches the file, and written whole (one change).
 * Listeners hear about every change the store sees, including one another process made to the file
 * when the store watches it.
 */
export class ConfSettingsStore implements SettingsStore {
  readonly #backing: SettingsBackingStore;

  constructor(backing: SettingsBackingStore) {
    this.#backing = backing;
  }

  get(): Settings {
    return sanitizeSettings(this.#backing.store);
  }

  update(patch: SettingsUpdate): Settings {
    const current = this.get();
    const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
    const next = settingsSchema.strict().parse({
      ...current,
      ...defined,
      shortcuts: { ...current.shortcuts, ...definedOnly(patch.shortcuts ?? {}) },
    });
    // An unchanged write would still fire a change (and re-register shortcuts, move windows…).
    if (JSON.stringify(next) !== JSON.stringify(current)) this.#backing.store = next;
    return this.get();
  }

  onChange(listener: SettingsListener): () => void {
    return this.#backing.onDidAnyChange((value) => {
      try {
        listener(sanitizeSettings(value));
      } catch (error) {
        // conf calls listeners inside its write: a broken listener must not fail the write.
        console.error('[settings] change listener failed:', error);
      }
    });
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
