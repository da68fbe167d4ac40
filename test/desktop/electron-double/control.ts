/**
 * The boot test's hands: it sends `{ id, op, args }` over the child-process channel and gets
 * `{ id, ok, result | error }` back. Ops are what a user or the OS does (click the tray, press keys, log
 * out) and `state`, what the app has made of Electron so far. When the app ends, `{ type: 'exit' }`
 * reports how, with the resources still holding the event loop, and the channel closes, so the process
 * ends by itself only if the app left nothing running.
 */
import { app } from './app.ts';
import { BrowserWindow } from './browser-window.ts';
import { answerMessageBox, openMessageBoxes } from './dialog.ts';
import { DoubleEvent } from './event.ts';
import { journal } from './journal.ts';
import { Menu } from './menu.ts';
import { desktop } from './os.ts';
import {
  allNotifications,
  refuseClipboard,
  clipboard,
  fetchScheme,
  ipcMain,
  powerMonitor,
  pressShortcut,
  registeredShortcuts,
  session,
  setOnline,
} from './system.ts';
import { pendingTimers } from './timers.ts';
import { allTrays } from './tray.ts';

interface ControlRequest {
  readonly id: number;
  readonly op: string;
  readonly args?: Record<string, unknown>;
}

function tray() {
  const live = allTrays().filter((each) => !each.isDestroyed());
  if (live.length !== 1) throw new Error(`expected one tray icon, found ${live.length}`);
  return live[0]!;
}

function window(): BrowserWindow {
  const windows = BrowserWindow.getAllWindows();
  if (windows.length === 0) throw new Error('the app has no window');
  return windows[0]!;
}

const str = (value: unknown): string => String(value);

const ops: Record<string, (args: Record<string, unknown>) => unknown> = {
  state: async () => ({
    platform: desktop().platform,
    trays: allTrays().map((each) => each.view()),
    windows: BrowserWindow.getAllWindows().map((each) => each.view()),
    shortcuts: registeredShortcuts(),
    ipcChannels: [...ipcMain.handlers.keys()],
    journal: journal(),
    notifications: allNotifications().map(({ title, body, shown, closed }) => ({
      title,
      body,
      shown,
      closed,
    })),
    defaultApplicationMenu: Menu.hasDefaultApplicationMenu(),
    switches: Object.fromEntries((app.commandLine as unknown as { switches: Map<string, string> }).switches),
    dockVisible: app.dock?.isVisible() ?? null,
    clipboard: await clipboard.readText(),
    messageBoxes: openMessageBoxes(),
    exit: app.exitRecord,
  }),
  clickTray: ({ button }) => tray().click(button === 'right' ? 'right' : 'left'),
  chooseMenuItem: ({ id }) => tray().chooseMenuItem(str(id)),
  closeMenu: () => tray().closeMenu(),
  pressShortcut: ({ accelerator }) => pressShortcut(str(accelerator)),
  secondInstance: ({ argv }) => {
    app.emit('second-instance', new DoubleEvent(), argv, desktop().home, {});
  },
  activate: () => app.emit('activate', new DoubleEvent(), true),
  invoke: async ({ channel, input, frameUrl, subframe }) => {
    const target = window();
    const event = {
      sender: target.webContents,
      senderFrame: {
        url: frameUrl === undefined ? target.webContents.url : str(frameUrl),
        parent: subframe ? {} : null,
      },
      processId: 1,
      frameId: 1,
    } as unknown as Electron.IpcMainInvokeEvent;
    try {
      return { ok: true, value: await ipcMain.invoke(event, str(channel), input) };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  },
  windowEvent: ({ event }) => window().emit(str(event), new DoubleEvent()),
  crashRenderer: ({ reason }) =>
    window().webContents.emit('render-process-gone', new DoubleEvent(), {
      reason: str(reason ?? 'crashed'),
      exitCode: 139,
    }),
  blurWindow: () => window().blur(),
  pressKey: ({ accelerator }) => window().webContents.pressKey(str(accelerator)),
  dragWindow: ({ x, y }) => window().dragTo(Number(x), Number(y)),
  power: ({ event }) => powerMonitor.emit(str(event), new DoubleEvent()),
  setOnline: ({ online }) => setOnline(online === true),
  /** The system's proxy settings change (a new network): what `resolveProxy` answers for `host` from now. */
  setProxy: ({ host, answer }) => void session.defaultSession.proxyOverrides.set(str(host), str(answer)),
  fetchScheme: ({ url }) => fetchScheme(str(url)),
  responseHeaders: ({ url }) => session.defaultSession.headersFor(str(url), {}),
  requestPermission: ({ permission }) =>
    session.defaultSession.requestPermission(str(permission), window().webContents),
  failNotification: ({ error }) => {
    const last = allNotifications().at(-1);
    if (!last) throw new Error('no notification was shown');
    last.fail(str(error ?? 'toast failed'));
  },
  /** The user answers the open message box: `button` (its label), or `key` Enter or Escape. */
  answerMessageBox: ({ button, key }) =>
    answerMessageBox({
      ...(button === undefined ? {} : { button: str(button) }),
      ...(key === 'Enter' || key === 'Escape' ? { key } : {}),
    }),
  refuseClipboard: () => refuseClipboard(),
  /** The user quits from the OS (Dock › Quit, logging out, shutting down): Electron runs app.quit(). */
  osQuit: ({ shutdown }) => {
    if (shutdown === true && desktop().platform !== 'win32') powerMonitor.emit('shutdown', new DoubleEvent());
    app.quit();
    return app.exitRecord;
  },
  /** What a crashed main process would leave behind: nothing to report, the test kills the child. */
  exitRecord: () => app.exitRecord,
};

function send(message: unknown): void {
  process.send?.(message);
}

export function startControl(): void {
  process.on('message', (message: ControlRequest) => {
    const op = ops[message.op];
    void Promise.resolve()
      .then(() => {
        if (!op) throw new Error(`unknown op ${message.op}`);
        return op(message.args ?? {});
      })
      .then(
        (result) => send({ id: message.id, ok: true, result: result ?? null }),
        (error: unknown) =>
          send({
            id: message.id,
            ok: false,
            error: error instanceof Error ? (error.stack ?? error.message) : String(error),
          }),
      );
  });
  app.onExit = (exit) => {
    // Let this turn's callbacks run, then report what still holds the event loop and let go of the channel.
    setImmediate(() => {
      const resources = process
        .getActiveResourcesInfo()
        .filter((name) => name !== 'PipeWrap' && name !== 'TTYWrap');
      send({ type: 'exit', exit, resources, timers: pendingTimers() });
      process.channel?.unref();
      process.disconnect?.();
    });
  };
}
