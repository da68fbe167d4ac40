/**
 * The `npm start` / `npm run dev` launcher, run for real in a temporary copy of the project: its scripts,
 * a copy of the `electron` package with Electron's real installer (install.js and @electron/get), and a
 * recording stand-in for electron-vite. Electron's installer downloads from loopback mirrors that fail
 * the ways a network does (unresolvable, silent, stalling, 404) or serve a stand-in Electron archive.
 * How long a failure takes is bounded only by a generous timeout on the child, never asserted.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ElectronInstallError,
  describeFetchError,
  installerEnv,
  isElectronInstalled,
} from '../../../dev/scripts/electron-install.ts';
import {
  readSandboxFacts,
  sandboxDecision,
  type SandboxFacts,
} from '../../../dev/scripts/electron-sandbox.ts';
import { electronViteArgs, installFailureMessage } from '../../../dev/scripts/start.ts';
import { storeZip } from './store-zip.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const REAL_ELECTRON = join(ROOT, 'node_modules', 'electron');
const ELECTRON_VERSION = (
  JSON.parse(readFileSync(join(REAL_ELECTRON, 'package.json'), 'utf8')) as { version: string }
).version;
const SCRIPTS = ['start.ts', 'electron-install.ts', 'electron-sandbox.ts', 'electron-download-watchdog.ts'];
/** Generous: a failing download must end "within seconds"; this only keeps a hung child from hanging the run. */
const CHILD_TIMEOUT_MS = 60_000;

/** Records its argv and TRAYTUNE_DEV_PROFILE; exits with FAKE_VITE_EXIT, or waits for a signal. */
const FAKE_ELECTRON_VITE = `
const { writeFileSync } = require('node:fs');
const record = { argv: process.argv.slice(2), devProfile: process.env.TRAYTUNE_DEV_PROFILE ?? null, signals: [] };
const save = () => writeFileSync(process.env.FAKE_VITE_RECORD, JSON.stringify(record));
save();
if (process.env.FAKE_VITE_WAIT === '1') {
  process.once('SIGTERM', () => { record.signals.push('SIGTERM'); save(); process.kill(process.pid, 'SIGTERM'); });
  setInterval(() => {}, 1000);
  process.stdout.write('fake electron-vite: waiting\\n');
} else {
  process.exit(Number(process.env.FAKE_VITE_EXIT ?? 0));
}
`;

interface Project {
  readonly dir: string;
  readonly electronDir: string;
  readonly record: string;
  readonly cache: string;
}

const projects: string[] = [];

/** A temporary project: the launcher's scripts, Electron's package without its binary, a fake electron-vite. */
function makeProject(): Project {
  const dir = mkdtempSync(join(tmpdir(), 'traytune-start-'));
  projects.push(dir);
  mkdirSync(join(dir, 'dev', 'scripts'), { recursive: true });
  for (const script of SCRIPTS)
    copyFileSync(join(ROOT, 'dev', 'scripts', script), join(dir, 'dev', 'scripts', script));
  const electronDir = join(dir, 'node_modules', 'electron');
  mkdirSync(electronDir, { recursive: true });
  for (const file of ['package.json', 'install.js', 'index.js', 'checksums.json']) {
    copyFileSync(join(REAL_ELECTRON, file), join(electronDir, file));
  }
  // The installer's dependencies, as installed (the symlinks resolve to the real packages).
  for (const scope of ['@electron', '@electron-internal']) {
    symlinkSync(join(ROOT, 'node_modules', scope), join(dir, 'node_modules', scope), 'dir');
  }
  mkdirSync(join(dir, 'node_modules', 'electron-vite', 'bin'), { recursive: true });
  writeFileSync(join(dir, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), FAKE_ELECTRON_VITE);
  return { dir, electronDir, record: join(dir, 'vite-record.json'), cache: join(dir, 'electron-cache') };
}

