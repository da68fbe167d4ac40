/** Settings persistence: JSON schema, migrations, sanitizing, store options and the SettingsStore adapter. */
export { ConfSettingsStore } from './conf-settings-store.ts';
export { openSettingsStore } from './open-store.ts';
export { SETTINGS_FILE_NAME, settingsStoreOptions } from './store-options.ts';
