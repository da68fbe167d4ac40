/**
 * `node --import ./register.ts <main bundle>`: boots the app's main bundle against the Electron double.
 * - `process.platform` becomes the OS under test (on the main thread only: the keychain's own thread
 *   loads the native binding for the real OS, which is the one whose keychain the test can use).
 * - `electron` resolves to electron.ts, for `import` and `require` alike.
 * - Spotify's hosts are routed to the simulator (network.ts): there is no internet here.
 * - control.ts takes requests from the boot test.
 */
import { registerHooks } from 'node:module';
import { routeHosts } from './network.ts';
import { desktop } from './os.ts';
import { trackTimers } from './timers.ts';

const DOUBLE_URL = new URL('./electron.ts', import.meta.url).href;
const target = desktop();

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
