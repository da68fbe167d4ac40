/** Public API of the main side of the IPC contract (plain Node, no Electron). */
export { createIpcDispatcher } from './dispatcher.ts';
export { APP_ORIGIN, createOriginCheck, rendererOrigins } from './origin-check.ts';
