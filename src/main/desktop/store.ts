import { app } from 'electron';
import ElectronStore from 'electron-store';
import { join } from 'node:path';
import type { SettingsStore } from '../settings/settings-store.ts';
import {
  ConfSettingsStore,
  SETTINGS_FILE_NAME,
  openSettingsStore,
  settingsStoreOptions,
} from '../settings/index.ts';
import type { Settings } from '../../shared/settings.ts';

/**
 * The settings file (`<userData>/settings.json`): electron-store with the schema, defaults and migrations
 * of src/main/settings (the tests run the same options through plain conf). Call after `app` is ready.
 * The store watches the file, so an edit made while Traytune runs reaches the settings kept in memory.
 */
export interface DesktopSettings {
  readonly store: SettingsStore;
  /** Stops watching the file (quit): its poller and debounce timer would outlive the app otherwise. */
  readonly close: () => void;
}

export function createSettingsStore(): DesktopSettings {
  const onRepair = (problem: string) => console.warn(`[settings] ${problem}`);
  const opened: ElectronStore<Settings>[] = [];
  const store = openSettingsStore({
    create: () => {
      const created = new ElectronStore<Settings>({
        name: SETTINGS_FILE_NAME,
        ...settingsStoreOptions(app.getVersion()),
        watch: true,
      });
      opened.push(created);
      return created;
    },
    path: join(app.getPath('userData'), `${SETTINGS_FILE_NAME}.json`),
    onRepair,
  });
  return {
    store: new ConfSettingsStore(store, { onRepair }),
    close: () => {
      for (const each of opened) each._closeWatcher();
    },
  };
}
