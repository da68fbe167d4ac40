import { EventEmitter } from 'node:events';
import { record } from './journal.ts';
import type { Menu, MenuItemView } from './menu.ts';
import { NativeImage } from './native-image.ts';
import { desktop } from './os.ts';

type Rectangle = Electron.Rectangle;

/** Where the double's tray icon sits: the top-right menu bar (macOS), the bottom-right taskbar (Windows). */
const ICON_BOUNDS: Readonly<Record<'darwin' | 'win32', Rectangle>> = {
  darwin: { x: 1630, y: 0, width: 24, height: 24 },
  win32: { x: 1780, y: 1050, width: 24, height: 30 },
};

/** When the last tray click happened (Windows: a window shown right after it loses focus at once). */
let lastClickAt = Number.NEGATIVE_INFINITY;
export function msSinceTrayClick(): number {
  return Date.now() - lastClickAt;
}

const trays: Tray[] = [];
export function allTrays(): readonly Tray[] {
  return trays;
}

/** A tray as the tests see it. */
export interface TrayView {
  readonly destroyed: boolean;
  readonly imagePath: string | null;
  readonly imageEmpty: boolean;
  readonly imageTemplate: boolean;
  readonly imageScaleFactors: readonly number[];
  readonly tooltip: string;
  /** The menu the OS would show now: on Linux the one given to the last setContextMenu, as it was then. */
  readonly menu: readonly MenuItemView[] | null;
  readonly menuOpen: boolean;
  readonly setContextMenuCalls: number;
}

/**
 * Electron's Tray with the documented platform differences (README.md):
 * - Linux (StatusNotifier/AppIndicator): no click events; a click opens the context menu, which the
 *   panel draws from what the last `setContextMenu` gave it; `getBounds()` is empty.
 * - macOS: left click emits `click`, right click `right-click`; a context menu set with setContextMenu
 *   opens on either click instead.
 * - Windows: left click emits `click`; right click emits `right-click` and opens the context menu.
 */
export class Tray
  extends EventEmitter
  implements
    Pick<
      Electron.Tray,
      | 'setImage'
      | 'setToolTip'
      | 'setContextMenu'
      | 'popUpContextMenu'
      | 'getBounds'
      | 'destroy'
      | 'isDestroyed'
      | 'setIgnoreDoubleClickEvents'
      | 'setTitle'
    >
{
  #image: NativeImage;
  #tooltip = '';
  #destroyed = false;
  #contextMenu: Menu | null = null;
  /** Linux: the menu as it was handed to the panel. */
  #exported: MenuItemView[] | null = null;
  #openMenu: Menu | null = null;
  #setContextMenuCalls = 0;

  constructor(image: Electron.NativeImage | string, _guid?: string) {
    super();
    this.#image =
      typeof image === 'string' ? NativeImage.createFromPath(image) : (image as unknown as NativeImage);
    trays.push(this);
    record('Tray.constructor', this.#image.sourcePath);
  }

  setImage(image: Electron.NativeImage | string): void {
    this.#alive();
    this.#image =
      typeof image === 'string' ? NativeImage.createFromPath(image) : (image as unknown as NativeImage);
    record('Tray.setImage', this.#image.sourcePath);
  }

  setToolTip(toolTip: string): void {
    this.#alive();
    this.#tooltip = toolTip;
  }

  setTitle(title: string): void {
    this.#alive();
    record('Tray.setTitle', title);
  }

  setIgnoreDoubleClickEvents(_ignore: boolean): void {
    this.#alive();
  }

  setContextMenu(menu: Electron.Menu | null): void {
    this.#alive();
    this.#setContextMenuCalls++;
    this.#contextMenu = menu as Menu | null;
    this.#exported = this.#contextMenu ? this.#contextMenu.view() : null;
  }

  popUpContextMenu(menu?: Electron.Menu, _position?: Electron.Point): void {
    this.#alive();
    record('Tray.popUpContextMenu');
    if (desktop().platform === 'linux') return; // macOS and Windows only
    const target = (menu as Menu | undefined) ?? this.#contextMenu;
    if (target) this.#open(target);
  }

  getBounds(): Rectangle {
    this.#alive();
    const { platform } = desktop();
    return platform === 'linux' ? { x: 0, y: 0, width: 0, height: 0 } : { ...ICON_BOUNDS[platform] };
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#close();
    this.#destroyed = true;
    record('Tray.destroy');
  }

  isDestroyed(): boolean {
    return this.#destroyed;
  }

  // --- what the user does (double only) -----------------------------------------------------------

  /** A click on the icon, with the platform's consequences. */
  click(button: 'left' | 'right'): void {
    this.#alive();
    lastClickAt = Date.now();
    const { platform } = desktop();
    const bounds = this.getBounds();
    const position = { x: bounds.x + 10, y: bounds.y + 10 };
    if (platform === 'linux') {
      if (this.#contextMenu) this.#open(this.#contextMenu);
      return;
    }
    if (platform === 'darwin' && this.#contextMenu) {
      this.#open(this.#contextMenu);
      return;
    }
    if (button === 'left') this.emit('click', {}, bounds, position);
    else {
      this.emit('right-click', {}, bounds);
      if (platform === 'win32' && this.#contextMenu) this.#open(this.#contextMenu);
    }
  }

  /** Activates an item of the open menu, which then closes, as a menu does after a choice. */
  chooseMenuItem(id: string): void {
    const menu = this.#openMenu;
    if (!menu) throw new Error('no tray menu is open');
    if (desktop().platform === 'linux' && !findView(this.#exported ?? [], id)) {
      throw new Error(`menu item ${id} is not in the menu the panel shows`);
    }
    const item = menu.getMenuItemById(id);
    if (!item) throw new Error(`no menu item ${id}`);
    this.#close();
    item.activate();
  }

  closeMenu(): void {
    this.#close();
  }

  view(): TrayView {
    const shown = desktop().platform === 'linux' ? this.#exported : (this.#contextMenu?.view() ?? null);
    return {
      destroyed: this.#destroyed,
      imagePath: this.#image.sourcePath,
      imageEmpty: this.#image.isEmpty(),
      imageTemplate: this.#image.isTemplateImage(),
      imageScaleFactors: this.#image.getScaleFactors(),
      tooltip: this.#tooltip,
      menu: this.#openMenu && desktop().platform !== 'linux' ? this.#openMenu.view() : shown,
      menuOpen: this.#openMenu !== null,
      setContextMenuCalls: this.#setContextMenuCalls,
    };
  }

  #open(menu: Menu): void {
    this.#openMenu = menu;
    // StatusNotifier menus are drawn by the panel over DBusMenu: a panel may ask before it draws
    // (AboutToShow, so `menu-will-show`), and none says when the menu has gone.
    menu.show();
  }

  #close(): void {
    const menu = this.#openMenu;
    this.#openMenu = null;
    if (!menu) return;
    if (desktop().platform === 'linux') menu.open = false;
    else menu.close();
  }

  #alive(): void {
    if (this.#destroyed) throw new Error('Object has been destroyed');
  }
}

function findView(items: readonly MenuItemView[], id: string): boolean {
  return items.some((item) => item.id === id || (item.submenu !== null && findView(item.submenu, id)));
}
