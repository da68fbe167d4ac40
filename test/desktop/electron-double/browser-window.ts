import { EventEmitter } from 'node:events';
import { app } from './app.ts';
import { DoubleEvent } from './event.ts';
import { record } from './journal.ts';
import { Menu } from './menu.ts';

import { desktop } from './os.ts';
import { msSinceTrayClick } from './tray.ts';

type Rectangle = Electron.Rectangle;

/** A window shown this soon after a tray click loses focus at once on Windows (the taskbar takes it back). */
const WINDOWS_TRAY_BLUR_MS = 500;
/** Where a Wayland compositor puts a new window (the app cannot choose). */
const COMPOSITOR_PLACEMENT = { x: 780, y: 260 };

let nextId = 1;
const windows: BrowserWindow[] = [];

export interface SentMessage {
  readonly channel: string;
  readonly args: readonly unknown[];
}

/** What the boot tests see of a window. */
export interface WindowView {
  readonly id: number;
  readonly destroyed: boolean;
  readonly visible: boolean;
  readonly focused: boolean;
  readonly bounds: Rectangle;
  readonly url: string;
  readonly loads: number;
  readonly reloads: number;
  readonly alwaysOnTop: boolean;
  readonly visibleOnAllWorkspaces: boolean;
  readonly minimumSize: readonly number[];
  readonly resizable: boolean;
  readonly options: Electron.BrowserWindowConstructorOptions;
  readonly sent: readonly SentMessage[];
  readonly devToolsOpened: number;
  readonly zoomLevel: number;
}

export class WebContents
  extends EventEmitter
  implements
    Pick<
      Electron.WebContents,
      | 'id'
      | 'send'
      | 'isDestroyed'
      | 'setWindowOpenHandler'
      | 'isDevToolsFocused'
      | 'reload'
      | 'getURL'
      | 'openDevTools'
      | 'setVisualZoomLevelLimits'
      | 'isCrashed'
      | 'forcefullyCrashRenderer'
    >
{
  readonly id: number;
  readonly sent: SentMessage[] = [];
  url = '';
  loads = 0;
  reloads = 0;
  devToolsOpened = 0;
  zoomLevel = 0;
  crashed = false;
  destroyed = false;
  windowOpenHandler: Parameters<Electron.WebContents['setWindowOpenHandler']>[0] | null = null;
  readonly #window: BrowserWindow;

  constructor(id: number, window: BrowserWindow) {
    super();
    this.id = id;
    this.#window = window;
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    // Electron serializes with the structured clone algorithm: functions and the like fail.
    this.sent.push({ channel, args: args.map((arg) => structuredClone(arg)) });
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  isCrashed(): boolean {
    return this.crashed;
  }

  setWindowOpenHandler(handler: Parameters<Electron.WebContents['setWindowOpenHandler']>[0]): void {
    this.windowOpenHandler = handler;
  }

  isDevToolsFocused(): boolean {
    return false;
  }

  openDevTools(_options?: Electron.OpenDevToolsOptions): void {
    if (this.#window.options.webPreferences?.devTools === false) return; // Electron ignores it then
    this.devToolsOpened++;
  }

  setVisualZoomLevelLimits(_minimumLevel: number, _maximumLevel: number): Promise<void> {
    return Promise.resolve();
  }

  reload(): void {
    this.reloads++;
    this.crashed = false;
    record('webContents.reload', this.id);
    this.emit('did-start-loading');
    setImmediate(() => this.#finishLoad());
  }

  /** Electron: kills the renderer process; `render-process-gone` follows, with reason 'killed'. */
  forcefullyCrashRenderer(): void {
    this.crashed = true;
    setImmediate(() => this.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 }));
  }

  getURL(): string {
    return this.url;
  }

  load(url: string): Promise<void> {
    this.url = url;
    this.loads++;
    this.emit('did-start-loading');
    return new Promise((resolve) => {
      setImmediate(() => {
        this.#finishLoad();
        resolve();
      });
    });
  }

  /**
   * A key press in the window, as Chromium sees it: `before-input-event` first (a listener may cancel it),
   * then the application menu's accelerators, which in Electron's default menu reload, toggle DevTools and
   * zoom.
   */
  pressKey(accelerator: string): { prevented: boolean } {
    const parts = accelerator.split('+');
    const key = parts.at(-1) ?? '';
    const input = {
      type: 'keyDown',
      key,
      code: key,
      control: parts.includes('Control'),
      meta: parts.includes('Command'),
      shift: parts.includes('Shift'),
      alt: parts.includes('Alt'),
    };
    const event = new DoubleEvent();
    this.emit('before-input-event', event, input);
    if (event.defaultPrevented) return { prevented: true };
    if (Menu.hasDefaultApplicationMenu()) {
      const mod = desktop().platform === 'darwin' ? input.meta : input.control;
      if ((mod && key === 'R') || key === 'F5') this.reload();
      else if (mod && input.shift && key === 'I') this.openDevTools();
      else if (mod && (key === '=' || key === 'Plus')) this.zoomLevel++;
      else if (mod && key === '-') this.zoomLevel--;
    }
    return { prevented: false };
  }

  #finishLoad(): void {
    this.emit('did-finish-load');
    this.#window.loaded();
  }
}

