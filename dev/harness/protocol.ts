import type { IpcResponse } from '../../src/shared/ipc/contract.ts';

/** The harness bridge's WebSocket messages (JSON): the browser invokes, the harness answers and pushes. */
export type BridgeMessage =
  | { readonly type: 'invoke'; readonly id: number; readonly channel: string; readonly input: unknown }
  | { readonly type: 'result'; readonly id: number; readonly response: IpcResponse<unknown> }
  | { readonly type: 'event'; readonly event: string; readonly payload: unknown };
