import type { Settings, ShortcutAction } from '../../shared/settings.ts';
import { sanitizeSettings } from './sanitize.ts';

/**
 * Settings migrations. electron-store (conf) keys migrations by the app version that introduced them and
 * runs, when the app starts, every one above the version recorded in the file and up to the running
 * version; a file with no recorded version (written before migrations existed) goes through all of them,
 * a file that does not exist yet through none. Each step is a pure function of the stored object, so it is
 * tested on its own and through a real conf store.
 */

export interface SettingsMigration {
  /** The app version (semver) the new shape shipped with. Must not exceed package.json's version. */
  readonly version: string;
  readonly description: string;
  readonly migrate: (stored: Readonly<Record<string, unknown>>) => Record<string, unknown>;
}

/**
 * The shape "settings version 1" had (builds before 0.1.0): flat shortcut fields, `hotkeysEnabled`, a
 * window position as two numbers, and the refresh token in the file itself.
 */
export interface SettingsV1 {
  clientId?: string | null;
  hotkeysEnabled?: boolean;
  shortcutPlayPause?: string;
  shortcutNext?: string;
  shortcutPrevious?: string;
  notifications?: boolean;
  launchAtLogin?: boolean;
  windowX?: number;
  windowY?: number;
  refreshToken?: string;
}

const V1_SHORTCUTS = {
  shortcutPlayPause: 'playPause',
  shortcutNext: 'next',
  shortcutPrevious: 'previous',
} as const;

const V1_RENAMES = {
  hotkeysEnabled: 'mediaKeys',
  notifications: 'notifyOnTrackChange',
  launchAtLogin: 'startAtLogin',
} as const;

/**
 * v1 → v2. A v2 key already present wins over its v1 counterpart (the step may meet a file a newer build
 * already touched). An empty v1 shortcut meant "not bound", now `null`. The v1 refresh token is dropped,
 * not moved to the keychain: that needs the async keychain and a client ID check, and one new sign-in is
 * the safe price for never keeping a token in the settings file again.
 */
export function migrateV1ToV2(stored: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...stored };
  for (const [from, to] of Object.entries(V1_RENAMES)) {
    if (from in out && !(to in stored)) out[to] = out[from];
    delete out[from];
  }

  const shortcuts: Record<string, unknown> = isRecord(stored['shortcuts']) ? { ...stored['shortcuts'] } : {};
  for (const [from, to] of Object.entries(V1_SHORTCUTS)) {
    const value = out[from];
    if (from in out && !(to in shortcuts)) shortcuts[to] = value === '' ? null : value;
    delete out[from];
  }
  if (Object.keys(shortcuts).length > 0) out['shortcuts'] = shortcuts;

  const { windowX: x, windowY: y } = out;
  if (typeof x === 'number' && typeof y === 'number' && !('windowPosition' in stored)) {
    out['windowPosition'] = { x: Math.round(x), y: Math.round(y) };
  }
  delete out['windowX'];
  delete out['windowY'];

  return sanitizeSettings(out);
}

/**
 * The shortcuts 0.1.0 bound by default. They took keys from everyone (AltGr is Ctrl+Alt on Windows, so
 * Ctrl+Alt+L and +S stopped Polish users typing ł and ś; IDEs and browsers use the arrows), so from 0.2.0
 * every shortcut but the media keys is opt-in.
 */
export const V0_1_DEFAULT_SHORTCUTS: Readonly<Record<ShortcutAction, string>> = {
  playPause: 'CommandOrControl+Alt+P',
  next: 'CommandOrControl+Alt+Right',
  previous: 'CommandOrControl+Alt+Left',
  toggleLike: 'CommandOrControl+Alt+L',
  volumeUp: 'CommandOrControl+Alt+Up',
  volumeDown: 'CommandOrControl+Alt+Down',
  showHide: 'CommandOrControl+Alt+S',
};

/**
 * 0.1.0 → 0.2.0: a shortcut still at its old default is unbound (null), one the user changed (or unbound)
 * is kept. A file cannot tell "left at the default" from "chose the same keys", so both are unbound: the
 * settings page then shows it off, and recording it again is one key press.
 */
export function migrateToOptInShortcuts(stored: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...stored };
  if (!isRecord(stored['shortcuts'])) return out;
  const shortcuts: Record<string, unknown> = { ...stored['shortcuts'] };
  for (const [action, old] of Object.entries(V0_1_DEFAULT_SHORTCUTS)) {
    if (shortcuts[action] === old) shortcuts[action] = null;
  }
  out['shortcuts'] = shortcuts;
  return out;
}

export const SETTINGS_MIGRATIONS: readonly SettingsMigration[] = [
  {
    version: '0.1.0',
    description: 'settings v1 → v2: nested shortcuts, mediaKeys, windowPosition; the token leaves the file',
    migrate: migrateV1ToV2,
  },
  {
    version: '0.2.0',
    description: 'shortcuts are opt-in: the ones still at the 0.1.0 defaults are unbound',
    migrate: migrateToOptInShortcuts,
  },
];

/** The part of a conf / electron-store instance a migration touches. */
export interface MigratableStore {
  store: Settings;
}

/** The table as conf's `migrations` option: each step rewrites the whole store. */
export function confMigrations(
  table: readonly SettingsMigration[] = SETTINGS_MIGRATIONS,
): Record<string, (store: MigratableStore) => void> {
  const out: Record<string, (store: MigratableStore) => void> = {};
  for (const step of table) {
    out[step.version] = (store) => {
      store.store = step.migrate(store.store) as Settings;
    };
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
