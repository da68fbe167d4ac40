/**
 * `npm start` and `npm run dev`: a development run of the desktop app through electron-vite.
 *
 *   node dev/scripts/start.ts start [electron-vite preview options] [-- app arguments]   (npm start)
 *   node dev/scripts/start.ts dev   [electron-vite dev options]     [-- app arguments]   (npm run dev)
 *
 * Before electron-vite runs:
 *  1. Electron's binary: if it is missing (Electron downloads it lazily), Electron's own installer runs,
 *     with its output shown (electron-install.ts). If the binary cannot be had, this stops within
 *     seconds with exit code 1 and a message that names the cause and the way forward.
 *  2. Linux sandbox: where an unpackaged Electron would abort on its sandbox (electron-sandbox.ts), it is
 *     started with `--no-sandbox` (electron-vite's `--noSandbox`), and one line says why and how to avoid it.
 *  3. TRAYTUNE_DEV_PROFILE=1 is set, so the app uses its own user-data folder and single-instance name
 *     and never collides with an installed Traytune.
 * Then it runs `electron-vite preview` (which builds first, as `electron-vite build` would) or
 * `electron-vite dev` with the given arguments, forwards SIGINT/SIGTERM/SIGHUP to it and exits as it does.
 */
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ElectronInstallError, installElectron, isElectronInstalled } from './electron-install.ts';
import { readSandboxFacts, sandboxDecision } from './electron-sandbox.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ELECTRON_DIR = join(ROOT, 'node_modules', 'electron');
const ELECTRON_VITE = join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');

/** The environment variable the app reads to use its development profile (src/main/desktop). */
export const DEV_PROFILE_VARIABLE = 'TRAYTUNE_DEV_PROFILE';

export type Mode = 'start' | 'dev';
const SCRIPT_NAME: Record<Mode, string> = { start: 'npm start', dev: 'npm run dev' };

/** electron-vite's command line: its options first, `--noSandbox` before any `--` (app arguments). */
export function electronViteArgs(mode: Mode, args: readonly string[], noSandbox: boolean): string[] {
  const command = mode === 'start' ? 'preview' : 'dev';
  if (!noSandbox) return [command, ...args];
  const split = args.indexOf('--');
  return split === -1
    ? [command, ...args, '--noSandbox']
    : [command, ...args.slice(0, split), '--noSandbox', ...args.slice(split)];
}

/** The two lines printed when the binary cannot be had. */
export function installFailureMessage(error: ElectronInstallError, mode: Mode): string {
  return [
    `traytune: ${error.message}`,
    `traytune: Check your connection or proxy (HTTPS_PROXY, or ELECTRON_MIRROR for a mirror) and run ${SCRIPT_NAME[mode]} again. ` +
      'To try the mini-player without Electron, run npm run harness.',
  ].join('\n');
}

const log = (line: string): void => void process.stderr.write(`traytune: ${line}\n`);

async function ensureElectron(mode: Mode): Promise<boolean> {
  // electron-vite takes an explicit binary from ELECTRON_EXEC_PATH and then never reads dist/.
  if ((process.env['ELECTRON_EXEC_PATH'] ?? '') !== '' || isElectronInstalled(ELECTRON_DIR)) return true;
  log(
    "Electron's binary is not installed yet; running Electron's installer (node node_modules/electron/install.js).",
  );
  try {
    await installElectron({ electronDir: ELECTRON_DIR });
    log("Electron's binary is installed.");
    return true;
  } catch (error) {
    if (!(error instanceof ElectronInstallError)) throw error;
    process.stderr.write(`${installFailureMessage(error, mode)}\n`);
    return false;
  }
}

function runElectronVite(args: readonly string[]): void {
  const child = spawn(process.execPath, [ELECTRON_VITE, ...args], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, [DEV_PROFILE_VARIABLE]: '1' },
  });
  const signals: NodeJS.Signals[] =
    process.platform === 'win32' ? ['SIGINT', 'SIGTERM'] : ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const forward = (signal: NodeJS.Signals): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const signal of signals) process.on(signal, forward);
  child.once('error', (error) => {
    log(`could not start electron-vite (${ELECTRON_VITE}): ${error.message}`);
    process.exit(1);
  });
  child.once('exit', (code, signal) => {
    for (const name of signals) process.off(name, forward);
    // Die of the same signal, so the shell sees what happened (130 for Ctrl+C).
    if (signal !== null) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
}

async function main(argv: readonly string[]): Promise<void> {
  const [mode, ...args] = argv;
  if (mode !== 'start' && mode !== 'dev') {
    log('usage: node dev/scripts/start.ts start|dev [electron-vite options] [-- app arguments]');
    process.exit(2);
  }
  if (!(await ensureElectron(mode))) process.exit(1);
  const sandbox = sandboxDecision(readSandboxFacts(ELECTRON_DIR, ROOT));
  if (sandbox.noSandbox) {
    log(
      `starting Electron with --no-sandbox (development runs only): ${sandbox.why}. To keep the sandbox: ${sandbox.avoid}.`,
    );
  }
  runElectronVite(electronViteArgs(mode, args, sandbox.noSandbox));
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2));
}
