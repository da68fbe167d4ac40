/**
 * Electron's binary for development runs. Since Electron 42 the `electron` package downloads its binary
 * lazily: `npm install` leaves node_modules/electron without dist/ and path.txt, and electron-vite, which
 * reads path.txt itself, then fails with "Electron uninstall". This finds out whether the binary is there
 * the way Electron's installer does, and otherwise runs that installer (node_modules/electron/install.js,
 * also the package's `install-electron` bin), bounded by electron-download-watchdog.ts so that it fails
 * within seconds when the download cannot start.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const WATCHDOG = join(import.meta.dirname, 'electron-download-watchdog.ts');

/** Where Electron's installer puts the executable inside dist/ (install.js getPlatformPath). */
function electronPlatformPath(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

/**
 * Install.js's own test (isInstalled): dist/version is the package's version, path.txt names this
 * platform's executable, and the executable exists.
 */
export function isElectronInstalled(
  electronDir: string,
  platform: NodeJS.Platform = process.platform,
): boolean {
  try {
    const { version } = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')) as {
      version: string;
    };
    const installed = readFileSync(join(electronDir, 'dist', 'version'), 'utf8')
      .trim()
      .replace(/^v/, '');
    const platformPath = electronPlatformPath(platform);
    if (installed !== version) return false;
    if (readFileSync(join(electronDir, 'path.txt'), 'utf8') !== platformPath) return false;
    return existsSync(join(electronDir, 'dist', platformPath));
  } catch {
    return false;
  }
}

/** What electron-download-watchdog.ts reports about the first download that failed. */
export interface DownloadFailure {
  readonly url: string;
  /** The host that failed (a redirect target or a proxy when that is where it failed). */
  readonly host: string;
  /** What went wrong, in words, for example "no response within 10 s". */
  readonly reason: string;
}

interface NetworkCause {
  readonly name?: string;
  readonly code?: unknown;
  readonly hostname?: string;
  readonly address?: string;
  readonly port?: number;
  readonly message?: string;
  readonly cause?: unknown;
}

/** The error and its causes, outermost first (fetch wraps the network's error once or twice). */
function causeChain(error: unknown): NetworkCause[] {
  const chain: NetworkCause[] = [];
  let at: unknown = error;
  while (typeof at === 'object' && at !== null && chain.length < 8) {
    const entry: NetworkCause = at;
    chain.push(entry);
    at = entry.cause;
  }
  return chain;
}

/**
 * Names a failed fetch's cause in words: DNS, a refused, reset or timed-out connection, TLS, a proxy,
 * or one of the watchdog's own timeouts. `host` is the URL's host; the result's host is where it failed.
 */
export function describeFetchError(error: unknown, host: string): { host: string; reason: string } {
  const chain = causeChain(error);
  const timeout = chain.find((entry) => entry.name === 'DownloadTimeout');
  if (timeout !== undefined) return { host, reason: timeout.message ?? 'timed out' };
  const proxy = chain.find((entry) => /proxy/i.test(entry.message ?? ''));
  if (proxy !== undefined)
    return { host, reason: `the proxy refused the connection to ${host}: ${proxy.message}` };
  // The innermost error with a string code is the network's own (DOMException codes are numbers).
  const cause = [...chain].reverse().find((entry) => typeof entry.code === 'string');
  const code = typeof cause?.code === 'string' ? cause.code : '';
  // A refused connection to a proxy names the proxy's address, not the URL's host.
  const where =
    cause?.hostname ??
    (cause?.address === undefined
      ? host
      : `${cause.address}${cause.port === undefined ? '' : `:${cause.port}`}`);
  const reasons: Record<string, string> = {
    ENOTFOUND: `${where} could not be resolved (DNS lookup failed: ENOTFOUND)`,
    EAI_AGAIN: `${where} could not be resolved (DNS lookup failed: EAI_AGAIN)`,
    ECONNREFUSED: `the connection to ${where} was refused (ECONNREFUSED)`,
    ECONNRESET: `the connection to ${where} was reset (ECONNRESET)`,
    ETIMEDOUT: `the connection to ${where} timed out (ETIMEDOUT)`,
    ENETUNREACH: 'the network is unreachable (ENETUNREACH)',
    EHOSTUNREACH: `${where} is unreachable (EHOSTUNREACH)`,
    UND_ERR_CONNECT_TIMEOUT: `the connection to ${where} timed out`,
    UND_ERR_SOCKET: `the connection to ${where} closed unexpectedly`,
  };
  const known = reasons[code];
  if (known !== undefined) return { host: where, reason: known };
  if (/CERT|SSL|TLS/i.test(code)) {
    return {
      host: where,
      reason: `the TLS certificate of ${where} was not accepted (${code}); a proxy or firewall may be intercepting HTTPS (NODE_EXTRA_CA_CERTS can add its certificate)`,
    };
  }
  const detail = (cause ?? chain.at(-1))?.message ?? String(error);
  return { host: where, reason: code === '' ? detail : `${detail} (${code})` };
}