/**
 * Electron's BrowserWindow with the platform differences the shell must handle (README.md): on Wayland
 * the app cannot place its window or keep it on top; on Windows a window shown from a tray click may lose
 * focus at once.
 */
export class BrowserWindow
  extends EventEmitter
  implements
    Pick<
      Electron.BrowserWindow,
      | 'id'
      | 'loadURL'
      | 'show'
      | 'hide'
      | 'focus'
      | 'blur'
      | 'close'
      | 'destroy'
      | 'isDestroyed'
      | 'isVisible'
      | 'isFocused'
      | 'setPosition'
      | 'getPosition'
      | 'getBounds'
      | 'setBounds'
      | 'getSize'
      | 'setAlwaysOnTop'
      | 'isAlwaysOnTop'
      | 'setVisibleOnAllWorkspaces'
      | 'setMinimumSize'
      | 'setMenu'
      | 'removeMenu'
      | 'setResizable'
      | 'isResizable'
    >
{
  readonly id: number;
  readonly webContents: WebContents;
  readonly options: Electron.BrowserWindowConstructorOptions;
  #bounds: Rectangle;
  #visible = false;
  #focused = false;
  #destroyed = false;
  #alwaysOnTop: boolean;
  #allWorkspaces = false;
  #minimumSize: number[];
  #resizable: boolean;
  #shownOnce = false;
  #readyToShowSent = false;

  constructor(options: Electron.BrowserWindowConstructorOptions = {}) {
    super();
    this.id = nextId++;
    this.options = structuredClone(stripFunctions(options));
    this.webContents = new WebContents(this.id, this);
    const width = options.width ?? 800;
    const height = options.height ?? 600;
    this.#bounds = { x: options.x ?? 100, y: options.y ?? 100, width, height };
    this.#alwaysOnTop = !desktop().wayland && (options.alwaysOnTop ?? false);
    this.#minimumSize = [options.minWidth ?? 0, options.minHeight ?? 0];
    this.#resizable = options.resizable ?? true;
    windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
    if (options.show !== false) setImmediate(() => this.show());
  }

  static getAllWindows(): BrowserWindow[] {
    return windows.filter((window) => !window.#destroyed);
  }

  static fromWebContents(webContents: WebContents): BrowserWindow | null {
    return windows.find((window) => window.webContents === webContents) ?? null;
  }

  loadURL(url: string, _options?: Electron.LoadURLOptions): Promise<void> {
    this.#alive();
    return this.webContents.load(url);
  }

  /** Called when a load finishes: `ready-to-show` once, for windows created hidden. */
  loaded(): void {
    if (this.#readyToShowSent || this.#destroyed) return;
    this.#readyToShowSent = true;
    this.emit('ready-to-show');
  }

  show(): void {
    this.#alive();
    if (!this.#visible) {
      this.#visible = true;
      if (desktop().wayland && !this.#shownOnce) this.#bounds = { ...this.#bounds, ...COMPOSITOR_PLACEMENT };
      this.#shownOnce = true;
      this.emit('show');
    }
    this.focus();
  }

  hide(): void {
    this.#alive();
    if (!this.#visible) return;
    if (this.#focused) this.blur();
    this.#visible = false;
    this.emit('hide');
  }

  focus(): void {
    this.#alive();
    if (!this.#visible || this.#focused) return;
    this.#focused = true;
    app.windowFocusChanged(true);
    this.emit('focus');
    if (desktop().platform === 'win32' && msSinceTrayClick() < WINDOWS_TRAY_BLUR_MS) {
      setImmediate(() => {
        if (!this.#destroyed && this.#focused) this.blur();
      });
    }
  }

  blur(): void {
    if (this.#destroyed || !this.#focused) return;
    this.#focused = false;
    app.windowFocusChanged(false);
    this.emit('blur');
  }

  close(): void {
    if (this.#destroyed) return;
    const event = new DoubleEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroy();
  }

  /** Double only: `close` as app.quit sends it; false when a listener kept the window open. */
  closeForQuit(): boolean {
    if (this.#destroyed) return true;
    const event = new DoubleEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return false;
    this.destroy();
    return true;
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#visible = false;
    this.#focused = false;
    this.#destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }

  isDestroyed(): boolean {
    return this.#destroyed;
  }

  isVisible(): boolean {
    return this.#visible;
  }

  isFocused(): boolean {
    return this.#focused;
  }

  setPosition(x: number, y: number, _animate?: boolean): void {
    this.#alive();
    if (desktop().wayland) return; // Wayland: clients cannot position their windows
    this.#moveTo(x, y);
  }

  getPosition(): number[] {
    return [this.#bounds.x, this.#bounds.y];
  }

  getBounds(): Rectangle {
    return { ...this.#bounds };
  }

  setBounds(bounds: Partial<Rectangle>, _animate?: boolean): void {
    this.#alive();
    const { x, y, ...size } = bounds;
    this.#bounds = { ...this.#bounds, ...size };
    if (!desktop().wayland && (x !== undefined || y !== undefined))
      this.#moveTo(x ?? this.#bounds.x, y ?? this.#bounds.y);
  }

  getSize(): number[] {
    return [this.#bounds.width, this.#bounds.height];
  }

  setAlwaysOnTop(flag: boolean, _level?: string, _relativeLevel?: number): void {
    this.#alive();
    if (desktop().wayland) return; // no Wayland protocol for it
    this.#alwaysOnTop = flag;
  }

  isAlwaysOnTop(): boolean {
    return this.#alwaysOnTop;
  }

  setVisibleOnAllWorkspaces(visible: boolean, _options?: Electron.VisibleOnAllWorkspacesOptions): void {
    this.#alive();
    if (desktop().platform === 'win32') return; // macOS and Linux only
    this.#allWorkspaces = visible;
  }

  setMinimumSize(width: number, height: number): void {
    this.#minimumSize = [width, height];
  }

  setResizable(resizable: boolean): void {
    this.#resizable = resizable;
  }

  isResizable(): boolean {
    return this.#resizable;
  }

  setMenu(_menu: Electron.Menu | null): void {
    record('BrowserWindow.setMenu', this.id);
  }

  removeMenu(): void {
    record('BrowserWindow.removeMenu', this.id);
  }

  /** The user drags the window (double only): `move` as the window manager reports it. */
  dragTo(x: number, y: number): void {
    // macOS and Windows announce a move the user starts; Linux window managers do not.
    if (desktop().platform !== 'linux') this.emit('will-move', new DoubleEvent(), { ...this.#bounds, x, y });
    this.#moveTo(x, y);
  }

  view(): WindowView {
    return {
      id: this.id,
      destroyed: this.#destroyed,
      visible: this.#visible,
      focused: this.#focused,
      bounds: this.getBounds(),
      url: this.webContents.url,
      loads: this.webContents.loads,
      reloads: this.webContents.reloads,
      alwaysOnTop: this.#alwaysOnTop,
      visibleOnAllWorkspaces: this.#allWorkspaces,
      minimumSize: this.#minimumSize,
      resizable: this.#resizable,
      options: this.options,
      sent: this.webContents.sent,
      devToolsOpened: this.webContents.devToolsOpened,
      zoomLevel: this.webContents.zoomLevel,
    };
  }

  #moveTo(x: number, y: number): void {
    if (x === this.#bounds.x && y === this.#bounds.y) return;
    this.#bounds = { ...this.#bounds, x, y };
    this.emit('move');
  }

  #alive(): void {
    if (this.#destroyed) throw new Error('Object has been destroyed');
  }
}

/** Constructor options cross into the journal and views as data; a preload path is a string anyway. */
function stripFunctions<T>(value: T): T {
  return JSON.parse(JSON.stringify(value ?? {})) as T;
}
