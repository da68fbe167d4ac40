import Conf from 'conf';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SETTINGS_FILE_NAME, settingsStoreOptions } from '../../../src/main/settings/store-options.ts';
import type { Settings } from '../../../src/shared/settings.ts';
import packageJson from '../../../package.json' with { type: 'json' };

/** The running app's version: a store opened with it has run every migration. */
export const APP_VERSION = packageJson.version;

/** A temp directory standing in for the app's user-data directory. */
export async function tempDir(): Promise<{ dir: string; file: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'traytune-settings-'));
  return {
    dir,
    file: join(dir, `${SETTINGS_FILE_NAME}.json`),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** A real conf store built with the options electron-store gets in the app. */
export function openConf(dir: string, projectVersion = APP_VERSION): Conf<Settings> {
  return new Conf<Settings>({
    cwd: dir,
    configName: SETTINGS_FILE_NAME,
    ...settingsStoreOptions(projectVersion),
  });
}
