/**
 * Runs in the browser page the harness serves, before the renderer: builds the same `window.traytune` the
 * preload builds in Electron, over a WebSocket to the harness instead of Electron's IPC.
 */
import { createTraytuneApi, type Invoke, type Subscribe } from '../../src/shared/ipc/bridge.ts';
import type { IpcResponse } from '../../src/shared/ipc/contract.ts';
import type { BridgeMessage } from './protocol.ts';

const socket = new WebSocket(
  `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/__harness/bridge`,
);
const opened = new Promise<void>((resolve, reject) => {
  socket.addEventListener('open', () => resolve(), { once: true });
  socket.addEventListener('error', () => reject(new Error('The harness bridge is not reachable.')), {
    once: true,
  });
});
const pending = new Map<number, (response: IpcResponse<unknown>) => void>();
const listeners = new Map<string, Set<(payload: unknown) => void>>();
let nextId = 1;

socket.addEventListener('message', (message: MessageEvent<string>) => {
  const data = JSON.parse(message.data) as BridgeMessage;
  if (data.type === 'result') {
    pending.get(data.id)?.(data.response);
    pending.delete(data.id);
  } else if (data.type === 'event') {
    for (const listener of listeners.get(data.event) ?? []) listener(data.payload);
  }
});
socket.addEventListener('close', () => {
  for (const settle of pending.values()) {
    settle({
      ok: false,
      error: { code: 'ipc-failed', message: 'The harness stopped. Restart it and reload.' },
    });
  }
  pending.clear();
});

const invoke: Invoke = async (channel, input) => {
  await opened;
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    socket.send(JSON.stringify({ type: 'invoke', id, channel, input } satisfies BridgeMessage));
  });
};

const subscribe: Subscribe = (event, listener) => {
  const set = listeners.get(event) ?? new Set();
  listeners.set(event, set);
  // A wrapper per subscription, so unsubscribing removes exactly this one even if a listener is reused.
  const wrapped = (payload: unknown): void => listener(payload);
  set.add(wrapped);
  return () => set.delete(wrapped);
};

Object.defineProperty(window, 'traytune', { value: createTraytuneApi(invoke, subscribe), enumerable: true });
