import type { TraytuneApi } from '../shared/ipc/contract.ts';

// `window.traytune` comes from the preload (Electron) or the harness's WebSocket bridge (a browser).
declare global {
  interface Window {
    readonly traytune?: TraytuneApi;
  }
}

export {};
