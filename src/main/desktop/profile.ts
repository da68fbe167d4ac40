import { app } from 'electron';
import { join } from 'node:path';

/** The development profile's folder name under appData: never the installed app's `Traytune`. */
const DEVELOPMENT_PROFILE = 'Traytune (development)';

/**
 * Development runs (`npm start`, `npm run dev`: an unpackaged app) keep their settings, logs and
 * single-instance lock apart from an installed Traytune, so both can run and neither touches the
 * other's settings. Electron keeps the single-instance lock in the user-data folder, so this must run
 * before `requestSingleInstanceLock`. Packaged builds ignore the variable that would load the keychain's
 * native library from anywhere else than the package.
 */
export function applyProfile(): void {
  if (app.isPackaged) {
    delete process.env['NAPI_RS_NATIVE_LIBRARY_PATH'];
    return;
  }
  const userData = join(app.getPath('appData'), DEVELOPMENT_PROFILE);
  app.setPath('userData', userData);
  app.setPath('sessionData', userData);
  app.setPath('logs', join(userData, 'logs'));
}
