import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileTokenCache } from '../../../../src/main/auth/caches/file.ts';
import { serializeStoredGrant } from '../../../../src/main/auth/caches/stored-grant.ts';
import type { StoredGrant } from '../../../../src/main/auth/token.ts';

const grant: StoredGrant = {
  clientId: 'client-file',
  refreshToken: 'refresh-LEFT-BEHIND-0123456789',
  scopes: ['user-read-playback-state'],
  authorizedAt: 1_700_000_000_000,
};

/** The pid of a process that ran and is gone, as a crashed Traytune's would be. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await once(child, 'exit');
  return child.pid!;
}

describe('FileTokenCache temporary files left by a crash mid-save', () => {
  let dir: string;
  let path: string;
  let live: ReturnType<typeof spawn> | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'traytune-file-temp-'));
    path = join(dir, 'grant.json');
  });
  afterEach(async () => {
    live?.kill();
    live = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  /** Writes a temp file as save() names it, holding a refresh token, as if its writer crashed. */
  async function leaveTempFile(pid: number): Promise<string> {
    const name = `.grant.json.${pid}.a1b2c3d4e5f6.tmp`;
    await writeFile(join(dir, name), serializeStoredGrant(grant), { mode: 0o600 });
    return name;
  }

  it('the first load removes those of dead processes, keeps a live writer’s and unrelated files', async () => {
    const crashed = await leaveTempFile(await deadPid());
    live = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    const inFlight = await leaveTempFile(live.pid!);
    await writeFile(join(dir, 'notes.txt'), 'mine');
    await new FileTokenCache(path).save({ ...grant, refreshToken: 'refresh-current' });
    expect((await readdir(dir)).sort()).toEqual([crashed, inFlight, 'grant.json', 'notes.txt'].sort());

    const cache = new FileTokenCache(path);
    expect((await cache.load())?.refreshToken).toBe('refresh-current');
    expect((await readdir(dir)).sort()).toEqual([inFlight, 'grant.json', 'notes.txt'].sort());
  });

  it('also when nothing else is stored', async () => {
    await leaveTempFile(await deadPid());
    expect(await new FileTokenCache(path).load()).toBeNull();
    expect(await readdir(dir)).toEqual([]);
  });

  it('sign-out (clear) removes every one of them with the grant', async () => {
    await leaveTempFile(await deadPid());
    await leaveTempFile(process.pid);
    const cache = new FileTokenCache(path);
    await cache.save(grant);
    await cache.clear();
    expect(await readdir(dir)).toEqual([]);
  });
});
