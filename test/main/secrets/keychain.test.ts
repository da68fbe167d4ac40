import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeychainTokenCache } from '../../../src/main/auth/caches/keychain.ts';
import { KeychainUnavailableError, TokenCacheError } from '../../../src/main/auth/errors.ts';
import type { StoredGrant } from '../../../src/main/auth/token.ts';
import {
  DEFAULT_KEYCHAIN_SERVICE,
  KEYRING_ENTRY_OPTIONS,
  SystemKeychain,
  classifyKeyringError,
} from '../../../src/main/secrets/keychain.ts';
import type { KeyringEntry } from '../../../src/main/secrets/keychain.ts';
import { expectNoSecrets } from '../auth/helpers.ts';
import { noteSkippedKeyringSuite, requireKeyring, skipKeyringTests } from '../../support/keyring-gate.ts';
import { skipUnlessLinux } from '../../support/platform-gate.ts';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const childScript = fileURLToPath(new URL('./fixtures/keychain-child.ts', import.meta.url));
const withKeyring = join(repoRoot, 'dev/scripts/with-keyring.sh');

// Messages @napi-rs/keyring 2.1 gives, captured from real runs on Linux.
const MSG = {
  noBusEnv:
    'Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled at compile time, ' +
    'set your DBUS_SESSION_BUS_ADDRESS instead',
  deadSocket:
    'Platform failure: DBus error: Failed to connect to socket /nonexistent/bus: No such file or directory',
  noService:
    'Platform failure: DBus error: The name org.freedesktop.secrets was not provided by any .service files',
  locked: "Couldn't access platform storage: Secret Service: unlock prompt was dismissed",
  noCollection: "Couldn't access platform storage: Secret Service: no result found",
};

interface ChildResult {
  op: string;
  ok: boolean;
  name?: string;
  code?: string;
  message?: string;
  cause?: string;
  value?: unknown;
}

/** Runs the fixture in a child process with the given environment; returns its results and all its output. */
async function runChild(
  ops: string,
  env: NodeJS.ProcessEnv,
  refreshToken: string,
  wrap: (child: string[]) => string[] = (child) => child,
): Promise<{ results: ChildResult[]; output: string }> {
  const service = `Traytune-test-${randomUUID()}`;
  const [file = '', ...args] = wrap([process.execPath, childScript, service, 'client-child', ops]);
  const { stdout, stderr } = await run(file, args, {
    cwd: repoRoot,
    env: { ...env, TRAYTUNE_CHILD_REFRESH_TOKEN: refreshToken },
  });
  const results = stdout
    .split('\n')
    .filter((line) => line.startsWith('['))
    .flatMap((line) => JSON.parse(line) as ChildResult[]);
  return { results, output: stdout + stderr };
}

class FakeEntry implements KeyringEntry {
  static store = new Map<string, string>();
  static calls: { service: string; account: string; options: unknown }[] = [];
  readonly key: string;
  constructor(service: string, account: string, options: unknown) {
    FakeEntry.calls.push({ service, account, options });
    this.key = `${service}/${account}`;
  }
  getPassword(): Promise<string | null> {
    return Promise.resolve(FakeEntry.store.get(this.key) ?? null);
  }
  setPassword(password: string): Promise<void> {
    FakeEntry.store.set(this.key, password);
    return Promise.resolve();
  }
  deleteCredential(): Promise<boolean> {
    return Promise.resolve(FakeEntry.store.delete(this.key));
  }
}

