import { BrowserWindow, nativeTheme, screen, type Rectangle } from 'electron';
import type { SettingsStore } from '../settings/settings-store.ts';
import { miniPlayerPosition } from '../app/tray-menu.ts';
import { APP_ORIGIN } from '../ipc/index.ts';
import { paths } from './paths.ts';
import { guardProductionInput } from './production-window.ts';
import { RendererRecovery } from './renderer-recovery.ts';

/** The compact size it opens at; it can be resized larger, never smaller than the minimum. */
const MINI_PLAYER_SIZE = { width: 360, height: 560 } as const;
const MINI_PLAYER_MIN_SIZE = { width: 320, height: 480 } as const;
/** A tray click this soon after the window hid on blur is the click that blurred it. */
const BLUR_CLICK_MS = 300;
/**
 * Windows: a window shown from a tray click loses focus at once, when the taskbar takes it back. A blur
 * this soon after showing is that, not the user leaving: the window takes the focus back instead of hiding.
 */
const SHOW_BLUR_GRACE_MS = 400;
/** Moves this soon after the app placed the window are the window manager settling it, not the user. */
const OWN_MOVE_MS = 1000;

export interface MiniPlayerOptions {
  readonly settings: SettingsStore;
  /** electron-vite's dev server (unpackaged runs only), else the app's own `app://traytune`. */
  readonly devServerUrl: string | undefined;
  /** Packaged builds: no DevTools, no reload, no zoom. */
  readonly production: boolean;
  /** Wayland: the compositor places the window and nothing keeps it on top. */
  readonly wayland: boolean;
  /** The tray icon's bounds, to open next to it. */
  readonly trayBounds: () => Rectangle | null;
  readonly onVisibilityChange: (visible: boolean) => void;
  /** True once the app is quitting: closing then really closes. */
  readonly isQuitting: () => boolean;
}

/**
 * The frameless mini-player. Created on first show and then kept (hidden, not closed) so it opens
 * instantly. It opens next to the tray, or where the user dragged it last (remembered in the settings),
 * hides when it loses focus unless pinned, and follows the always-on-top setting. Pushed messages wait
 * for the page to load, and a crashed or hung renderer is reloaded.
 */
export class MiniPlayerWindow {
  readonly #options: MiniPlayerOptions;
  #window: BrowserWindow | null = null;
  #ignoreMovesUntil = 0;
  #hiddenOnBlurAt = 0;
  #shownAt = 0;
  /** macOS and Windows report a move the user starts (`will-move`); Linux does not. */
  #userMoving = false;
  #saveTimer: ReturnType<typeof setTimeout> | undefined;
  #loaded = false;
  /** Messages for a page that is still loading, the latest per channel. */
  readonly #outbox = new Map<string, unknown>();
  readonly #unsubscribe: () => void;

