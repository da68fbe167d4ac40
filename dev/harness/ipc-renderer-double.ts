import type { IpcRenderer, IpcRendererEvent } from 'electron';
import type { IpcResponse } from '../../src/shared/ipc/channels.ts';
import type { BridgeMessage } from './protocol.ts';

/**
 * The renderer-side double of Electron's `ipcRenderer`, carried over the harness WebSocket instead of
 * Electron's IPC: `invoke` sends one call and settles with the main side's answer, `on` delivers pushed
 * events as `(event, payload)`, and `removeListener`/`off` remove one registration, with EventEmitter's
 * rules (the last matching registration goes; a listener registered twice is called twice).
 *
 * One thing Electron has no counterpart for: the connection can go (the harness stopped, or was never
 * reached). In Electron the page cannot outlive main, so the preload has no words for it: a rejected
 * invoke becomes the bridge's generic "could not deliver". So the double answers such calls, the one in
 * flight and every later one at once, as main answers a failure (an error value, code `harness-closed`),
 * and the page shows what to do: an IpcError with HARNESS_CLOSED_MESSAGE, never a call left hanging.
 */

/** Exactly the members out/preload/index.cjs uses (plus `off`, removeListener's alias), typed as Electron's. */
export type IpcRendererDouble = MembersOf<IpcRenderer, 'invoke' | 'on' | 'off' | 'removeListener'>;

/** `Pick`, except that a method returning the object itself (Electron's `this`) returns the double. */
type MembersOf<T, K extends keyof T> = {
  [M in K]: T[M] extends (...args: infer A) => infer R
    ? (...args: A) => R extends T ? MembersOf<T, K> : R
    : never;
};

type Listener = (event: IpcRendererEvent, ...args: unknown[]) => void;

export function createIpcRenderer(socket: WebSocket): IpcRendererDouble {
  const pending = new Map<number, Settle>();
  const listeners = new Map<string, Listener[]>();
  let nextId = 1;

  // A socket already closed fires nothing more: the double starts out closed.
  let closed = socket.readyState === socket.CLOSING || socket.readyState === socket.CLOSED;
  const opened = new Promise<void>((resolve, reject) => {
    if (socket.readyState === socket.OPEN) resolve();
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('close', () => reject(new Error('closed')), { once: true });
  });
  // Nobody may be waiting yet: the rejection is read by the next invoke, never reported as unhandled.
  opened.catch(() => undefined);

  socket.addEventListener('close', () => {
    closed = true;
    for (const [id, settle] of pending) {
      pending.delete(id);
      settle(HARNESS_CLOSED);
    }
  });

  socket.addEventListener('message', (message: MessageEvent<unknown>) => {
    const data = parse(message.data);
    if (data?.type === 'result') {
      const settle = pending.get(data.id);
      pending.delete(data.id);
      settle?.(data.response);
    } else if (data?.type === 'event') {
      emit(data.event, data.payload);
    }
  });

  function emit(channel: string, payload: unknown): void {
    // A copy: a listener added or removed while this event is delivered does not change who gets it.
    for (const listener of [...(listeners.get(channel) ?? [])]) listener(eventFor(ipcRenderer), payload);
  }

  const ipcRenderer = {
    async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
      if (closed) return HARNESS_CLOSED;
      try {
        await opened;
      } catch {
        return HARNESS_CLOSED;
      }
      // Closed while the connection was being made: no 'close' is coming again for this call.
      if (closed || socket.readyState !== socket.OPEN) return HARNESS_CLOSED;
      const id = nextId++;
      // JSON, not Electron's structured clone: an unserialisable input rejects here, as Electron's does.
      const text = JSON.stringify({ type: 'invoke', id, channel, input: args[0] } satisfies BridgeMessage);
      return new Promise((resolve) => {
        pending.set(id, (answer) => resolve(answer));
        socket.send(text);
      });
    },
    on(channel: string, listener: Listener) {
      const registered = listeners.get(channel) ?? [];
      listeners.set(channel, [...registered, listener]);
      return this;
    },
    removeListener(channel: string, listener: Listener) {
      const registered = listeners.get(channel) ?? [];
      const index = registered.lastIndexOf(listener);
      if (index !== -1) listeners.set(channel, registered.toSpliced(index, 1));
      return this;
    },
    off(channel: string, listener: Listener) {
      return this.removeListener(channel, listener);
    },
  } satisfies IpcRendererDouble;
  return ipcRenderer;
}

/** What the page says once the harness has gone: the code a test checks, and what to do. */
export const HARNESS_CLOSED_CODE = 'harness-closed';
export const HARNESS_CLOSED_MESSAGE =
  'The Traytune harness has stopped or cannot be reached. Start it again (npm run harness), then reload this page.';
const HARNESS_CLOSED: IpcResponse<never> = Object.freeze({
  ok: false,
  error: Object.freeze({ code: HARNESS_CLOSED_CODE, message: HARNESS_CLOSED_MESSAGE }),
});

/** Settles one call with the answer its promise resolves with. */
type Settle = (answer: unknown) => void;

/** What a listener gets first: shaped like Electron's IpcRendererEvent (no ports travel here). */
function eventFor(sender: IpcRendererDouble): IpcRendererEvent {
  let defaultPrevented = false;
  return {
    preventDefault: () => {
      defaultPrevented = true;
    },
    get defaultPrevented() {
      return defaultPrevented;
    },
    ports: [],
    // The double is the part of IpcRenderer the preload uses; a listener that reaches for more fails there.
    sender: sender as IpcRenderer,
  } satisfies IpcRendererEvent;
}

function parse(data: unknown): BridgeMessage | undefined {
  if (typeof data !== 'string') return undefined;
  try {
    const message = JSON.parse(data) as Partial<BridgeMessage> | null;
    if (message?.type === 'result' && typeof message.id === 'number') return message as BridgeMessage;
    if (message?.type === 'event' && typeof message.event === 'string') return message as BridgeMessage;
  } catch {
    // Not JSON: not from the harness, so not for the preload.
  }
  return undefined;
}
