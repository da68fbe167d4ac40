import { EventEmitter } from 'node:events';
import { record } from './journal.ts';

type Template = Electron.MenuItemConstructorOptions;
type ClickHandler = NonNullable<Template['click']>;

/** The modifier state of a click made with the mouse. */
const keyboardEvent: Electron.KeyboardEvent = {
  shiftKey: false,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  triggeredByAccelerator: false,
};

/** A menu item as the tests see it: JSON, with its submenu. */
export interface MenuItemView {
  readonly id: string | null;
  readonly type: string;
  readonly label: string;
  readonly enabled: boolean;
  readonly checked: boolean;
  readonly visible: boolean;
  readonly submenu: readonly MenuItemView[] | null;
}

export class MenuItem implements Pick<
  Electron.MenuItem,
  'id' | 'label' | 'type' | 'enabled' | 'checked' | 'visible'
> {
  id: string;
  label: string;
  type: Electron.MenuItem['type'];
  enabled: boolean;
  checked: boolean;
  visible: boolean;
  submenu?: Menu;
  role?: Template['role'];
  readonly #click: ClickHandler | undefined;

  constructor(options: Template) {
    if (options.type === 'separator' && options.submenu) throw new Error('a separator has no submenu');
    this.id = options.id ?? '';
    this.label = options.label ?? '';
    this.type = options.type ?? (options.submenu ? 'submenu' : 'normal');
    this.enabled = options.enabled ?? true;
    this.checked = options.checked ?? false;
    this.visible = options.visible ?? true;
    if (options.role !== undefined) this.role = options.role;
    this.#click = options.click;
    if (options.submenu) {
      const { submenu } = options;
      this.submenu = submenu instanceof Menu ? submenu : Menu.buildFromTemplate(submenu as Template[]);
    }
  }

  /** What Electron does when the user activates the item: checkboxes flip, radios check, then `click`. */
  activate(): void {
    if (!this.enabled || !this.visible) throw new Error(`menu item ${this.id || this.label} is disabled`);
    if (this.type === 'checkbox') this.checked = !this.checked;
    if (this.type === 'radio') this.checked = true;
    record('MenuItem.click', this.id);
    this.#click?.(this as unknown as Electron.MenuItem, undefined, keyboardEvent);
  }

  view(): MenuItemView {
    return {
      id: this.id || null,
      type: this.type,
      label: this.label,
      enabled: this.enabled,
      checked: this.checked,
      visible: this.visible,
      submenu: this.submenu ? this.submenu.view() : null,
    };
  }
}

/** The application menu Electron installs when the app sets none (with its reload/DevTools/zoom roles). */
const DEFAULT_APPLICATION_MENU = 'default';

let applicationMenu: Menu | null | typeof DEFAULT_APPLICATION_MENU = DEFAULT_APPLICATION_MENU;

export class Menu extends EventEmitter implements Pick<Electron.Menu, 'popup' | 'closePopup'> {
  items: MenuItem[] = [];
  /** Whether the menu is open now (double only). */
  open = false;

  append(menuItem: MenuItem): void {
    this.items.push(menuItem);
  }

  getMenuItemById(id: string): MenuItem | null {
    for (const item of this.items) {
      if (item.id === id) return item;
      const inner = item.submenu?.getMenuItemById(id);
      if (inner) return inner;
    }
    return null;
  }

  popup(_options?: Electron.PopupOptions): void {
    record('Menu.popup');
    this.show();
  }

  closePopup(): void {
    this.close();
  }

  /** Opens the menu: `menu-will-show` first, as Electron emits it (double only). */
  show(): void {
    this.open = true;
    this.emit('menu-will-show', {});
  }

  close(): void {
    if (!this.open) return;
    this.open = false;
    this.emit('menu-will-close', {});
  }

  view(): MenuItemView[] {
    return this.items.map((item) => item.view());
  }

  static buildFromTemplate(template: (Template | MenuItem)[]): Menu {
    record('Menu.buildFromTemplate', template.length);
    const menu = new Menu();
    for (const entry of template) menu.append(entry instanceof MenuItem ? entry : new MenuItem(entry));
    return menu;
  }

  static setApplicationMenu(menu: Electron.Menu | null): void {
    record('Menu.setApplicationMenu', menu === null ? null : 'menu');
    applicationMenu = menu as Menu | null;
  }

  static getApplicationMenu(): Menu | null {
    return applicationMenu === DEFAULT_APPLICATION_MENU ? new Menu() : applicationMenu;
  }

  /** Double only: whether Electron's default menu (reload, DevTools, zoom accelerators) is still installed. */
  static hasDefaultApplicationMenu(): boolean {
    return applicationMenu === DEFAULT_APPLICATION_MENU;
  }
}
