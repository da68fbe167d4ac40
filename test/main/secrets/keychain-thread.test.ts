import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeychainUnavailableError } from '../../../src/main/auth/errors.ts';
import { KEYRING_ENTRY_OPTIONS, SystemKeychain } from '../../../src/main/secrets/keychain.ts';
import { keyringOnItsOwnThread } from '../../../src/main/secrets/keychain-thread.ts';
import { noteSkippedKeyringSuite, requireKeyring, skipKeyringTests } from '../../support/keyring-gate.ts';

const WORKER = new URL('../../../src/main/secrets/keyring-worker.ts', import.meta.url);
const SILENT_WORKER = new URL('./fixtures/silent-keyring-worker.ts', import.meta.url);
const INFLIGHT_CHILD = fileURLToPath(new URL('./fixtures/keychain-inflight-child.ts', import.meta.url));
const CHILD = fileURLToPath(new URL('./fixtures/keychain-thread-child.ts', import.meta.url));

noteSkippedKeyringSuite('the keychain on its own thread, against the OS keychain');

describe.skipIf(skipKeyringTests)('the keychain on its own thread, against the OS keychain', () => {
  it('stores, reads and deletes through the worker', async () => {
    requireKeyring();
    const keychain = new SystemKeychain({
      service: `Traytune-test-${randomUUID()}`,
      createEntry: keyringOnItsOwnThread(() => new Worker(WORKER)),
    });
    expect(await keychain.get('account')).toBeNull();
    await keychain.set('account', 'secret-value');
    expect(await keychain.get('account')).toBe('secret-value');
    expect(await keychain.delete('account')).toBe(true);
    expect(await keychain.delete('account')).toBe(false);
  });
});

describe('the keychain thread', () => {
  it('fails the calls in flight when it stops, and the next call starts a new one', async () => {
    const started: Worker[] = [];
    const factory = keyringOnItsOwnThread(() => {
      const worker = new Worker(SILENT_WORKER);
      started.push(worker);
      return worker;
    });
    const entry = await factory('Traytune-test', 'account', KEYRING_ENTRY_OPTIONS);
    const read = entry.getPassword();
    await started[0]!.terminate();
    await expect(read).rejects.toBeInstanceOf(KeychainUnavailableError);
    const again = entry.getPassword();
    expect(started).toHaveLength(2);
    await started[1]!.terminate();
    await expect(again).rejects.toThrow('the keychain thread stopped');
  });
});

describe('the keychain thread and the process', () => {
  it('holds the process while a call is in flight and lets it end once idle', async () => {
    const child = spawn(process.execPath, [INFLIGHT_CHILD], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect({ code, out: out.trim() }).toEqual({ code: 0, out: JSON.stringify({ value: 'late' }) });
  });
});

describe.skipIf(process.platform !== 'linux')('a keychain that never answers (a silent D-Bus)', () => {
  let dir: string;
  let server: Server;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'traytune-dbus-'));
    // Accepts the connection and never says a word: the D-Bus handshake waits for its timeout (25 s).
    server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(join(dir, 'bus'), resolve));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  it('leaves the main thread free while the store hangs', async () => {
    // The native library reads the bus address from the OS environment, so the read runs in a child.
    // Its keychain thread stays stuck until D-Bus gives up: the child is killed once it has reported.
    const child = spawn(process.execPath, [CHILD, '1500'], {
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(dir, 'bus')}` },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const line = await new Promise<string>((resolve) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('\n')) resolve(out.trim());
      });
    });
    child.kill('SIGKILL');
    const result = JSON.parse(line) as { ticks: number; settled: boolean };
    expect(sockets.length).toBeGreaterThan(0); // the keychain thread really was waiting on the silent bus
    expect(result.settled).toBe(false);
    // Blocked on the main thread, the 20 ms timer could not fire at all during the 1.5 s.
    expect(result.ticks).toBeGreaterThan(10);
  });
});
