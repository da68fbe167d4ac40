import { app } from 'electron';
import { join } from 'node:path';

/**
 * Where the built bundles and the assets are. electron-vite writes out/main, out/preload and out/renderer
 * side by side; the tray icons are shipped next to the app (packaged: `extraResources` → resources/assets).
 */
export const paths = {
  preload: () => join(import.meta.dirname, '../preload/index.cjs'),
  rendererDir: () => join(import.meta.dirname, '../renderer'),
  assets: () => (app.isPackaged ? join(process.resourcesPath, 'assets') : join(app.getAppPath(), 'assets')),
};
