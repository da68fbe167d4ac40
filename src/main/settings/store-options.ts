import type { Options, Schema } from 'conf';
import type { Settings } from '../../shared/settings.ts';
import { confMigrations } from './migrations.ts';
import { SETTINGS_JSON_SCHEMA, SETTINGS_ROOT_SCHEMA } from './schema.ts';

/** The settings file's name (without `.json`) in the app's user-data directory. */
export const SETTINGS_FILE_NAME = 'settings';

/**
 * The options electron-store (desktop/store.ts) and the tests' plain conf store are both built with, so the
 * tests exercise the real schema, defaults and migrations.
 *
 * - Defaults come from the schema (`default` on every key, applied by ajv after migrations), not from the
 *   `defaults` option, so a migration sees only what the file held.
 * - `removeAdditional` with `additionalProperties: false` drops a key the schema does not name when the
 *   file is read or written: an old or hand-added key (a token included) never survives a write.
 * - An invalid value throws rather than clearing the file; openSettingsStore repairs it key by key.
 * - `cache`: conf keeps what it read until a write (or, with `watch`, a change to the file) drops it, so
 *   its change events and reads do not go to the disk each time. ConfSettingsStore keeps its own copy.
 */
export function settingsStoreOptions(projectVersion: string) {
  return {
    schema: SETTINGS_JSON_SCHEMA as Schema<Settings>,
    rootSchema: { ...SETTINGS_ROOT_SCHEMA },
    ajvOptions: { removeAdditional: true },
    projectVersion,
    migrations: confMigrations() as Options<Settings>['migrations'],
    clearInvalidConfig: false,
    cache: true,
  } satisfies Partial<Options<Settings>>;
}
