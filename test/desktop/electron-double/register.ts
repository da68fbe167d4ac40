/**
 * `node --import ./register.ts <main bundle>`: boots the app's main bundle against the Electron double.
 * - Native bindings are loaded first, for the real OS (the keychain binding chooses its file by
 *   `process.platform`); then `process.platform` becomes the OS under test.
 * - `electron` resolves to electron.ts, for `import` and `require` alike.
 * - Spotify's hosts are routed to the simulator (network.ts): there is no internet here.
 * - control.ts takes requests from the boot test.
 */
import { createRequire, registerHooks } from 'node:module';
import { join } from 'node:path';
import { routeHosts } from './network.ts';
import { desktop } from './os.ts';
import { trackTimers } from './timers.ts';

const DOUBLE_URL = new URL('./electron.ts', import.meta.url).href;
const target = desktop();

try {
  createRequire(join(target.appPath, 'package.json'))('@napi-rs/keyring');
} catch (error) {
  console.error('[electron-double] the keychain binding did not load:', error);
}

Object.defineProperty(process, 'platform', { value: target.platform, enumerable: true, configurable: true });
Object.defineProperty(process, 'resourcesPath', {
  value: target.resourcesPath,
  enumerable: true,
  configurable: true,
});
Object.defineProperty(process.versions, 'electron', { value: '45.4.1', enumerable: true });

routeHosts(process.env['ELECTRON_DOUBLE_HOSTS'] ?? '');
trackTimers();

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'electron') return { url: DOUBLE_URL, shortCircuit: true };
    return nextResolve(specifier, context);
  },
});

const { startControl } = await import('./control.ts');
startControl();