describe('SystemKeychain (injected binding)', () => {
  it('pins every entry to the Secret Service and stores under service Traytune, account as given', async () => {
    FakeEntry.calls = [];
    const keychain = new SystemKeychain({ createEntry: (s, a, o) => new FakeEntry(s, a, o) });
    expect(keychain.service).toBe(DEFAULT_KEYCHAIN_SERVICE);
    expect(DEFAULT_KEYCHAIN_SERVICE).toBe('Traytune');
    await keychain.set('client-1', 'secret');
    expect(await keychain.get('client-1')).toBe('secret');
    expect(await keychain.delete('client-1')).toBe(true);
    expect(await keychain.delete('client-1')).toBe(false);
    expect(KEYRING_ENTRY_OPTIONS).toEqual({ linux: { store: 'secret-service' } });
    expect(FakeEntry.calls).toHaveLength(4);
    for (const call of FakeEntry.calls) {
      expect(call).toEqual({
        service: 'Traytune',
        account: 'client-1',
        options: { linux: { store: 'secret-service' } },
      });
    }
  });

  it('maps a throwing constructor and throwing operations to typed errors, redacting the secret', async () => {
    const failing = new SystemKeychain({
      createEntry: () => {
        throw new Error(MSG.noService);
      },
    });
    await expect(failing.get('c')).rejects.toBeInstanceOf(KeychainUnavailableError);

    const leaky = new SystemKeychain({
      createEntry: () => ({
        getPassword: () => Promise.reject(new Error(MSG.locked)),
        setPassword: (password: string) => Promise.reject(new Error(`Invalid attribute ${password}`)),
        deleteCredential: () => Promise.reject(new Error('Entry is matched by 2 credentials: [..]')),
      }),
    });
    await expect(leaky.get('c')).rejects.toBeInstanceOf(KeychainUnavailableError);
    const setError = (await leaky.set('c', 'refresh-LEAK').catch((e: unknown) => e)) as Error;
    expect(setError).toBeInstanceOf(TokenCacheError);
    expect(`${setError.message} ${(setError.cause as Error).message}`).not.toContain('refresh-LEAK');
    await expect(leaky.delete('c')).rejects.toThrow(/more than one entry/i);
  });

  it('never passes on library text: not the grant, not the refresh token inside it, not what get read', async () => {
    const refreshToken = `AQrefresh-${randomUUID()}`;
    const stored = `stored-${randomUUID()}`;
    const keychain = new SystemKeychain({
      createEntry: () => ({
        // Libraries have echoed parts of their input: here only the token, not the serialized grant.
        setPassword: (password: string) =>
          Promise.reject(
            new Error(`Attribute is invalid: ${(JSON.parse(password) as StoredGrant).refreshToken}`),
          ),
        getPassword: () => Promise.reject(new Error(`Bad encoding in secret ${stored}`)),
        deleteCredential: () => Promise.reject(new Error(`Platform failure: item ${stored} busy`)),
      }),
    });
    const cache = new KeychainTokenCache({ keychain, clientId: 'client-1' });
    const grant: StoredGrant = { clientId: 'client-1', refreshToken, scopes: ['a'], authorizedAt: 1 };
    const errors = [
      await cache.save(grant).catch((e: unknown) => e),
      await cache.load().catch((e: unknown) => e),
      await cache.clear().catch((e: unknown) => e),
    ];
    for (const error of errors) {
      expect(error).toBeInstanceOf(TokenCacheError);
      expectNoSecrets(error, [refreshToken, stored, JSON.stringify(grant)]);
    }
    expect((errors[0] as Error).message).toMatch(/the keychain rejected the entry/);
    expect((errors[1] as Error).message).toMatch(/not readable text/);
    expect((errors[2] as Error).message).toMatch(/platform failure/);
  });
});

