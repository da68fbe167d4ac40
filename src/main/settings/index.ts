/** Settings persistence: JSON schema, migrations, sanitizing, store options and the SettingsStore adapter. */
export { ConfSettingsStore, type SettingsBackingStore, type SettingsUpdate } from './conf-settings-store.ts';
export {
  SETTINGS_MIGRATIONS,
  confMigrations,
  migrateToOptInShortcuts,
  migrateV1ToV2,
  V0_1_DEFAULT_SHORTCUTS,
  type MigratableStore,
  type SettingsMigration,
  type SettingsV1,
} from './migrations.ts';
export { openSettingsStore, type OpenSettingsStoreOptions } from './open-store.ts';
export {
  looksLikeSecretKey,
  sanitizeSettings,
  sanitizeSettingsReport,
  type SanitizeResult,
} from './sanitize.ts';
export { SETTINGS_JSON_SCHEMA, SETTINGS_ROOT_SCHEMA } from './schema.ts';
export { SETTINGS_FILE_NAME, settingsStoreOptions } from './store-options.ts';
