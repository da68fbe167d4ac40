/**
 * The harness page's side of the preload (bundled for the browser by preload-script.ts): connects the
 * renderer-side electron double to the harness and exports the `require` the preload's CommonJS wrapper
 * passes to out/preload/index.cjs.
 */
import { createElectronRendererDouble, createPreloadRequire } from './electron-renderer-double.ts';
import { BRIDGE_SOCKET_PATH } from './protocol.ts';

const socket = new WebSocket(
  `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${BRIDGE_SOCKET_PATH}`,
);
socket.addEventListener('close', () => {
  console.warn('Traytune harness: the connection to the harness closed. Restart the harness and reload.');
});

export const requireInPreload = createPreloadRequire(createElectronRendererDouble({ world: window, socket }));
