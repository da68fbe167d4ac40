import { app } from 'electron';
import { join } from 'node:path';

/**
 * Where the built bundles and the assets are. electron-vite writes out/main, out/preload and out/renderer
 * side by side. The assets travel inside the app: `app.getAppPath()` is the project folder in development
 * and `resources/app.asar` in a package, where Electron reads the tray icons from app.asar.unpacked
 * (electron-builder.yml `asarUnpack`).
 */
export const paths = {
  preload: () => join(import.meta.dirname, '../preload/index.cjs'),
  rendererDir: () => join(import.meta.dirname, '../renderer'),
  assets: () => join(app.getAppPath(), 'assets'),
};
