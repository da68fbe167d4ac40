import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, unlink } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { TokenCacheError } from '../errors.ts';
import type { TokenCache } from '../token-cache.ts';
import type { StoredGrant } from '../token.ts';
import { parseStoredGrant, serializeStoredGrant } from './stored-grant.ts';

const FILE_MODE = 0o600;
const DIR_MODE = 0o700;
const isPosix = process.platform !== 'win32';

/**
 * Keeps the grant in a JSON file readable only by its owner: for scripts and the harness, not the app.
 * Writes are atomic (temp file in the same directory, fsync, rename), so a crash never leaves half a file.
 * A crash mid-save can leave the temp file, which holds a refresh token: the first load removes those
 * of processes that are gone, and clear (sign-out) removes them all.
 */
export class FileTokenCache implements TokenCache {
  readonly path: string;
  #sweptAtStart = false;

  constructor(path: string) {
    this.path = resolve(path);
  }

  async load(): Promise<StoredGrant | null> {
    if (!this.#sweptAtStart) {
      this.#sweptAtStart = true;
      // Another live process may be mid-save: only the temp files of dead processes are left-overs.
      await this.#removeTempFiles((pid) => pid !== process.pid && !processAlive(pid));
    }
    let handle: FileHandle;
    try {
      handle = await open(this.path, 'r');
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') return null;
      throw this.#ioError('read', error);
    }
    let text: string;
    try {
      // Tighten a file that was created or copied with looser permissions.
      if (isPosix && ((await handle.stat()).mode & 0o077) !== 0) await handle.chmod(FILE_MODE);
      text = await handle.readFile('utf8');
    } catch (error) {
      throw this.#ioError('read', error);
    } finally {
      await handle.close();
    }
    const parsed = parseStoredGrant(text);
    if (!parsed.ok) {
      throw new TokenCacheError(
        `The saved sign-in in ${this.path} is damaged (${parsed.problem}). ` +
          'Delete that file and sign in again.',
      );
    }
    return parsed.grant;
  }

  async save(grant: StoredGrant): Promise<void> {
    const dir = dirname(this.path);
    const temp = join(dir, `${this.#tempPrefix()}${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await mkdir(dir, { recursive: true, mode: DIR_MODE });
      const handle = await open(temp, 'wx', FILE_MODE);
      try {
        await handle.writeFile(serializeStoredGrant(grant), 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, this.path);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw this.#ioError('write', error);
    }
    await syncDirectory(dir);
  }

  async clear(): Promise<void> {
    try {
      await rm(this.path, { force: true });
    } catch (error) {
      throw this.#ioError('delete', error);
    }
    // Signing out leaves no copy of the token behind, not even a crashed save's.
    await this.#removeTempFiles(() => true);
  }

  /** `.spotify.json.` for `spotify.json`: temp files are `<prefix><pid>.<random>.tmp`. */
  #tempPrefix(): string {
    return `.${basename(this.path)}.`;
  }

  async #removeTempFiles(shouldRemove: (pid: number) => boolean): Promise<void> {
    const dir = dirname(this.path);
    const prefix = this.#tempPrefix();
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') return;
      throw this.#ioError('delete', error);
    }
    for (const name of names) {
      if (!name.startsWith(prefix)) continue;
      const match = /^(\d+)\.[0-9a-f]+\.tmp$/.exec(name.slice(prefix.length));
      if (!match || !shouldRemove(Number(match[1]))) continue;
      try {
        await rm(join(dir, name), { force: true });
      } catch (error) {
        throw new TokenCacheError(
          `Could not remove the left-over sign-in file ${join(dir, name)}${errnoCode(error) ? ` (${errnoCode(error)})` : ''}. ` +
            'Delete it by hand: it may hold a Spotify sign-in.',
          { cause: error },
        );
      }
    }
  }

  #ioError(action: 'read' | 'write' | 'delete', error: unknown): TokenCacheError {
    const code = errnoCode(error);
    return new TokenCacheError(
      `Could not ${action} the saved sign-in file ${this.path}${code ? ` (${code})` : ''}. ` +
        'Check that the file and its folder belong to you, or delete the file and sign in again.',
      { cause: error },
    );
  }
}

/** Whether a process with this id exists (EPERM: it does, but belongs to someone else). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errnoCode(error) === 'EPERM';
  }
}

function errnoCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return undefined;
}

/** Makes the rename durable. Best effort: some platforms (Windows) cannot open or fsync a directory. */
async function syncDirectory(dir: string): Promise<void> {
  if (!isPosix) return;
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // The file is already in place; durability of the directory entry is all that is lost.
  }
}
