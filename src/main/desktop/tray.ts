import { Menu, Tray, type MenuItemConstructorOptions } from 'electron';
import type { TraytuneApp } from '../app/traytune-app.ts';
import type { AppState } from '../../shared/app-state.ts';
import type { PlayerSnapshot } from '../../shared/player.ts';
import {
  buildTrayMenu,
  trayIconState,
  trayMenuKey,
  trayTooltip,
  type TrayAction,
  type TrayIconState,
  type TrayMenuItem,
} from '../app/tray-menu.ts';
import { trayIcon } from './tray-icons.ts';

export interface TrayOptions {
  /** What the tray reads of the app, and tells it. */
  readonly app: Pick<TraytuneApp, 'getState' | 'getSnapshot' | 'on' | 'notifyLooking'>;
  readonly isMiniPlayerVisible: () => boolean;
  /** A left click on the icon (macOS, Windows; most Linux trays open the menu instead). */
  readonly onClick: (bounds: Electron.Rectangle) => void;
  readonly run: (action: TrayAction) => void;
  /**
   * The menu is opening (macOS and Windows report it; some Linux panels do): a moment to refresh devices.
   * The player has already been told (`app.notifyLooking()`).
   */
  readonly onMenuWillShow: () => void;
}

/**
 * The tray icon and its menu, redrawn from buildTrayMenu whenever the app state, the player or the
 * mini-player's visibility changes. It keeps the last pushed state and snapshot (no calls back into the
 * app per snapshot) and rebuilds the menu only when what it shows changed (trayMenuKey), and never while
 * the menu is open (macOS and Windows say when it is). Linux and Windows get a context menu
 * set on the icon (Linux trays have no other way to show one, and a click there opens it); on macOS a
 * left click toggles the mini-player and a right click pops the menu up.
 */
export class TrayController {
  readonly #tray: Tray;
  readonly #options: TrayOptions;
  readonly #unsubscribe: (() => void)[];
  #menuKey = '';
  #menu: Menu | null = null;
  #state: AppState;
  #snapshot: PlayerSnapshot;
  #icon: TrayIconState | null = null;
  #tooltip = '';
  /** While the menu is open it is never replaced: the refresh waits until it closes. */
  #menuOpen = false;
  #refreshWhenClosed = false;

  constructor(options: TrayOptions) {
    this.#options = options;
    this.#state = options.app.getState();
    this.#snapshot = options.app.getSnapshot();
    this.#tray = new Tray(trayIcon('idle'));
    this.#tray.setIgnoreDoubleClickEvents(true);
    this.#tray.on('click', (_event, bounds) => options.onClick(bounds));
    // No mouse-wheel volume over the icon: Electron's Tray reports no wheel or scroll on any platform. Its
    // events in Electron 45 (node_modules/electron/electron.d.ts, class Tray) are clicks, mouse
    // down/up/move/enter/leave, drag and drop and balloons, and the request for a scroll event
    // (electron/electron#32752) was closed without one. Only a global mouse hook (a native module that
    // sees all the user's input) could fake it, and Traytune does not watch input outside its own UI.
    if (process.platform === 'darwin') {
      this.#tray.on('right-click', () => {
        if (this.#menu) this.#tray.popUpContextMenu(this.#menu);
      });
    }
    this.#unsubscribe = [
      // State changes are rare; the snapshot is read again with them, since not every account change
      // pushes one (on sign-in the engine's first snapshot comes after the 'signed-in' state).
      options.app.on('app:state', (state) => this.refresh(state, options.app.getSnapshot())),
      options.app.on('player:snapshot', (snapshot) => this.refresh(this.#state, snapshot)),
    ];
    this.refresh();
  }

  get bounds(): Electron.Rectangle {
    return this.#tray.getBounds();
  }

  /**
   * Redraws what changed (the menu is rebuilt only when what it shows did) from the pushed state and
   * snapshot; without arguments (the mini-player was shown or hidden) from the last ones.
   */
  refresh(state: AppState = this.#state, snapshot: PlayerSnapshot = this.#snapshot): void {
    this.#state = state;
    this.#snapshot = snapshot;
    if (this.#tray.isDestroyed()) return;
    const items = buildTrayMenu(state, snapshot, { miniPlayerVisible: this.#options.isMiniPlayerVisible() });
    const key = trayMenuKey(items);
    if (key !== this.#menuKey) {
      if (this.#menuOpen) this.#refreshWhenClosed = true;
      else this.#rebuildMenu(key, items);
    }
    const icon = trayIconState(state, snapshot);
    if (icon !== this.#icon) {
      this.#icon = icon;
      this.#tray.setImage(trayIcon(icon));
    }
    const tooltip = trayTooltip(state, snapshot);
    if (tooltip !== this.#tooltip) {
      this.#tooltip = tooltip;
      this.#tray.setToolTip(tooltip);
    }
  }

  #rebuildMenu(key: string, items: readonly TrayMenuItem[]): void {
    this.#menuKey = key;
    const menu = Menu.buildFromTemplate(items.map((item) => this.#template(item)));
    menu.on('menu-will-show', () => {
      // Linux panels may ask before they draw the menu, but never say it closed: only macOS and Windows
      // are trusted to report both, or the menu would never be rebuilt again.
      if (process.platform !== 'linux') this.#menuOpen = true;
      // The user looks at what the menu shows: a prompt read unless the state is fresh (a Linux panel
      // that never asks gets the regular reads only).
      this.#options.app.notifyLooking();
      this.#options.onMenuWillShow();
    });
    menu.on('menu-will-close', () => {
      this.#menuOpen = false;
      if (this.#refreshWhenClosed) {
        this.#refreshWhenClosed = false;
        // After the menu has gone: Electron is still closing it inside this event.
        setImmediate(() => this.refresh());
      }
    });
    this.#menu = menu;
    // Linux panels draw the menu from what setContextMenu gave them: every change is set again.
    if (process.platform !== 'darwin') this.#tray.setContextMenu(menu);
  }

  destroy(): void {
    for (const off of this.#unsubscribe) off();
    if (!this.#tray.isDestroyed()) this.#tray.destroy();
  }

  #template(item: TrayMenuItem): MenuItemConstructorOptions {
    switch (item.type) {
      case 'separator':
        return { type: 'separator', id: item.id };
      case 'submenu':
        return {
          id: item.id,
          label: menuLabel(item.label),
          enabled: item.enabled,
          submenu: item.submenu.map((child) => this.#template(child)),
        };
      case 'checkbox':
      case 'radio':
        return {
          id: item.id,
          type: item.type,
          label: menuLabel(item.label),
          enabled: item.enabled,
          checked: item.checked,
          click: () => this.#options.run(item.action),
        };
      case 'normal': {
        const { action } = item;
        return {
          id: item.id,
          label: menuLabel(item.label),
          enabled: item.enabled,
          ...(action ? { click: () => this.#options.run(action) } : {}),
        };
      }
    }
  }
}

/** Windows and Linux read `&` as a mnemonic marker: a track called "Rock & Roll" must keep its `&`. */
function menuLabel(label: string): string {
  return process.platform === 'darwin' ? label : label.replaceAll('&', '&&');
}
