import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileTokenCache } from '../../../../src/main/auth/caches/file.ts';
import { TokenCacheError } from '../../../../src/main/auth/errors.ts';
import type { StoredGrant } from '../../../../src/main/auth/token.ts';

const posix = process.platform !== 'win32';
const SECRET = 'refresh-FILE-SECRET-42';
const grant: StoredGrant = {
  clientId: 'client-file',
  refreshToken: SECRET,
  scopes: ['user-read-playback-state', 'user-modify-playback-state'],
  authorizedAt: 1_700_000_000_000,
};

/** Every message and cause in the chain, to check none quotes the file's content. */
function errorText(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error; e instanceof Error; e = e.cause) parts.push(e.message, String(e.stack));
  return parts.join('\n');
}

async function loadError(cache: FileTokenCache): Promise<unknown> {
  return cache.load().then(
    () => {
      throw new Error('load should have failed');
    },
    (error: unknown) => error,
  );
}

describe('FileTokenCache', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'traytune-file-cache-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('resolves null when the file does not exist, and clear tolerates that', async () => {
    const cache = new FileTokenCache(join(dir, 'missing.json'));
    expect(await cache.load()).toBeNull();
    await cache.clear();
  });

  it('round-trips a grant as exactly the StoredGrant JSON, then clear removes the file', async () => {
    const path = join(dir, 'grant.json');
    const cache = new FileTokenCache(path);
    await cache.save({ ...grant, accessToken: 'access-NOT-STORED' } as StoredGrant);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(grant);
    expect(await readFile(path, 'utf8')).not.toContain('access-NOT-STORED');
    expect(await cache.load()).toEqual(grant);
    await cache.clear();
    expect(await readdir(dir)).toEqual([]);
    expect(await cache.load()).toBeNull();
  });

  it.skipIf(!posix)('writes the file with mode 0600', async () => {
    const path = join(dir, 'grant.json');
    await new FileTokenCache(path).save(grant);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('creates missing directories (0700 on POSIX)', async () => {
    const path = join(dir, 'a', 'b', 'grant.json');
    await new FileTokenCache(path).save(grant);
    expect(await new FileTokenCache(path).load()).toEqual(grant);
    if (posix) {
      expect((await stat(join(dir, 'a'))).mode & 0o777).toBe(0o700);
      expect((await stat(join(dir, 'a', 'b'))).mode & 0o777).toBe(0o700);
    }
  });

  it('writes atomically: replacing a grant leaves no temporary files behind', async () => {
    const path = join(dir, 'grant.json');
    const cache = new FileTokenCache(path);
    await cache.save(grant);
    await Promise.all([
      cache.save({ ...grant, refreshToken: 'refresh-2' }),
      cache.save({ ...grant, refreshToken: 'refresh-3' }),
    ]);
    expect(await readdir(dir)).toEqual(['grant.json']);
    expect(['refresh-2', 'refresh-3']).toContain((await cache.load())?.refreshToken);
  });

  it('cleans up its temporary file when the write fails', async () => {
    const path = join(dir, 'grant.json');
    await mkdir(path); // rename onto a directory fails
    const error = await new FileTokenCache(path).save(grant).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenCacheError);
    expect((error as Error).message).toContain(path);
    expect(await readdir(dir)).toEqual(['grant.json']);
    expect(errorText(error)).not.toContain(SECRET);
  });

  it.skipIf(!posix)('tightens an existing file with looser permissions on load', async () => {
    const path = join(dir, 'grant.json');
    await writeFile(path, JSON.stringify(grant));
    await chmod(path, 0o644);
    expect(await new FileTokenCache(path).load()).toEqual(grant);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it.each([
    ['not JSON', `{"refreshToken": "${SECRET}"`],
    ['empty', ''],
    ['wrong shape', JSON.stringify({ ...grant, scopes: 'all', authorizedAt: 'yesterday' })],
    ['missing refresh token', JSON.stringify({ ...grant, refreshToken: undefined })],
    ['an array', JSON.stringify([grant])],
  ])('a corrupt file (%s) is a TokenCacheError naming the file, quoting nothing', async (_label, content) => {
    const path = join(dir, 'grant.json');
    await writeFile(path, content, { mode: 0o600 });
    const error = await loadError(new FileTokenCache(path));
    expect(error).toBeInstanceOf(TokenCacheError);
    expect((error as TokenCacheError).code).toBe('token-cache');
    expect((error as Error).message).toContain(path);
    expect((error as Error).message).toMatch(/delete that file and sign in again/i);
    expect(errorText(error)).not.toContain(SECRET);
    expect((error as Error).cause).toBeUndefined();
  });

  it('names the invalid fields of a wrong shape', async () => {
    const path = join(dir, 'grant.json');
    await writeFile(path, JSON.stringify({ ...grant, scopes: 'all' }));
    const error = await loadError(new FileTokenCache(path));
    expect((error as Error).message).toContain('scopes');
  });

  it('reports an unreadable path (a directory) as a TokenCacheError', async () => {
    const error = await loadError(new FileTokenCache(dir));
    expect(error).toBeInstanceOf(TokenCacheError);
    expect((error as Error).message).toContain(dir);
  });
});
