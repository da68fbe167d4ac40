/**
 * The Electron double: what `import … from 'electron'` gives the app's main bundle in the boot tests
 * (register.ts maps the module to this file). Every export is typed against electron.d.ts
 * (`implements Pick<Electron.X, …>`), and `npm run typecheck` also compiles src/main/desktop against this
 * module (test/desktop/tsconfig.json), so the compiler fails when the double or the code drifts from the
 * real API. The per-OS behaviours it models are listed, with their sources, in README.md.
 */
import { app } from './app.ts';
import { BrowserWindow } from './browser-window.ts';
import { Menu, MenuItem } from './menu.ts';
import { nativeImage, NativeImage } from './native-image.ts';
import {
  clipboard,
  dialog,
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
import { Tray } from './tray.ts';

export {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  globalShortcut,
  ipcMain,
  Menu,
  MenuItem,
  nativeImage,
  NativeImage,
  nativeTheme,
  net,
  Notification,
  powerMonitor,
  protocol,
  screen,
  session,
  shell,
  systemPreferences,
  Tray,
};

/** `import electron from 'electron'` (electron-store): Electron is CommonJS, so the default is everything. */
export default {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  globalShortcut,
  ipcMain,
  Menu,
  MenuItem,
  nativeImage,
  NativeImage,
  nativeTheme,
  net,
  Notification,
  powerMonitor,
  protocol,
  screen,
  session,
  shell,
  systemPreferences,
  Tray,
};
