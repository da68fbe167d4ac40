import { readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import {
  RequestCountsError,
  requestCountsSchema,
  type RequestCounts,
  type RequestCountsStore,
} from '../spotify/request-budget.ts';

/** The file's name in the app's user-data directory. */
export const REQUEST_COUNTS_FILE_NAME = 'request-counts.json';

/**
 * The request budget's counts in a small JSON file of their own (`<userData>/request-counts.json`), not
 * in the settings: they change every few seconds while the player polls, and a settings write would
 * re-apply shortcuts and move windows each time. It holds per-minute counts only: no request, token or
 * account. Read once at start (synchronously: a few kilobytes), written asynchronously through a temporary
 * file and a rename, so a crash mid-write leaves the last whole file.
 */
export class RequestCountsFile implements RequestCountsStore {
  readonly path: string;

  constructor(path: string) {
    this.path = path;
  }

  load(): RequestCounts | null {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if (codeOf(error) === 'ENOENT') return null;
      throw new RequestCountsError(
        'unreadable',
        `Traytune could not read ${this.path} (${codeOf(error) ?? 'unknown error'}), so today’s request ` +
          'count starts from zero. Check that the file can be read.',
        { cause: error },
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw this.#damaged();
    }
    const counts = requestCountsSchema.safeParse(parsed);
    if (!counts.success) throw this.#damaged();
    return counts.data;
  }

  async save(counts: RequestCounts): Promise<void> {
    const temporary = `${this.path}.tmp`;
    try {
      await writeFile(temporary, JSON.stringify(counts), { mode: 0o600 });
      await rename(temporary, this.path);
    } catch (error) {
      throw new RequestCountsError(
        'write-failed',
        `Traytune could not save its request counts to ${this.path} (${codeOf(error) ?? 'unknown error'}). ` +
          'Check that the folder is writable; until then a restart starts today’s count from zero.',
        { cause: error },
      );
    }
  }

  #damaged(): RequestCountsError {
    return new RequestCountsError(
      'unreadable',
      `${this.path} is damaged, so today’s request count starts from zero. It is rewritten with the next count.`,
    );
  }
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
