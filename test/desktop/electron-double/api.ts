/** Everything the double offers, as the `electron` module names it (electron.ts re-exports it). */
export { app } from './app.ts';
export { BrowserWindow } from './browser-window.ts';
export { dialog } from './dialog.ts';
export { Menu, MenuItem } from './menu.ts';
export { nativeImage, NativeImage } from './native-image.ts';
export {
  clipboard,
  globalShortcut,
  ipcMain,
  nativeTheme,
  net,
  Notification,
  powerMonitor,
  protocol,
  screen,
  session,
  shell,
  systemPreferences,
} from './system.ts';
export { Tray } from './tray.ts';
