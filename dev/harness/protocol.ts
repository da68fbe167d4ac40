import type { IpcResponse } from '../../src/shared/ipc/contract.ts';

/** Where the page's ipcRenderer double connects (a WebSocket on the harness's own origin). */
export const BRIDGE_SOCKET_PATH = '/__harness/bridge';

/**
 * The harness bridge's WebSocket messages (JSON): the page's ipcRenderer double invokes, the harness answers
 * and pushes. `input` is the one argument the main side reads (desktop/ipc.ts's handlers take one).
 */
export type BridgeMessage =
  | { readonly type: 'invoke'; readonly id: number; readonly channel: string; readonly input: unknown }
  | { readonly type: 'result'; readonly id: number; readonly response: IpcResponse<unknown> }
  | { readonly type: 'event'; readonly event: string; readonly payload: unknown };