/** Installs a stand-in binary the way Electron's installer leaves it. */
function installStandIn(project: Project): void {
  mkdirSync(join(project.electronDir, 'dist'), { recursive: true });
  writeFileSync(join(project.electronDir, 'dist', 'electron'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  writeFileSync(join(project.electronDir, 'dist', 'version'), ELECTRON_VERSION);
  writeFileSync(join(project.electronDir, 'path.txt'), 'electron');
}

interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

/** The environment without the developer's Electron download settings and proxies. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (
      /^(npm_config_electron|npm_package_config_electron|electron_|ELECTRON_|TRAYTUNE_|force_no_cache)/i.test(
        key,
      )
    )
      continue;
    if (/^(https?_proxy|no_proxy|all_proxy|NODE_USE_ENV_PROXY)$/i.test(key)) continue;
    env[key] = value;
  }
  return env;
}

function runLauncher(
  project: Project,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
  onOutput?: (text: string, child: ReturnType<typeof spawn>) => void,
): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(project.dir, 'dev', 'scripts', 'start.ts'), ...args], {
      cwd: project.dir,
      env: {
        ...cleanEnv(),
        electron_config_cache: project.cache, // never the developer's ~/.cache/electron
        FAKE_VITE_RECORD: project.record,
        ...env,
      },
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, CHILD_TIMEOUT_MS);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      onOutput?.(stdout, child);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, stdout, stderr, timedOut });
    });
  });
}

function viteRecord(
  project: Project,
): { argv: string[]; devProfile: string | null; signals: string[] } | undefined {
  return existsSync(project.record)
    ? (JSON.parse(readFileSync(project.record, 'utf8')) as {
        argv: string[];
        devProfile: string | null;
        signals: string[];
      })
    : undefined;
}

const servers: (Server | ReturnType<typeof createTcpServer>)[] = [];
const sockets: Socket[] = [];

async function listen(server: Server | ReturnType<typeof createTcpServer>): Promise<string> {
  servers.push(server);
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(servers.splice(0).map((server) => new Promise((closed) => server.close(closed))));
});

afterAll(() => {
  for (const dir of projects) rmSync(dir, { recursive: true, force: true });
});

/** What every failure must say: the cause, the way forward, and never electron-vite's "Electron uninstall". */
function expectActionableFailure(run: Run, project: Project, host: string, reason: RegExp): void {
  expect(run.timedOut, 'the launcher must stop by itself').toBe(false);
  expect(run.code).toBe(1);
  const cause = run.stderr
    .split('\n')
    .find((line) =>
      line.startsWith("traytune: Electron's binary is not installed and could not be downloaded"),
    );
  expect(cause, run.stderr).toBeDefined();
  expect(
    cause?.startsWith(
      `traytune: Electron's binary is not installed and could not be downloaded from ${host}: `,
    ),
    cause,
  ).toBe(true);
  expect(cause).toMatch(reason);
  expect(run.stderr).toContain(
    'Check your connection or proxy (HTTPS_PROXY, or ELECTRON_MIRROR for a mirror)',
  );
  expect(run.stderr).toContain('run npm start again');
  expect(run.stderr).toContain('run npm run harness');
  expect(`${run.stdout}${run.stderr}`).not.toContain('Electron uninstall');
  expect(viteRecord(project), 'electron-vite must not run').toBeUndefined();
  expect(isElectronInstalled(project.electronDir)).toBe(false);
}

describe(
  'the launcher when Electron’s binary cannot be downloaded',
  { timeout: CHILD_TIMEOUT_MS + 30_000 },
  () => {
    it('stops with the DNS failure when the download host does not resolve', async () => {
      const project = makeProject();
      const run = await runLauncher(project, ['start'], {
        ELECTRON_MIRROR: 'https://electron-mirror.invalid/',
      });
      expectActionableFailure(
        run,
        project,
        'electron-mirror.invalid',
        /electron-mirror\.invalid could not be resolved/,
      );
      expect(run.stderr).toContain("running Electron's installer (node node_modules/electron/install.js)");
    });

    it('stops after the default 10 s when the host accepts the connection and never answers', async () => {
      const silent = createTcpServer((socket) => void sockets.push(socket));
      const host = await listen(silent);
      const project = makeProject();
      const run = await runLauncher(project, ['start'], { ELECTRON_MIRROR: `http://${host}/` });
      expectActionableFailure(run, project, host, new RegExp(`no response from ${host} within 10 s`));
    });

    it('stops when the download stalls', async () => {
      const stalling = createServer((_request, response) => {
        response.writeHead(200, { 'content-length': String(1 << 20), 'content-type': 'application/zip' });
        response.write(Buffer.alloc(1024));
        sockets.push(response.socket as Socket);
      });
      const host = await listen(stalling);
      const project = makeProject();
      const run = await runLauncher(project, ['start'], {
        ELECTRON_MIRROR: `http://${host}/`,
        TRAYTUNE_DOWNLOAD_STALL_MS: '1000',
      });
      expectActionableFailure(run, project, host, /stalled \(no data for 1 s\)/);
    });

    it('names the HTTP status when the mirror has no such file', async () => {
      const empty = createServer((_request, response) => response.writeHead(404, 'Not Found').end());
      const host = await listen(empty);
      const project = makeProject();
      const run = await runLauncher(project, ['start'], { ELECTRON_MIRROR: `http://${host}/` });
      expectActionableFailure(run, project, host, /HTTP 404 Not Found: the mirror has no Electron binary at/);
    });

    it('goes through HTTPS_PROXY, and names the proxy when it refuses', async () => {
      const requests: string[] = [];
      const proxy = createServer((request, response) => {
        requests.push(`${request.method} ${request.url}`);
        response.writeHead(403, 'Forbidden').end();
      });
      proxy.on('connect', (request, socket: Socket) => {
        requests.push(`CONNECT ${request.url}`);
        socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      });
      const host = await listen(proxy);
      const project = makeProject();
      const run = await runLauncher(project, ['start'], {
        HTTPS_PROXY: `http://${host}`,
        HTTP_PROXY: `http://${host}`,
        ELECTRON_MIRROR: 'https://electron-mirror.invalid/',
      });
      expect(requests.some((request) => request.includes('electron-mirror.invalid'))).toBe(true);
      expectActionableFailure(
        run,
        project,
        'electron-mirror.invalid',
        /electron-mirror\.invalid: the proxy refused the connection to electron-mirror\.invalid: Proxy response \(403\)/,
      );
    });

    it.runIf(process.platform === 'linux')(
      'on this machine, without internet, fails fast from github.com with Electron’s default settings',
      async () => {
        const github = await lookup('github.com').then(
          () => true,
          () => false,
        );
        if (github) return; // online: the default download would really fetch Electron; the cases above cover it
        const project = makeProject();
        const run = await runLauncher(project, ['start']);
        expectActionableFailure(run, project, 'github.com', /github\.com could not be resolved/);
      },
    );
  },
);

describe('the launcher when the binary can be had', { timeout: CHILD_TIMEOUT_MS + 30_000 }, () => {
  it('runs Electron’s installer against a mirror, then electron-vite with the dev profile and its exit code', async () => {
    const fileName = `electron-v${ELECTRON_VERSION}-linux-x64.zip`;
    const archive = storeZip([
      { name: 'electron', data: Buffer.from('#!/bin/sh\necho stand-in electron\n'), mode: 0o755 },
      { name: 'version', data: Buffer.from(ELECTRON_VERSION) },
      { name: 'chrome-sandbox', data: Buffer.from('stand-in'), mode: 0o755 },
    ]);
    const sums = `${createHash('sha256').update(archive).digest('hex')} *${fileName}\n`;
    const served: string[] = [];
    const mirror = createServer((request, response) => {
      served.push(request.url ?? '');
      const name = basename(request.url ?? '');
      if (name === fileName) response.writeHead(200, { 'content-type': 'application/zip' }).end(archive);
      else if (name === 'SHASUMS256.txt') response.writeHead(200).end(sums);
      else response.writeHead(404).end();
    });
    const host = await listen(mirror);
    const project = makeProject();
    const run = await runLauncher(project, ['start', '--logLevel', 'info', '--', '--toggle'], {
      ELECTRON_MIRROR: `http://${host}/`,
      electron_use_remote_checksums: '1',
      FAKE_VITE_EXIT: '7',
    });
    expect(run.timedOut).toBe(false);
    expect(served).toContain(`/v${ELECTRON_VERSION}/${fileName}`);
    expect(run.stderr).toContain("Electron's binary is installed.");
    expect(isElectronInstalled(project.electronDir)).toBe(true);
    const expected = electronViteArgs(
      'start',
      ['--logLevel', 'info', '--', '--toggle'],
      sandboxDecision(readSandboxFacts(project.electronDir, project.dir)).noSandbox,
    );
    expect(viteRecord(project)).toMatchObject({ argv: expected, devProfile: '1' });
    expect(run.code).toBe(7);
  });

  it('with the binary installed, runs electron-vite dev at once, with --noSandbox exactly when needed', async () => {
    const project = makeProject();
    installStandIn(project);
    const run = await runLauncher(project, ['dev', '--watch', '--', '--next']);
    const decision = sandboxDecision(readSandboxFacts(project.electronDir, project.dir));
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain('installer');
    expect(viteRecord(project)).toMatchObject({
      argv: electronViteArgs('dev', ['--watch', '--', '--next'], decision.noSandbox),
      devProfile: '1',
    });
    const line = run.stderr.split('\n').filter((text) => text.includes('--no-sandbox'));
    if (decision.noSandbox) {
      expect(line).toEqual([
        `traytune: starting Electron with --no-sandbox (development runs only): ${decision.why}. To keep the sandbox: ${decision.avoid}.`,
      ]);
    } else {
      expect(line).toEqual([]);
    }
  });

  it.runIf(process.platform !== 'win32')('forwards SIGTERM to electron-vite and dies of it too', async () => {
    const project = makeProject();
    installStandIn(project);
    let sent = false;
    const run = await runLauncher(project, ['dev'], { FAKE_VITE_WAIT: '1' }, (stdout, child) => {
      if (!sent && stdout.includes('fake electron-vite: waiting')) {
        sent = true;
        child.kill('SIGTERM');
      }
    });
    expect(run.timedOut).toBe(false);
    expect(viteRecord(project)?.signals).toEqual(['SIGTERM']);
    expect(run.signal).toBe('SIGTERM');
  });

  it('refuses an unknown mode with a usage line', async () => {
    const project = makeProject();
    const run = await runLauncher(project, ['serve']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('usage: node dev/scripts/start.ts start|dev');
  });
});

describe('sandboxDecision', () => {
  const ubuntu: SandboxFacts = {
    platform: 'linux',
    uid: 1000,
    apparmorRestrictUserns: '1',
    unprivilegedUsernsClone: undefined,
    chromeSandbox: { uid: 1000, mode: 0o100755 },
    chromeSandboxPath: 'node_modules/electron/dist/chrome-sandbox',
  };

  it.each<[string, Partial<SandboxFacts>, boolean]>([
    ['Ubuntu 24.04, helper as npm leaves it', {}, true],
    ['Ubuntu 24.04, helper setuid root', { chromeSandbox: { uid: 0, mode: 0o104755 } }, false],
    ['Ubuntu 24.04, helper root-owned but not setuid', { chromeSandbox: { uid: 0, mode: 0o100755 } }, true],
    [
      'Ubuntu 24.04, helper setuid but not root-owned',
      { chromeSandbox: { uid: 1000, mode: 0o104755 } },
      true,
    ],
    [
      'Ubuntu 24.04, helper setuid root but group-writable',
      { chromeSandbox: { uid: 0, mode: 0o104775 } },
      true,
    ],
    ['Ubuntu 24.04, no helper', { chromeSandbox: undefined }, true],
    ['restriction switched off', { apparmorRestrictUserns: '0' }, false],
    ['no AppArmor knob (Debian, Fedora)', { apparmorRestrictUserns: undefined }, false],
    [
      'older Debian with user namespaces disabled',
      { apparmorRestrictUserns: undefined, unprivilegedUsernsClone: '0' },
      true,
    ],
    ['user namespaces enabled', { apparmorRestrictUserns: undefined, unprivilegedUsernsClone: '1' }, false],
    ['root', { uid: 0, apparmorRestrictUserns: undefined }, true],
    ['macOS', { platform: 'darwin', uid: 501 }, false],
    ['Windows', { platform: 'win32', uid: undefined }, false],
  ])('%s → noSandbox %s', (_label, change, expected) => {
    expect(sandboxDecision({ ...ubuntu, ...change }).noSandbox).toBe(expected);
  });

  it('explains why, and gives the commands that keep the sandbox', () => {
    const decision = sandboxDecision(ubuntu);
    expect(decision).toEqual({
      noSandbox: true,
      why: 'AppArmor restricts unprivileged user namespaces (Ubuntu 24.04 and later) and node_modules/electron/dist/chrome-sandbox is not owned by root with mode 4755',
      avoid:
        'sudo chown root node_modules/electron/dist/chrome-sandbox && sudo chmod 4755 node_modules/electron/dist/chrome-sandbox',
    });
  });
});

describe('electronViteArgs', () => {
  it.each<[Parameters<typeof electronViteArgs>, string[]]>([
    [['start', [], false], ['preview']],
    [
      ['start', [], true],
      ['preview', '--noSandbox'],
    ],
    [
      ['dev', ['--watch'], false],
      ['dev', '--watch'],
    ],
    [
      ['dev', ['--watch', '--', '--toggle'], true],
      ['dev', '--watch', '--noSandbox', '--', '--toggle'],
    ],
    [
      ['start', ['--', '--no-sandbox-looking-app-arg'], true],
      ['preview', '--noSandbox', '--', '--no-sandbox-looking-app-arg'],
    ],
  ])('%j → %j', (args, expected) => {
    expect(electronViteArgs(...args)).toEqual(expected);
  });
});

describe('isElectronInstalled', () => {
  let project: Project;
  beforeAll(() => {
    project = makeProject();
  });

  it('is false for the package as npm leaves it, true once the installer’s files are there', () => {
    expect(isElectronInstalled(project.electronDir, 'linux')).toBe(false);
    installStandIn(project);
    expect(isElectronInstalled(project.electronDir, 'linux')).toBe(true);
    // Another platform's executable, or another version, is not installed.
    expect(isElectronInstalled(project.electronDir, 'win32')).toBe(false);
    writeFileSync(join(project.electronDir, 'dist', 'version'), '44.0.0');
    expect(isElectronInstalled(project.electronDir, 'linux')).toBe(false);
  });
});

describe('the failure message and the installer’s environment', () => {
  it('names the host and cause, and the way forward for each script', () => {
    const error = new ElectronInstallError(
      'github.com could not be resolved (DNS lookup failed: ENOTFOUND)',
      'github.com',
      1,
    );
    expect(installFailureMessage(error, 'dev')).toBe(
      [
        "traytune: Electron's binary is not installed and could not be downloaded from github.com: github.com could not be resolved (DNS lookup failed: ENOTFOUND)",
        'traytune: Check your connection or proxy (HTTPS_PROXY, or ELECTRON_MIRROR for a mirror) and run npm run dev again. To try the mini-player without Electron, run npm run harness.',
      ].join('\n'),
    );
  });

  it('describes the network’s errors in words', () => {
    const failed = (code: string, hostname?: string): Error =>
      new TypeError('fetch failed', { cause: Object.assign(new Error(`${code} boom`), { code, hostname }) });
    expect(describeFetchError(failed('ENOTFOUND', 'github.com'), 'github.com').reason).toBe(
      'github.com could not be resolved (DNS lookup failed: ENOTFOUND)',
    );
    expect(describeFetchError(failed('ECONNREFUSED'), 'mirror:8080').reason).toBe(
      'the connection to mirror:8080 was refused (ECONNREFUSED)',
    );
    expect(describeFetchError(failed('SELF_SIGNED_CERT_IN_CHAIN'), 'github.com').reason).toMatch(
      /TLS certificate of github\.com was not accepted.*NODE_EXTRA_CA_CERTS/,
    );
    expect(describeFetchError(failed('EWHATEVER'), 'h').reason).toBe('EWHATEVER boom (EWHATEVER)');
    // A refused proxy: the address that refused, not the URL's host.
    const proxyDown = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:3128'), {
        code: 'ECONNREFUSED',
        address: '10.0.0.1',
        port: 3128,
      }),
    });
    expect(describeFetchError(proxyDown, 'github.com')).toEqual({
      host: '10.0.0.1:3128',
      reason: 'the connection to 10.0.0.1:3128 was refused (ECONNREFUSED)',
    });
    // Our own timeouts, however deep fetch wraps them.
    const timeout = Object.assign(new Error('no response from github.com within 10 s'), {
      name: 'DownloadTimeout',
    });
    expect(describeFetchError(new TypeError('fetch failed', { cause: timeout }), 'github.com').reason).toBe(
      'no response from github.com within 10 s',
    );
  });

  it('turns on Node’s proxy support for the installer when a proxy is configured', () => {
    expect(installerEnv({ HTTPS_PROXY: 'http://proxy:3128' }, '/r').NODE_USE_ENV_PROXY).toBe('1');
    expect(
      installerEnv({ https_proxy: 'http://proxy:3128', NODE_USE_ENV_PROXY: '0' }, '/r').NODE_USE_ENV_PROXY,
    ).toBe('0');
    expect(installerEnv({}, '/r').NODE_USE_ENV_PROXY).toBeUndefined();
    expect(installerEnv({}, '/r').TRAYTUNE_DOWNLOAD_REPORT).toBe('/r');
  });
});
