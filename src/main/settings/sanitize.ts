import {
  DEFAULT_SETTINGS,
  SHORTCUT_ACTIONS,
  settingsSchema,
  shortcutsSchema,
  type Settings,
} from '../../shared/settings.ts';

/**
 * Keys that look like a credential. The settings file never holds one (the refresh token lives in the OS
 * keychain), so such a key is dropped wherever it appears, even under a name the schema might one day use.
 */
const SECRET_KEY = /token|secret|password|credential|verifier|cookie/i;

export function looksLikeSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

export interface SanitizeResult {
  readonly settings: Settings;
  /** Keys (never values) that were dropped or reset to their default, e.g. `refreshToken`, `shortcuts.next`. */
  readonly dropped: readonly string[];
}

/**
 * Makes a complete, valid Settings object out of whatever a file held: unknown and secret-looking keys are
 * dropped, a missing or invalid value falls back to its value in `fallback` (the defaults, or the last good
 * settings), key by key, so one bad value does not cost the user every other setting.
 */
export function sanitizeSettingsReport(raw: unknown, fallback: Settings = DEFAULT_SETTINGS): SanitizeResult {
  const source = isRecord(raw) ? raw : {};
  const dropped: string[] = [];
  const out: Record<string, unknown> = {};
  const fields = settingsSchema.shape;

  for (const key of Object.keys(source)) {
    if (!(key in fields) || looksLikeSecretKey(key)) dropped.push(key);
  }
  for (const key of Object.keys(fields) as (keyof Settings)[]) {
    if (key === 'shortcuts') continue;
    if (!(key in source)) {
      out[key] = fallback[key];
      continue;
    }
    const parsed = fields[key].safeParse(source[key]);
    if (parsed.success) out[key] = parsed.data;
    else {
      out[key] = fallback[key];
      dropped.push(key);
    }
  }
  out['shortcuts'] = sanitizeShortcuts(source['shortcuts'], dropped, fallback.shortcuts);

  return { settings: settingsSchema.parse(out), dropped };
}

/** sanitizeSettingsReport without the report. */
export function sanitizeSettings(raw: unknown, fallback?: Settings): Settings {
  return sanitizeSettingsReport(raw, fallback).settings;
}

function sanitizeShortcuts(
  raw: unknown,
  dropped: string[],
  fallback: Settings['shortcuts'],
): Settings['shortcuts'] {
  const source = isRecord(raw) ? raw : {};
  if (raw !== undefined && !isRecord(raw)) dropped.push('shortcuts');
  const fields = shortcutsSchema.shape;
  for (const key of Object.keys(source)) {
    if (!(key in fields)) dropped.push(`shortcuts.${key}`);
  }
  const out = { ...fallback };
  for (const action of SHORTCUT_ACTIONS) {
    if (!(action in source)) continue;
    const parsed = fields[action].safeParse(source[action]);
    if (parsed.success) out[action] = parsed.data;
    else dropped.push(`shortcuts.${action}`);
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
