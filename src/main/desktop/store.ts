import { app } from 'electron';
import ElectronStore from 'electron-store';
import { join } from 'node:path';
import type { SettingsStore } from '../app/settings-store.ts';
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
export function createSettingsStore(): SettingsStore {
  const onRepair = (problem: string) => console.warn(`[settings] ${problem}`);
  const store = openSettingsStore({
    create: () =>
      new ElectronStore<Settings>({
        name: SETTINGS_FILE_NAME,
        ...settingsStoreOptions(app.getVersion()),
        watch: true,
      }),
    path: join(app.getPath('userData'), `${SETTINGS_FILE_NAME}.json`),
    onRepair,
  });
  return new ConfSettingsStore(store, { onRepair });
}