/** The binary could not be installed. `host` and `reason` come from the failed download when known. */
export class ElectronInstallError extends Error {
  override readonly name = 'ElectronInstallError';
  readonly reason: string;
  readonly host: string | undefined;
  /** The installer's exit code (null if it was killed). */
  readonly exitCode: number | null;
  constructor(reason: string, host: string | undefined, exitCode: number | null) {
    super(
      host === undefined
        ? `Electron's binary is not installed and its installer failed: ${reason}`
        : `Electron's binary is not installed and could not be downloaded from ${host}: ${reason}`,
    );
    this.reason = reason;
    this.host = host;
    this.exitCode = exitCode;
  }
}

export interface InstallOptions {
  /** node_modules/electron. */
  readonly electronDir: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Where the installer's output goes (default: this process's stdout and stderr). */
  readonly stdio?: 'inherit' | 'pipe';
}

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];

/**
 * The installer's environment: with a proxy configured, Node's fetch uses it only with
 * NODE_USE_ENV_PROXY=1 (and @electron/get's own switch, ELECTRON_GET_USE_PROXY, when the user set it).
 */
export function installerEnv(env: NodeJS.ProcessEnv, reportFile: string): NodeJS.ProcessEnv {
  const hasProxy = PROXY_VARIABLES.some((name) => (env[name] ?? '') !== '');
  return {
    ...env,
    ...(hasProxy && env['NODE_USE_ENV_PROXY'] === undefined ? { NODE_USE_ENV_PROXY: '1' } : {}),
    TRAYTUNE_DOWNLOAD_REPORT: reportFile,
  };
}

/**
 * Runs Electron's installer with its output shown. Resolves when the binary is installed; rejects with
 * an ElectronInstallError naming the host and the cause otherwise.
 */
export async function installElectron({
  electronDir,
  env = process.env,
  stdio = 'inherit',
}: InstallOptions): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'traytune-electron-install-'));
  const reportFile = join(work, 'failure.json');
  try {
    const child = spawn(
      process.execPath,
      ['--import', pathToFileURL(WATCHDOG).href, join(electronDir, 'install.js')],
      { cwd: electronDir, env: installerEnv(env, reportFile), stdio: ['ignore', stdio, stdio] },
    );
    const exitCode = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code, signal) => resolve(code ?? (signal === null ? null : 128)));
    });
    if (exitCode === 0 && isElectronInstalled(electronDir)) return;
    const failure = readFailure(reportFile);
    if (failure !== undefined) throw new ElectronInstallError(failure.reason, failure.host, exitCode);
    throw new ElectronInstallError(
      exitCode === 0
        ? 'it finished, but node_modules/electron/dist still has no Electron for this platform'
        : `it exited with code ${exitCode} (its output is above)`,
      undefined,
      exitCode,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function readFailure(file: string): DownloadFailure | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as DownloadFailure;
  } catch {
    return undefined;
  }
}
