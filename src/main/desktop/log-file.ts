import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { app } from 'electron';
import { RotatingLog } from '../app/rotating-log.ts';

/** Past this size the log is moved to main.old.log and a new one is started (two files at most). */
const MAX_LOG_BYTES = 1024 * 1024;

/**
 * Copies the main process's console.info/warn/error lines into `<logs>/main.log` (app.getPath('logs')),
 * so users can send a log with a bug report. Only Traytune's own messages are written, and none of them
 * carries a token, code or verifier (the errors they print are built without secrets). The file is
 * rotated when it passes the limit, at start and during the run.
 */
export function startLogFile(): string {
  const dir = app.getPath('logs');
  const file = join(dir, 'main.log');
  let log: RotatingLog;
  try {
    mkdirSync(dir, { recursive: true });
    log = new RotatingLog({ file, oldFile: join(dir, 'main.old.log'), maxBytes: MAX_LOG_BYTES });
  } catch {
    return file; // No log folder: the console still works.
  }
  // The one place that replaces console methods: every other module just calls them.
  /* eslint-disable no-console */
  for (const level of ['info', 'warn', 'error'] as const) {
    const original = console[level].bind(console);
    console[level] = (...args: unknown[]) => {
      original(...args);
      log.write(`${new Date().toISOString()} ${level} ${format(...args)}\n`);
    };
  }
  /* eslint-enable no-console */
  return file;
}
