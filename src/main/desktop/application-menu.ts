import { Menu } from 'electron';

/**
 * Packaged builds drop Electron's default application menu, whose accelerators reload the page, open
 * DevTools and zoom. macOS keeps a hidden Edit menu (the app is LSUIElement, so no menu bar shows):
 * without it ⌘C, ⌘V and ⌘A do nothing in the window's text fields.
 */
export function setProductionApplicationMenu(): void {
  if (process.platform !== 'darwin') {
    Menu.setApplicationMenu(null);
    return;
  }
  Menu.setApplicationMenu(Menu.buildFromTemplate([{ role: 'editMenu' }]));
}
