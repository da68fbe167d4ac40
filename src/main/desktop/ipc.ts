import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { invokeChannels } from '../../shared/ipc/contract.ts';
import type { IpcDispatcher } from '../ipc/dispatcher.ts';

/** The app's own windows: calls from any other web contents are refused. */
export type WindowProvider = () => Iterable<BrowserWindow>;

/** Registers one `ipcMain.handle` per contract channel; returns the function that removes them all. */
export function registerIpc(dispatcher: IpcDispatcher, windows: WindowProvider): () => void {
  const channels = Object.keys(invokeChannels);
  for (const channel of channels) {
    ipcMain.handle(channel, (event, input: unknown) =>
      dispatcher.dispatch(channel, senderUrlOf(event, windows), input),
    );
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}

/**
 * The URL the origin check judges, or undefined (refused) unless the call comes from the top frame of one of
 * the app's windows: an iframe or a stray web contents never speaks for the app.
 */
function senderUrlOf(event: IpcMainInvokeEvent, windows: WindowProvider): string | undefined {
  const frame = event.senderFrame;
  if (frame === null || frame.parent !== null) return undefined;
  for (const window of windows()) {
    if (!window.isDestroyed() && window.webContents.id === event.sender.id) return frame.url;
  }
  return undefined;
}
