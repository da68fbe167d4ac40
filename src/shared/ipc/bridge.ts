import { INVOKE_CHANNELS, IpcError, PUSH_EVENTS, type IpcResponse } from './channels.ts';
import type { PushEvents, TraytuneApi } from './contract.ts';

/**
 * Builds `window.traytune` from the contract's channel list, over any transport: Electron's ipcRenderer in
 * the preload, a WebSocket in the browser harness. No Electron or Node imports: this runs in both.
 */

/** Sends one call; resolves the main side's answer (errors are values, see `IpcResponse`). */
export type Invoke = (channel: string, input: unknown) => Promise<IpcResponse<unknown>>;
/** Listens to one pushed event; returns the function that removes exactly that listener. */
export type Subscribe = (event: string, listener: (payload: unknown) => void) => () => void;

export interface TraytuneApiOptions {
  /**
   * What a failed call rejects with; an `IpcError` by default. Electron's contextBridge copies an Error as a
   * bare `Error(message)` (the code is lost), so the preload rejects with `plainIpcError` objects instead.
   */
  readonly rejectWith?: (code: string, message: string) => unknown;
}

/** Codes the bridge itself produces when the transport, not the main side, failed. */
export const BRIDGE_ERROR_CODES = { transport: 'ipc-failed', malformed: 'internal' } as const;
const TRANSPORT_MESSAGE = 'Traytune could not deliver this request. If it keeps happening, restart Traytune.';
const MALFORMED_MESSAGE = 'Traytune received an answer it could not read. Restart Traytune.';

const CHANNEL_NAME = /^([a-z][A-Za-z0-9]*):([a-z][A-Za-z0-9]*)$/;
const PUSH_EVENT_NAMES: ReadonlySet<string> = new Set(PUSH_EVENTS);

export function createTraytuneApi(
  invoke: Invoke,
  subscribe: Subscribe,
  options: TraytuneApiOptions = {},
): TraytuneApi {
  const rejectWith = options.rejectWith ?? ((code, message) => new IpcError(code, message));

  const call = async (channel: string, input: unknown): Promise<unknown> => {
    let response: unknown;
    try {
      response = await invoke(channel, input);
    } catch {
      throw rejectWith(BRIDGE_ERROR_CODES.transport, TRANSPORT_MESSAGE);
    }
    if (!isIpcResponse(response)) throw rejectWith(BRIDGE_ERROR_CODES.malformed, MALFORMED_MESSAGE);
    if (response.ok) return response.value;
    throw rejectWith(response.error.code, response.error.message);
  };

  const api: Record<string, unknown> = {};
  for (const channel of INVOKE_CHANNELS) {
    const [, group, method] = CHANNEL_NAME.exec(channel) ?? [];
    // A contract mistake (odd name, a group called `on`, `__proto__`) fails at startup, not at a call.
    if (group === undefined || method === undefined || group === 'on') {
      throw new TypeError(`IPC channel ${channel} does not fit api.group.method`);
    }
    const methods = (api[group] ??= {}) as Record<string, unknown>;
    // One argument only: extra ones are dropped rather than silently sent.
    methods[method] = (input?: unknown) => call(channel, input);
  }

  api['on'] = <E extends keyof PushEvents>(event: E, listener: (payload: PushEvents[E]) => void) => {
    if (typeof event !== 'string' || !PUSH_EVENT_NAMES.has(event)) {
      throw new TypeError(`Unknown Traytune event; expected one of ${PUSH_EVENTS.join(', ')}`);
    }
    if (typeof listener !== 'function') throw new TypeError('The listener must be a function');
    const unsubscribe = subscribe(event, (payload) => {
      try {
        listener(payload as PushEvents[E]);
      } catch (error) {
        // One failing listener must not stop delivery to the others.
        console.error(`traytune: a listener for ${event} threw`, error);
      }
    });
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      unsubscribe();
    };
  };

  return deepFreeze(api) as TraytuneApi;
}

/** An IpcError's shape as a plain object: the form that survives Electron's contextBridge with its code. */
export function plainIpcError(
  code: string,
  message: string,
): { name: 'IpcError'; code: string; message: string } {
  return { name: 'IpcError', code, message };
}

/** True for what `window.traytune` rejects with, whether an `IpcError` or its plain-object form. */
export function isIpcErrorLike(value: unknown): value is { readonly code: string; readonly message: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

function isIpcResponse(value: unknown): value is IpcResponse<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const { ok } = value as { ok?: unknown };
  if (ok === true) return 'value' in value;
  if (ok !== false) return false;
  return isIpcErrorLike((value as { error?: unknown }).error);
}

function deepFreeze<T>(value: T): T {
  if ((typeof value === 'object' && value !== null) || typeof value === 'function') {
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}
