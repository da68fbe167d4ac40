/**
 * Boots Traytune's main bundle in a child Node process against the Electron double
 * (test/desktop/electron-double) and drives it the way a user and the OS would. One child per boot, so
 * every run has its own `process.platform`, its own user-data folder and a fresh module graph.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DoublePlatform } from '../electron-double/os.ts';
import type { MenuItemView } from '../electron-double/menu.ts';
import type { TrayView } from '../electron-double/tray.ts';
import type { WindowView } from '../electron-double/browser-window.ts';
import type { JournalEntry } from '../electron-double/journal.ts';
import type { ExitRecord } from '../electron-double/app.ts';
import type { MessageBoxView } from '../electron-double/dialog.ts';

/** Every op answers at once; one that does not has found a hang in the app. */
const CALL_TIMEOUT_MS = 5_000;
const REGISTER = fileURLToPath(new URL('../electron-double/register.ts', import.meta.url));

/** Where the app's main bundle and its package.json are. */
export interface Layout {
  readonly name: 'built' | 'packaged';
  /** app.getAppPath(): the folder with package.json (the project, or the extracted app.asar). */
  readonly appPath: string;
  /** process.resourcesPath. */
  readonly resourcesPath: string;
  readonly packaged: boolean;
}

export interface BootOptions {
  readonly platform: DoublePlatform;
  readonly layout: Layout;
  readonly wayland?: boolean;
  readonly accessibility?: 'trusted' | 'untrusted';
  readonly takenShortcuts?: readonly string[];
  /** The home folder (app.getPath('home')); a new temporary one by default. Reuse it to boot again. */
  readonly home?: string;
  /** Extra command-line arguments after the bundle path. */
  readonly args?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
}

export interface DoubleState {
  readonly platform: DoublePlatform;
  readonly trays: readonly TrayView[];
  readonly windows: readonly WindowView[];
  readonly shortcuts: readonly string[];
  readonly ipcChannels: readonly string[];
  readonly journal: readonly JournalEntry[];
  readonly notifications: readonly { title: string; body: string; shown: boolean; closed: boolean }[];
  readonly defaultApplicationMenu: boolean;
  readonly switches: Readonly<Record<string, string>>;
  readonly dockVisible: boolean | null;
  readonly clipboard: string;
  /** The message boxes open now, oldest first (they stay until answered: `answerMessageBox`). */
  readonly messageBoxes: readonly MessageBoxView[];
  readonly exit: ExitRecord | null;
}

export interface ExitReport {
  /** What the double saw: quit after the whole sequence, or exit. */
  readonly exit: ExitRecord | null;
  /** What still held the event loop when the app had ended (no Timeout, no TCP… wanted). */
  readonly resources: readonly string[];
  /** The timers among them: delay and callback source. */
  readonly timers: readonly string[];
  /** The child's own exit. */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

interface Reply {
  readonly id?: number;
  readonly ok?: boolean;
  readonly result?: unknown;
  readonly error?: string;
  readonly type?: 'exit';
  readonly exit?: ExitRecord;
  readonly resources?: string[];
  readonly timers?: string[];
}

export class BootedApp {
  readonly home: string;
  readonly #child: ChildProcess;
  readonly #pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();
  readonly #output: string[] = [];
  #nextId = 1;
  #report: { exit: ExitRecord; resources: string[]; timers: string[] } | null = null;
  readonly ended: Promise<ExitReport>;