describe('classifyKeyringError', () => {
  const classify = (message: string, env: NodeJS.ProcessEnv = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/x' }) =>
    classifyKeyringError(new Error(message), { env });

  it.each([
    ['no bus address', MSG.noBusEnv, {}, /DBUS_SESSION_BUS_ADDRESS is not set/],
    ['dead bus socket', MSG.deadSocket, undefined, /cannot connect to the D-Bus session bus/],
    ['no Secret Service', MSG.noService, undefined, /no Secret Service is running/],
    ['locked keyring', MSG.locked, undefined, /keyring is locked/],
    ['no default collection', MSG.noCollection, undefined, /no default collection/],
  ])('%s → KeychainUnavailableError', (_label, message, env, detail) => {
    const error = classify(message, env);
    expect(error).toBeInstanceOf(KeychainUnavailableError);
    expect(error.code).toBe('keychain-unavailable');
    expect(error.message).toMatch(detail);
    expect(error.message).toMatch(/stays signed in until it quits/);
    // The binding's text is classified, never passed on: the cause keeps name and code only.
    expect((error.cause as Error).message).toBe('Error');
    expect(error.message).not.toContain(message);
  });

  it.each([
    ["Attribute 'username' is longer than platform limit of 1024 chars"],
    ['Password cannot be UTF-8 encoded'],
    ['Entry is matched by 2 credentials: [Item1, Item2]'],
  ])('%s → TokenCacheError, without the library text', (message) => {
    const error = classify(message);
    expect(error).toBeInstanceOf(TokenCacheError);
    expect(`${error.message} ${(error.cause as Error).message}`).not.toContain(message);
  });
});

// Real processes, no keyring needed: the pin must turn a missing bus into an error, not a silent
// fallback to the kernel keyring (which an unpinned entry does: it "works" until the next reboot).
const noBusSuite = 'SystemKeychain without a session bus (child process)';
describe.skipIf(skipUnlessLinux(noBusSuite, 'D-Bus and the Secret Service pin'))(noBusSuite, () => {
  const SECRET = `refresh-NOBUS-${randomUUID()}`;
  let emptyRuntimeDir: string;
  beforeAll(async () => {
    emptyRuntimeDir = await mkdtemp(join(tmpdir(), 'traytune-nobus-'));
  });
  afterAll(async () => {
    await rm(emptyRuntimeDir, { recursive: true, force: true });
  });

  const baseEnv = (): NodeJS.ProcessEnv => {
    const env: NodeJS.ProcessEnv = { ...process.env, XDG_RUNTIME_DIR: emptyRuntimeDir };
    delete env['DBUS_SESSION_BUS_ADDRESS'];
    delete env['DISPLAY'];
    return env;
  };

  it('DBUS_SESSION_BUS_ADDRESS unset → KeychainUnavailableError for save, load and clear, no secret shown', async () => {
    const { results, output } = await runChild('save,load,clear', baseEnv(), SECRET);
    expect(results.map((r) => [r.op, r.name])).toEqual([
      ['save', 'KeychainUnavailableError'],
      ['load', 'KeychainUnavailableError'],
      ['clear', 'KeychainUnavailableError'],
    ]);
    expect(results[0]?.message).toMatch(/DBUS_SESSION_BUS_ADDRESS is not set/);
    expect(output).not.toContain(SECRET);
  });

  it('DBUS_SESSION_BUS_ADDRESS pointing at a nonexistent socket → KeychainUnavailableError', async () => {
    const env = {
      ...baseEnv(),
      DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(emptyRuntimeDir, 'no-such-bus')}`,
    };
    const { results, output } = await runChild('save,load', env, SECRET);
    expect(results.map((r) => [r.op, r.name, r.code])).toEqual([
      ['save', 'KeychainUnavailableError', 'keychain-unavailable'],
      ['load', 'KeychainUnavailableError', 'keychain-unavailable'],
    ]);
    expect(results[0]?.message).toMatch(/cannot connect to the D-Bus session bus/);
    expect(output).not.toContain(SECRET);
  });
});

// The OS's own keychain: a private gnome-keyring on Linux, the login keychain on macOS, the Credential
// Manager on Windows. The tests that look inside it with secret-tool or D-Bus skip elsewhere.
noteSkippedKeyringSuite('SystemKeychain against the OS keychain');
const gnomeOnly = skipUnlessLinux('SystemKeychain against gnome-keyring', 'secret-tool and D-Bus');
describe.skipIf(skipKeyringTests)('SystemKeychain against the OS keychain', () => {
  const service = `Traytune-test-${randomUUID()}`;
  const keychain = new SystemKeychain({ service });
  const grantFor = (clientId: string): StoredGrant => ({
    clientId,
    refreshToken: `refresh-${clientId}-${randomUUID()}`,
    scopes: ['user-read-playback-state', 'user-modify-playback-state'],
    authorizedAt: 1_700_000_000_000,
  });
  // secret-tool prints the secret on stdout and the attributes on stderr.
  const secretTool = async (...args: string[]): Promise<{ stdout: string; stderr: string }> =>
    run('secret-tool', args);

  it('runs with a keychain it may use (required under CI=true)', () => {
    requireKeyring();
  });

  afterAll(async () => {
    if (skipKeyringTests || process.env['TRAYTUNE_TEST_KEYRING'] !== '1') return;
    for (const account of ['client-a', 'client-b', 'client-raw']) await keychain.delete(account);
  });

  it('round-trips through the cache: save, load, clear', async () => {
    const cache = new KeychainTokenCache({ keychain, clientId: 'client-a' });
    const grant = grantFor('client-a');
    expect(await cache.load()).toBeNull();
    await cache.save(grant);
    expect(await cache.load()).toEqual(grant);
    await cache.clear();
    expect(await cache.load()).toBeNull();
    await cache.clear();
  });

  it('keeps two client IDs apart', async () => {
    const a = new KeychainTokenCache({ keychain, clientId: 'client-a' });
    const b = new KeychainTokenCache({ keychain, clientId: 'client-b' });
    const grantA = grantFor('client-a');
    const grantB = grantFor('client-b');
    await a.save(grantA);
    await b.save(grantB);
    expect(await a.load()).toEqual(grantA);
    expect(await b.load()).toEqual(grantB);
    await a.clear();
    expect(await a.load()).toBeNull();
    expect(await b.load()).toEqual(grantB);
    await b.clear();
  });

  it('stores exactly the grant JSON (no access token) under service/username = client ID', async (ctx) => {
    ctx.skip(gnomeOnly, 'Linux only: secret-tool');
    const cache = new KeychainTokenCache({ keychain, clientId: 'client-a' });
    const grant = grantFor('client-a');
    await cache.save({ ...grant, accessToken: 'access-NEVER-STORED', expiresAt: 1 } as StoredGrant);
    const { stdout: stored } = await secretTool('lookup', 'service', service, 'username', 'client-a');
    expect(stored).toBe(JSON.stringify(grant));
    expect(stored).not.toContain('access-NEVER-STORED');
    expect(stored).not.toContain('accessToken');
    // One item in the whole service: nothing else (such as an access token) was written beside it.
    const listing = await secretTool('search', '--all', 'service', service);
    expect(listing.stdout.match(/^\[/gm)).toHaveLength(1);
    expect(listing.stderr).toMatch(/^attribute\.username = client-a$/m);
    expect(listing.stderr).toMatch(new RegExp(`^attribute\\.service = ${service}$`, 'm'));
    await cache.clear();
  });

  it('discards an entry that is not a valid grant, reporting no content', async () => {
    await keychain.set('client-raw', '{"refreshToken": "refresh-RAW-SECRET", ');
    const problems: string[] = [];
    const cache = new KeychainTokenCache({
      keychain,
      clientId: 'client-raw',
      onDiscard: (p) => problems.push(p),
    });
    expect(await cache.load()).toBeNull();
    expect(await keychain.get('client-raw')).toBeNull();
    expect(problems).toEqual(['Discarded a damaged keychain entry (it is not valid JSON).']);
  });

  it('a locked keyring → KeychainUnavailableError, no prompt, no secret shown (own private keyring)', async (ctx) => {
    ctx.skip(gnomeOnly, 'Linux only: D-Bus');
    const SECRET = `refresh-LOCKED-${randomUUID()}`;
    // In a keyring of its own: save, lock the default collection, then try again ("$@" is the child with
    // its service and client ID; the last argument is its list of operations).
    const script =
      '"$@" save && dbus-send --session --print-reply --dest=org.freedesktop.secrets /org/freedesktop/secrets ' +
      'org.freedesktop.Secret.Service.Lock array:objpath:/org/freedesktop/secrets/aliases/default >/dev/null ' +
      '&& "$@" load,save,clear';
    const { results, output } = await runChild('', process.env, SECRET, (child) => [
      'bash',
      withKeyring,
      'bash',
      '-c',
      script,
      'lock-test',
      ...child.slice(0, -1),
    ]);
    expect(results.map((r) => [r.op, r.ok, r.name])).toEqual([
      ['save', true, undefined],
      ['load', false, 'KeychainUnavailableError'],
      ['save', false, 'KeychainUnavailableError'],
      ['clear', false, 'KeychainUnavailableError'],
    ]);
    expect(results[1]?.message).toMatch(/keyring is locked/);
    expect(output).not.toContain(SECRET);
  });

  it('a session bus without any Secret Service → KeychainUnavailableError', async (ctx) => {
    ctx.skip(gnomeOnly, 'Linux only: D-Bus');
    const dir = await mkdtemp(join(tmpdir(), 'traytune-bare-bus-'));
    try {
      // A session bus that knows no activatable services at all.
      const config = join(dir, 'session.conf');
      await writeFile(
        config,
        '<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" ' +
          '"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">\n' +
          `<busconfig><type>session</type><listen>unix:dir=${dir}</listen>` +
          '<policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/>' +
          '<allow own="*"/></policy></busconfig>\n',
      );
      const { results } = await runChild('save,load', process.env, 'refresh-bare', (child) => [
        'dbus-run-session',
        `--config-file=${config}`,
        '--',
        ...child,
      ]);
      expect(results.map((r) => [r.op, r.name])).toEqual([
        ['save', 'KeychainUnavailableError'],
        ['load', 'KeychainUnavailableError'],
      ]);
      expect(results[0]?.message).toMatch(/no Secret Service is running/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
