/**
 * What the app asked of Electron, in order: the boot tests read it (through control.ts) to check calls
 * that leave no other trace, such as `shell.openExternal` or `app.setDesktopName`.
 */
export interface JournalEntry {
  readonly api: string;
  readonly args: readonly unknown[];
}

const entries: JournalEntry[] = [];

export function record(api: string, ...args: unknown[]): void {
  entries.push({ api, args: args.map(plain) });
}

export function journal(): readonly JournalEntry[] {
  return entries;
}

/** Only JSON-safe values go into the journal (it crosses the process boundary). */
function plain(value: unknown): unknown {
  if (value === undefined || typeof value === 'function') return null;
  try {
    return JSON.parse(JSON.stringify(value)) as unknown;
  } catch {
    return Object.prototype.toString.call(value);
  }
}