  constructor(options: MiniPlayerOptions) {
    this.#options = options;
    this.#unsubscribe = options.settings.onChange((settings) => {
      this.window?.setAlwaysOnTop(settings.alwaysOnTop, 'floating');
    });
  }

  get window(): BrowserWindow | null {
    return this.#window && !this.#window.isDestroyed() ? this.#window : null;
  }

  isVisible(): boolean {
    return this.window?.isVisible() ?? false;
  }

  show(): void {
    const existing = this.window;
    if (existing) {
      this.#reveal(existing);
      return;
    }
    // The first time, wait for the first paint so the window never flashes empty.
    const created = this.#create();
    created.once('ready-to-show', () => this.#reveal(created));
  }

  hide(): void {
    this.window?.hide();
  }

  toggle(): void {
    if (this.isVisible()) this.hide();
    // Clicking the tray icon first blurs (and so hides) the window: that click meant "close".
    else if (Date.now() - this.#hiddenOnBlurAt > BLUR_CLICK_MS) this.show();
  }

  /** Sends to the page, or keeps it until the page has loaded (a panel asked for before the first show). */
  send(channel: string, payload: unknown): void {
    const window = this.window;
    if (window && this.#loaded) window.webContents.send(channel, payload);
    else this.#outbox.set(channel, payload);
  }

  destroy(): void {
    this.#unsubscribe();
    clearTimeout(this.#saveTimer);
    this.window?.destroy();
    this.#window = null;
  }

  #create(): BrowserWindow {
    const settings = this.#options.settings.get();
    const window = new BrowserWindow({
      ...MINI_PLAYER_SIZE,
      minWidth: MINI_PLAYER_MIN_SIZE.width,
      minHeight: MINI_PLAYER_MIN_SIZE.height,
      show: false,
      frame: false,
      resizable: true,
      maximizable: false,
      minimizable: false,
      fullscreenable: false,
      skipTaskbar: true,
      alwaysOnTop: settings.alwaysOnTop,
      title: 'Traytune',
      // The renderer's own background (styles.css), so nothing flashes before it paints.
      backgroundColor: nativeTheme.shouldUseDarkColors ? '#121212' : '#ffffff',
      webPreferences: {
        preload: paths.preload(),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webviewTag: false,
        spellcheck: false,
        backgroundThrottling: true,
        devTools: !this.#options.production,
      },
    });
    if (settings.alwaysOnTop) window.setAlwaysOnTop(true, 'floating');
    // macOS: open on the Space the user is on, over full-screen apps too (an LSUIElement app: no Dock flash).
    if (process.platform === 'darwin') {
      window.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true, skipTransformProcessType: true });
    }
    if (this.#options.production) guardProductionInput(window.webContents);
    // Belt and braces: security.ts denies these for every web contents, the window does it for itself.
    window.webContents.on('will-navigate', (event) => event.preventDefault());
    window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    window.webContents.on('did-start-loading', () => {
      this.#loaded = false;
    });
    window.webContents.on('did-finish-load', () => {
      this.#loaded = true;
      for (const [channel, payload] of this.#outbox) window.webContents.send(channel, payload);
      this.#outbox.clear();
    });
    new RendererRecovery(window, { isQuitting: this.#options.isQuitting }).watch();

    window.on('blur', () => this.#onBlur(window));
    window.on('show', () => this.#options.onVisibilityChange(true));
    window.on('hide', () => this.#options.onVisibilityChange(false));
    window.on('close', (event) => {
      // Closing (Alt+F4, Cmd+W) hides: the app lives in the tray until Quit.
      if (!this.#options.isQuitting()) {
        event.preventDefault();
        window.hide();
      }
    });
    window.on('will-move', () => {
      this.#userMoving = true;
    });
    window.on('move', () => this.#onMove(window));

    const dev = this.#options.devServerUrl;
    void window.loadURL(dev ?? `${APP_ORIGIN}/index.html`).catch((error: unknown) => {
      console.error('[mini-player] the renderer did not load:', error);
    });
    this.#window = window;
    return window;
  }

  #onBlur(window: BrowserWindow): void {
    if (this.#options.settings.get().pinned || window.webContents.isDevToolsFocused()) return;
    if (Date.now() - this.#shownAt < SHOW_BLUR_GRACE_MS) {
      window.focus();
      return;
    }
    this.#hiddenOnBlurAt = Date.now();
    window.hide();
  }

  #reveal(window: BrowserWindow): void {
    // Wayland: the compositor decides where a window opens; asking would only be ignored.
    if (!this.#options.wayland) this.#place(window);
    this.#shownAt = Date.now();
    window.show();
    window.focus();
  }

  #place(window: BrowserWindow): void {
    const saved = this.#options.settings.get().windowPosition;
    const tray = this.#options.trayBounds();
    const anchor =
      saved ?? (tray && tray.width > 0 ? { x: tray.x, y: tray.y } : screen.getCursorScreenPoint());
    const { workArea } = screen.getDisplayNearestPoint(anchor);
    const [width = MINI_PLAYER_SIZE.width, height = MINI_PLAYER_SIZE.height] = window.getSize();
    const { x, y } = miniPlayerPosition({ size: { width, height }, workArea, trayBounds: tray, saved });
    this.#ignoreMovesUntil = Date.now() + OWN_MOVE_MS;
    this.#userMoving = false;
    window.setPosition(x, y, false);
  }

  /**
   * Remembers where the user put the window, so it opens there next time; the app's own placing and the
   * window manager settling a shown window are not the user. `move` fires continuously while dragging:
   * save once it settles.
   */
  #onMove(window: BrowserWindow): void {
    const byUser =
      process.platform === 'linux'
        ? window.isVisible() && Date.now() >= this.#ignoreMovesUntil
        : this.#userMoving;
    if (!byUser) return;
    clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => {
      this.#userMoving = false;
      if (window.isDestroyed()) return;
      const [x = 0, y = 0] = window.getPosition();
      this.#options.settings.update({ windowPosition: { x: Math.round(x), y: Math.round(y) } });
    }, 500);
  }
}
