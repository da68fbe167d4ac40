/** Public API of the main side of the IPC contract (plain Node, no Electron). */
export {
  IPC_ERROR_CODES,
  createIpcDispatcher,
  type IpcDispatcher,
  type IpcDispatcherOptions,
  type IpcHandlers,
  type IpcLog,
  type SenderCheck,
} from './dispatcher.ts';
export { APP_ORIGIN, createOriginCheck, rendererOrigins } from './origin-check.ts';
