import { EventEmitter } from 'node:events';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { BrowserWindow } from './browser-window.ts';
import { DoubleEvent } from './event.ts';
import { record } from './journal.ts';
import { desktop } from './os.ts';

type PathName = Parameters<Electron.App['getPath']>[0];

/** How the app ended: `quit` after the full sequence, `exit` at once; null while it runs. */
export interface ExitRecord {
  readonly how: 'quit' | 'exit';
  readonly code: number;
}

class CommandLine implements Pick<Electron.CommandLine, 'appendSwitch' | 'hasSwitch' | 'getSwitchValue'> {
  readonly switches = new Map<string, string>();

  appendSwitch(the_switch: string, value?: string): void {
    this.switches.set(the_switch, value ?? '');
  }

  hasSwitch(the_switch: string): boolean {
    return this.switches.has(the_switch);
  }

  getSwitchValue(the_switch: string): string {
    return this.switches.get(the_switch) ?? '';
  }
}

class Dock implements Pick<Electron.Dock, 'hide' | 'show' | 'isVisible'> {
  #visible = true;
  hide(): void {
    this.#visible = false;
  }
  show(): Promise<void> {
    this.#visible = true;
    return Promise.resolve();
  }
  isVisible(): boolean {
    return this.#visible;
  }
}

function packageJson(): { name: string; productName?: string; version: string } {
  return JSON.parse(readFileSync(join(desktop().appPath, 'package.json'), 'utf8')) as {
    name: string;
    productName?: string;
    version: string;
  };
}

/**
 * Electron's `app`. The quit sequence follows Electron's: `before-quit` (cancelable), then every window
 * gets `close` (a window that prevents it cancels the quit), then `will-quit` (cancelable), then `quit`.
 * The single-instance lock lives in the user-data folder, as Electron's does.
 */
