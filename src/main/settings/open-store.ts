import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { sanitizeSettingsReport } from './sanitize.ts';

/** conf's key for its migration bookkeeping; kept when a file is repaired so migrations do not run again. */
const INTERNAL_KEY = '__internal__';

export interface OpenSettingsStoreOptions<S> {
  /** Builds the store (electron-store in the app, conf in tests); throws on a file it cannot accept. */
  readonly create: () => S;
  /** The file `create` reads. */
  readonly path: string;
  /** Told which keys (never values) were reset, or that the file was unreadable and set aside. */
  readonly onRepair?: (problem: string) => void;
}

/**
 * Opens the settings store, repairing the file once if the store refuses it: a value the schema rejects (a
 * hand edit, a bad write) is reset to its default and every other setting is kept; a file that is not JSON
 * is renamed to `<name>.corrupt` and the store starts fresh. Anything else is thrown.
 */
export function openSettingsStore<S>(options: OpenSettingsStoreOptions<S>): S {
  try {
    return options.create();
  } catch (error) {
    if (!isRepairable(error)) throw error;
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(options.path, 'utf8'));
  } catch {
    renameSync(options.path, `${options.path}.corrupt`);
    options.onRepair?.(`The settings file could not be read; it was kept as ${options.path}.corrupt.`);
    return options.create();
  }

  const record = isRecord(parsed) ? parsed : {};
  const { [INTERNAL_KEY]: internal, ...rest } = record;
  const { settings, dropped } = sanitizeSettingsReport(rest);
  const repaired = internal === undefined ? settings : { ...settings, [INTERNAL_KEY]: internal };
  writeFileSync(options.path, JSON.stringify(repaired, null, '\t'), { mode: 0o600 });
  options.onRepair?.(`Settings reset to their defaults: ${dropped.join(', ') || 'none'}.`);
  return options.create();
}

function isRepairable(error: unknown): boolean {
  if (error instanceof SyntaxError) return true;
  return error instanceof Error && error.message.startsWith('Config schema violation');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
