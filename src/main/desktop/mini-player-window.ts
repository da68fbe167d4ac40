import { BrowserWindow, nativeTheme, screen, type Rectangle } from 'electron';
import type { SettingsStore } from '../app/settings-store.ts';
import { miniPlayerPosition } from '../app/tray-menu.ts';
import { APP_ORIGIN } from '../ipc/index.ts';
import { paths } from './paths.ts';

export const MINI_PLAYER_SIZE = { width: 360, height: 560 } as const;
/** A tray click this soon after the window hid on blur is the click that blurred it. */
const BLUR_CLICK_MS = 300;

export interface MiniPlayerOptions {
  readonly settings: SettingsStore;
  /** electron-vite's dev server (unpackaged runs only), else the app's own `app://traytune`. */
  readonly devServerUrl: string | undefined;
  /** The tray icon's bounds, to open next to it. */
  readonly trayBounds: () => Rectangle | null;
  readonly onVisibilityChange: (visible: boolean) => void;
  /** True once the app is quitting: closing then really closes. */
  readonly isQuitting: () => boolean;
}

/**
 * The frameless mini-player. Created on first show and then kept (hidden, not closed) so it opens
 * instantly. It sits next to the tray, or where the user dragged it last (remembered in the settings),
 * hides when it loses focus unless pinned, and follows the always-on-top setting.
 */
export class MiniPlayerWindow {
  readonly #options: MiniPlayerOptions;
  #window: BrowserWindow | null = null;
  /**
   * Moves before this time are the app's own (placing, the window manager settling the window after
   * `show`, which X11 reports late), so only the user's moves are remembered.
   */
  #ignoreMovesUntil = 0;
  #hiddenOnBlurAt = 0;
  #saveTimer: ReturnType<typeof setTimeout> | undefined;
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
      show: false,
      frame: false,
      resizable: false,
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
      },
    });
    if (settings.alwaysOnTop) window.setAlwaysOnTop(true, 'floating');
    // Belt and braces: security.ts denies these for every web contents, the window does it for itself.
    window.webContents.on('will-navigate', (event) => event.preventDefault());
    window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));

    window.on('blur', () => {
      if (this.#options.settings.get().pinned || window.webContents.isDevToolsFocused()) return;
      this.#hiddenOnBlurAt = Date.now();
      window.hide();
    });
    window.on('show', () => this.#options.onVisibilityChange(true));
    window.on('hide', () => this.#options.onVisibilityChange(false));
    window.on('close', (event) => {
      // Closing (Alt+F4, Cmd+W) hides: the app lives in the tray until Quit.
      if (!this.#options.isQuitting()) {
        event.preventDefault();
        window.hide();
      }
    });
    window.on('move', () => this.#rememberPosition(window));

    const dev = this.#options.devServerUrl;
    void window.loadURL(dev ?? `${APP_ORIGIN}/index.html`).catch((error: unknown) => {
      console.error('[mini-player] the renderer did not load:', error);
    });
    this.#window = window;
    return window;
  }

  #reveal(window: BrowserWindow): void {
    this.#place(window);
    window.show();
    window.focus();
  }

  #place(window: BrowserWindow): void {
    const saved = this.#options.settings.get().windowPosition;
    const tray = this.#options.trayBounds();
    const anchor =
      saved ?? (tray && tray.width > 0 ? { x: tray.x, y: tray.y } : screen.getCursorScreenPoint());
    const { workArea } = screen.getDisplayNearestPoint(anchor);
    const { x, y } = miniPlayerPosition({ size: MINI_PLAYER_SIZE, workArea, trayBounds: tray, saved });
    this.#ignoreMovesUntil = Date.now() + 1000;
    window.setPosition(x, y, false);
  }

  /** `move` fires continuously while dragging (and `moved` is not there on Linux): save once it settles. */
  #rememberPosition(window: BrowserWindow): void {
    if (Date.now() < this.#ignoreMovesUntil) return;
    clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => {
      if (window.isDestroyed()) return;
      const [x = 0, y = 0] = window.getPosition();
      this.#options.settings.update({ windowPosition: { x: Math.round(x), y: Math.round(y) } });
    }, 500);
  }
}