class App
  extends EventEmitter
  implements
    Pick<
      Electron.App,
      | 'isPackaged'
      | 'commandLine'
      | 'getPath'
      | 'setPath'
      | 'getAppPath'
      | 'getName'
      | 'setName'
      | 'getVersion'
      | 'whenReady'
      | 'isReady'
      | 'quit'
      | 'exit'
      | 'requestSingleInstanceLock'
      | 'releaseSingleInstanceLock'
      | 'setAppUserModelId'
      | 'setDesktopName'
      | 'setLoginItemSettings'
      | 'getLoginItemSettings'
      | 'focus'
    >
{
  readonly commandLine = new CommandLine() as unknown as Electron.CommandLine;
  readonly #paths = new Map<string, string>();
  #name = packageJson().productName ?? packageJson().name;
  #ready = false;
  readonly #readyPromise: Promise<void>;
  #exit: ExitRecord | null = null;
  #lockFile: string | null = null;
  #loginItem = false;
  #active = false;
  /** Called once the app has ended (control.ts reports it). */
  onExit: ((exit: ExitRecord) => void) | null = null;

  constructor() {
    super();
    this.#readyPromise = new Promise((resolve) => {
      // Electron is ready after the main script's first turn: queued like that here.
      setTimeout(() => {
        this.#ready = true;
        this.emit('ready', {}, {});
        resolve();
      }, 0);
    });
  }

  get isPackaged(): boolean {
    return desktop().packaged;
  }

  get dock(): Electron.Dock | undefined {
    return desktop().platform === 'darwin' ? (dock as unknown as Electron.Dock) : undefined;
  }

  getPath(name: PathName): string {
    const set = this.#paths.get(name);
    if (set !== undefined) return set;
    const { home, platform } = desktop();
    switch (name) {
      case 'home':
        return home;
      case 'appData':
        return platform === 'darwin'
          ? join(home, 'Library', 'Application Support')
          : platform === 'win32'
            ? join(home, 'AppData', 'Roaming')
            : join(home, '.config');
      case 'userData':
      case 'sessionData':
        return join(this.getPath('appData'), this.#name);
      case 'logs':
        return platform === 'darwin'
          ? join(home, 'Library', 'Logs', this.#name)
          : join(this.getPath('userData'), 'logs');
      case 'temp':
        return join(home, 'tmp');
      case 'exe':
        return join(desktop().resourcesPath, '..', platform === 'win32' ? 'Traytune.exe' : 'traytune');
      default:
        return join(home, name);
    }
  }

  setPath(name: PathName, path: string): void {
    if (this.#lockFile !== null && name === 'userData') {
      record('app.setPath:after-single-instance-lock', name);
    }
    this.#paths.set(name, path);
    record('app.setPath', name, path);
  }

  getAppPath(): string {
    return desktop().appPath;
  }

  getName(): string {
    return this.#name;
  }

  setName(name: string): void {
    this.#name = name;
  }

  getVersion(): string {
    return packageJson().version;
  }

  whenReady(): Promise<void> {
    return this.#readyPromise;
  }

  isReady(): boolean {
    return this.#ready;
  }

  /**
   * macOS: `steal` makes Traytune the active app even while another one is (without it, macOS leaves the
   * active app as it is). Elsewhere Electron focuses a window of the app, which the double only records.
   */
  focus(options?: Electron.FocusOptions): void {
    record('app.focus', options ?? null);
    if (desktop().platform === 'darwin' && options?.steal === true) this.#active = true;
  }

  /**
   * Whether Traytune is the active app (double only): while one of its windows has the focus, or after
   * `focus({ steal: true })` on macOS, until a window of it loses the focus to another app. A tray app
   * starts inactive: using its tray icon or menu does not activate it.
   */
  get isActiveApp(): boolean {
    return this.#active;
  }

  /** A window of the app got or lost the focus (browser-window.ts). */
  windowFocusChanged(focused: boolean): void {
    this.#active = focused;
  }

  setAppUserModelId(id: string): void {
    record('app.setAppUserModelId', id);
  }

  setDesktopName(name: string): void {
    record('app.setDesktopName', name);
  }

  setLoginItemSettings(settings: Electron.Settings): void {
    if (desktop().platform === 'linux') return; // macOS and Windows only
    this.#loginItem = settings.openAtLogin ?? false;
    record('app.setLoginItemSettings', settings);
  }

  getLoginItemSettings(_options?: Electron.LoginItemSettingsOptions): Electron.LoginItemSettings {
    return { openAtLogin: this.#loginItem } as Electron.LoginItemSettings;
  }

  /** The lock is a file in the user-data folder: another process holding it means another instance. */
  requestSingleInstanceLock(_additionalData?: Record<string, unknown>): boolean {
    const dir = this.getPath('userData');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'SingletonLock');
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
    } catch {
      const holder = Number(readFileSync(file, 'utf8'));
      if (holder !== process.pid && isAlive(holder)) return false;
      rmSync(file, { force: true });
      return this.requestSingleInstanceLock();
    }
    this.#lockFile = file;
    record('app.requestSingleInstanceLock', dir);
    return true;
  }

  releaseSingleInstanceLock(): void {
    if (this.#lockFile) rmSync(this.#lockFile, { force: true });
    this.#lockFile = null;
  }

  quit(): void {
    if (this.#exit) return;
    record('app.quit');
    const beforeQuit = new DoubleEvent();
    this.emit('before-quit', beforeQuit);
    if (beforeQuit.defaultPrevented) {
      record('quit-cancelled', 'before-quit');
      return;
    }
    for (const window of BrowserWindow.getAllWindows()) {
      if (!window.closeForQuit()) {
        record('quit-cancelled', 'window-close');
        return;
      }
    }
    const willQuit = new DoubleEvent();
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) {
      record('quit-cancelled', 'will-quit');
      return;
    }
    this.emit('quit', {}, 0);
    this.#end({ how: 'quit', code: 0 });
  }

  exit(exitCode = 0): void {
    if (this.#exit) return;
    record('app.exit', exitCode);
    for (const window of BrowserWindow.getAllWindows()) window.destroy();
    this.#end({ how: 'exit', code: exitCode });
  }

  get exitRecord(): ExitRecord | null {
    return this.#exit;
  }

  #end(exit: ExitRecord): void {
    this.#exit = exit;
    this.releaseSingleInstanceLock();
    this.onExit?.(exit);
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const dock = new Dock();
export const app = new App();