  constructor(child: ChildProcess, home: string) {
    this.#child = child;
    this.home = home;
    child.stdout?.on('data', (chunk: Buffer) => this.#output.push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => this.#output.push(chunk.toString()));
    child.on('message', (message: Reply) => {
      if (message.type === 'exit') {
        this.#report = {
          exit: message.exit!,
          resources: message.resources ?? [],
          timers: message.timers ?? [],
        };
        return;
      }
      const waiting = this.#pending.get(message.id ?? -1);
      if (!waiting) return;
      this.#pending.delete(message.id!);
      if (message.ok) waiting.resolve(message.result);
      else waiting.reject(new Error(`${message.error ?? 'op failed'}\n--- app output ---\n${this.output()}`));
    });
    this.ended = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        for (const waiting of this.#pending.values())
          waiting.reject(new Error(`the app ended\n${this.output()}`));
        this.#pending.clear();
        resolve({
          exit: this.#report?.exit ?? null,
          resources: this.#report?.resources ?? [],
          timers: this.#report?.timers ?? [],
          code,
          signal,
        });
      });
    });
  }

  /** Everything the app printed (its console goes to the log file and to stdout/stderr). */
  output(): string {
    return this.#output.join('');
  }

  call<T = unknown>(op: string, args: Record<string, unknown> = {}): Promise<T> {
    if (!this.#child.connected)
      return Promise.reject(new Error(`the app is gone (op ${op})\n${this.output()}`));
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      // An op the app never answers (a hang in the app's handler) fails with what the app printed.
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(
          new Error(`op ${op} got no answer in ${CALL_TIMEOUT_MS} ms\n--- app output ---\n${this.output()}`),
        );
      }, CALL_TIMEOUT_MS);
      this.#pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.#child.send({ id, op, args });
    });
  }

  state(): Promise<DoubleState> {
    return this.call<DoubleState>('state');
  }

  /** Polls the double's state until `check` returns a value (not undefined/false); fails after `timeoutMs`. */
  async waitFor<T>(
    what: string,
    check: (state: DoubleState) => Promise<T | undefined | false> | T | undefined | false,
    timeoutMs = 10_000,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let last: DoubleState | undefined;
    while (Date.now() < deadline) {
      last = await this.state();
      const value = await Promise.resolve(check(last));
      if (value !== undefined && value !== false) return value;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(
      `timed out waiting for ${what}\n--- app output ---\n${this.output()}\n--- journal tail ---\n${JSON.stringify(last?.journal.slice(-15), null, 1)}`,
    );
  }

  /** The tray's menu as the OS shows it now. */
  async menu(): Promise<readonly MenuItemView[]> {
    const state = await this.state();
    return state.trays.find((tray) => !tray.destroyed)?.menu ?? [];
  }

  /** Ends the child whatever state it is in (cleanup after a failed test). */
  async kill(): Promise<void> {
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill('SIGKILL');
    await this.ended;
  }
}

export async function bootApp(options: BootOptions): Promise<BootedApp> {
  const home = options.home ?? (await mkdtemp(join(tmpdir(), `traytune-boot-${options.platform}-`)));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // The machine's own proxy settings stay out of the booted app (a scenario may set its own).
    HTTPS_PROXY: '',
    https_proxy: '',
    HTTP_PROXY: '',
    http_proxy: '',
    NO_PROXY: '',
    no_proxy: '',
    TRAYTUNE_PROXY: '',
    ...options.env,
    ELECTRON_DOUBLE_PLATFORM: options.platform,
    ELECTRON_DOUBLE_WAYLAND: options.wayland ? '1' : '0',
    ELECTRON_DOUBLE_ACCESSIBILITY: options.accessibility ?? 'trusted',
    ELECTRON_DOUBLE_TAKEN_SHORTCUTS: (options.takenShortcuts ?? []).join(','),
    ELECTRON_DOUBLE_PACKAGED: options.layout.packaged ? '1' : '0',
    ELECTRON_DOUBLE_APP_PATH: options.layout.appPath,
    ELECTRON_DOUBLE_RESOURCES_PATH: options.layout.resourcesPath,
    ELECTRON_DOUBLE_HOME: home,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    ...(options.wayland
      ? { XDG_SESSION_TYPE: 'wayland', WAYLAND_DISPLAY: 'wayland-0' }
      : { XDG_SESSION_TYPE: 'x11' }),
  };
  const entry = join(options.layout.appPath, 'out', 'main', 'index.js');
  const child = fork(entry, [...(options.args ?? [])], {
    execPath: process.execPath,
    execArgv: ['--import', REGISTER],
    env,
    cwd: options.layout.appPath,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  return new BootedApp(child, home);
}

/** Removes a boot's home folder (settings, logs, the single-instance lock). */
export function removeHome(home: string): Promise<void> {
  return rm(home, { recursive: true, force: true });
}
