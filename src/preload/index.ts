import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createTraytuneApi, plainIpcError, type Invoke, type Subscribe } from '../shared/ipc/bridge.ts';
import type { IpcResponse } from '../shared/ipc/contract.ts';

// The narrow renderer API: one method per contract channel plus `on`, never ipcRenderer itself.

const invoke: Invoke = (channel, input) =>
  ipcRenderer.invoke(channel, input) as Promise<IpcResponse<unknown>>;

const subscribe: Subscribe = (event, listener) => {
  // Only the payload reaches the page: the Electron event (and its `sender`) stays in the preload.
  const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
  ipcRenderer.on(event, forward);
  return () => {
    ipcRenderer.removeListener(event, forward);
  };
};

// contextBridge turns a rejected Error into a bare Error(message); plain objects keep their code.
contextBridge.exposeInMainWorld(
  'traytune',
  createTraytuneApi(invoke, subscribe, { rejectWith: plainIpcError }),
);
