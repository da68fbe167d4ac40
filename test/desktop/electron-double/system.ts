import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { app } from './app.ts';
import { DoubleEvent } from './event.ts';
import { record } from './journal.ts';
import { desktop } from './os.ts';

// --- globalShortcut ----------------------------------------------------------------------------------

const MODIFIERS = new Set([
  'command',
  'cmd',
  'control',
  'ctrl',
  'commandorcontrol',
  'cmdorctrl',
  'alt',
  'option',
  'altgr',
  'shift',
  'super',
  'meta',
]);
const NAMED_KEYS = new Set([
  'plus',
  'space',
  'tab',
  'capslock',
  'numlock',
  'scrolllock',
  'backspace',
  'delete',
  'insert',
  'return',
  'enter',
  'up',
  'down',
  'left',
  'right',
  'home',
  'end',
  'pageup',
  'pagedown',
  'escape',
  'esc',
  'volumeup',
  'volumedown',
  'volumemute',
  'medianexttrack',
  'mediaprevioustrack',
  'mediastop',
  'mediaplaypause',
  'printscreen',
  'numdec',
  'numadd',
  'numsub',
  'nummult',
  'numdiv',
]);
const MEDIA_KEYS = new Set(['medianexttrack', 'mediaprevioustrack', 'mediastop', 'mediaplaypause']);

/** Electron's accelerator grammar; a string it cannot convert makes `register` throw, as Electron does. */
function parseAccelerator(accelerator: string): string {
  const parts = accelerator.split('+').map((part) => part.trim().toLowerCase());
  const key = parts.pop() ?? '';
  const keyOk =
    /^[a-z0-9]$/.test(key) ||
    /^f([1-9]|1[0-9]|2[0-4])$/.test(key) ||
    /^num[0-9]$/.test(key) ||
    NAMED_KEYS.has(key) ||
    /^[)!@#$%^&*(:;<=>?~{}|"'`,\-./[\]\\_]$/.test(key);
  if (!keyOk || parts.some((part) => !MODIFIERS.has(part))) {
    throw new TypeError(`Error processing argument at index 0, conversion failure from ${accelerator}`);
  }
  const { platform } = desktop();
  const mods = parts.map((part) => {
    if (part === 'commandorcontrol' || part === 'cmdorctrl')
      return platform === 'darwin' ? 'command' : 'control';
    if (part === 'cmd') return 'command';
    if (part === 'ctrl') return 'control';
    if (part === 'option') return 'alt';
    if (part === 'meta') return 'super';
    return part;
  });
  return [...new Set(mods)]
    .sort()
    .concat(key === 'esc' ? 'escape' : key === 'return' ? 'enter' : key)
    .join('+');
}

const shortcuts = new Map<string, { accelerator: string; callback: () => void }>();

/**
 * globalShortcut: `register` answers false when another app owns the keys or this app registered them
 * already, and on macOS for media keys while the app is not a trusted accessibility client. On Wayland
 * the keys go through the desktop portal: `register` succeeds and the desktop decides later.
 */
export const globalShortcut = {
  register(accelerator: string, callback: () => void): boolean {
    const key = parseAccelerator(accelerator);
    if (shortcuts.has(key)) return false;
    if (desktop().takenShortcuts.some((taken) => parseAccelerator(taken) === key)) return false;
    if (desktop().platform === 'darwin' && MEDIA_KEYS.has(key) && !desktop().accessibilityTrusted)
      return false;
    shortcuts.set(key, { accelerator, callback });
    record('globalShortcut.register', accelerator);
    return true;
  },
  unregister(accelerator: string): void {
    shortcuts.delete(parseAccelerator(accelerator));
  },
  unregisterAll(): void {
    shortcuts.clear();
  },
  isRegistered(accelerator: string): boolean {
    return shortcuts.has(parseAccelerator(accelerator));
  },
} satisfies Pick<Electron.GlobalShortcut, 'register' | 'unregister' | 'unregisterAll' | 'isRegistered'>;

/** The user presses keys (double only): false when no shortcut of this app has them. */
export function pressShortcut(accelerator: string): boolean {
  const entry = shortcuts.get(parseAccelerator(accelerator));
  entry?.callback();
  return entry !== undefined;
}

export function registeredShortcuts(): string[] {
  return [...shortcuts.values()].map((entry) => entry.accelerator);
}

// --- screen ------------------------------------------------------------------------------------------

const BOUNDS = { x: 0, y: 0, width: 1920, height: 1080 };
const WORK_AREAS = {
  linux: { x: 0, y: 32, width: 1920, height: 1048 }, // a top panel
  darwin: { x: 0, y: 25, width: 1920, height: 1055 }, // the menu bar
  win32: { x: 0, y: 0, width: 1920, height: 1040 }, // the taskbar at the bottom
} as const;
const CURSOR = {
  linux: { x: 1800, y: 16 },
  darwin: { x: 1640, y: 10 },
  win32: { x: 1790, y: 1060 },
} as const;

function display(): Electron.Display {
  return {
    id: 1,
    label: 'double',
    bounds: BOUNDS,
    workArea: WORK_AREAS[desktop().platform],
    size: { width: BOUNDS.width, height: BOUNDS.height },
    workAreaSize: {
      width: WORK_AREAS[desktop().platform].width,
      height: WORK_AREAS[desktop().platform].height,
    },
    scaleFactor: 1,
    rotation: 0,
    internal: false,
    monochrome: false,
    accelerometerSupport: 'unknown',
    touchSupport: 'unknown',
    colorDepth: 24,
    colorSpace: '',
    depthPerComponent: 8,
    displayFrequency: 60,
    detected: true,
    maximumCursorSize: { width: 64, height: 64 },
    nativeOrigin: { x: 0, y: 0 },
  };
}

class Screen
  extends EventEmitter
  implements
    Pick<
      Electron.Screen,
      | 'getCursorScreenPoint'
      | 'getDisplayNearestPoint'
      | 'getPrimaryDisplay'
      | 'getAllDisplays'
      | 'getDisplayMatching'
    >
{
  /** Wayland: the compositor tells clients nothing about the pointer outside their windows. */
  getCursorScreenPoint(): Electron.Point {
    return desktop().wayland ? { x: 0, y: 0 } : { ...CURSOR[desktop().platform] };
  }
  getDisplayNearestPoint(_point: Electron.Point): Electron.Display {
    return display();
  }
  getDisplayMatching(_rect: Electron.Rectangle): Electron.Display {
    return display();
  }
  getPrimaryDisplay(): Electron.Display {
    return display();
  }
  getAllDisplays(): Electron.Display[] {
    return [display()];
  }
}
export const screen = new Screen();

// --- powerMonitor, net, nativeTheme --------------------------------------------------------------------

class PowerMonitor
  extends EventEmitter
  implements Pick<Electron.PowerMonitor, 'getSystemIdleState' | 'isOnBatteryPower'>
{
  getSystemIdleState(_idleThreshold: number): 'active' | 'idle' | 'locked' | 'unknown' {
    return 'active';
  }
  isOnBatteryPower(): boolean {
    return false;
  }
}
export const powerMonitor = new PowerMonitor();

let online = true;
export function setOnline(value: boolean): void {
  online = value;
}

export const net = {
  isOnline: () => online,
  /** file: URLs (the app:// handler serves the renderer with them); nothing else is reachable. */
  async fetch(input: string | Request, _init?: RequestInit): Promise<Response> {
    const url = typeof input === 'string' ? input : input.url;
    if (!url.startsWith('file:'))
      throw new Error(`net::ERR_FAILED (the double fetches file: URLs only): ${url}`);
    try {
      return new Response(await readFile(fileURLToPath(url)), { status: 200 });
    } catch {
      throw new Error('net::ERR_FILE_NOT_FOUND');
    }
  },
} satisfies Pick<Electron.Net, 'isOnline'> & {
  fetch: (input: string | Request, init?: RequestInit) => Promise<Response>;
};

class NativeTheme
  extends EventEmitter
  implements Pick<Electron.NativeTheme, 'shouldUseDarkColors' | 'themeSource'>
{
  shouldUseDarkColors = false;
  themeSource: 'system' | 'light' | 'dark' = 'system';
}
export const nativeTheme = new NativeTheme();

// --- protocol and session ----------------------------------------------------------------------------

type ProtocolHandler = (request: Request) => Response | Promise<Response>;
const protocolHandlers = new Map<string, ProtocolHandler>();

export const protocol = {
  registerSchemesAsPrivileged(customSchemes: Electron.CustomScheme[]): void {
    if (app.isReady())
      throw new Error('protocol.registerSchemesAsPrivileged must be called before the app is ready');
    record('protocol.registerSchemesAsPrivileged', customSchemes);
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    if (!app.isReady()) throw new Error('protocol.handle can only be used after the app is ready');
    protocolHandlers.set(scheme, handler);
  },
  unhandle(scheme: string): void {
    protocolHandlers.delete(scheme);
  },
  isProtocolHandled(scheme: string): boolean {
    return protocolHandlers.has(scheme);
  },
} satisfies Pick<Electron.Protocol, 'registerSchemesAsPrivileged' | 'unhandle' | 'isProtocolHandled'> & {
  handle: (scheme: string, handler: ProtocolHandler) => void;
};

/** A request to a custom scheme, as the renderer's loads make it (double only). */
export async function fetchScheme(
  url: string,
): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const handler = protocolHandlers.get(new URL(url).protocol.slice(0, -1));
  if (!handler) throw new Error(`no handler for ${url}`);
  const response = await handler(new Request(url));
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers),
    body: await response.text(),
  };
}

type HeadersListener = Parameters<Electron.WebRequest['onHeadersReceived']>[0];
type PermissionHandler = Parameters<Electron.Session['setPermissionRequestHandler']>[0];
type PermissionCheckHandler = Parameters<Electron.Session['setPermissionCheckHandler']>[0];

class WebRequest {
  headersListener: HeadersListener | null = null;
  onHeadersReceived(listener: HeadersListener | null): void {
    this.headersListener = listener;
  }
}

class Session implements Pick<
  Electron.Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'resolveProxy'
> {
  readonly webRequest = new WebRequest();
  permissionHandler: PermissionHandler = null;
  permissionCheckHandler: PermissionCheckHandler = null;
  setPermissionRequestHandler(handler: PermissionHandler): void {
    this.permissionHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    this.permissionCheckHandler = handler;
  }
  /** Per host, overriding the answers the desktop started with (double only: the network changed). */
  readonly proxyOverrides = new Map<string, string>();
  resolveProxy(url: string): Promise<string> {
    record('session.resolveProxy', url);
    const host = new URL(url).hostname;
    const answers = desktop().proxyAnswers;
    return Promise.resolve(
      this.proxyOverrides.get(host) ??
        answers[host] ??
        this.proxyOverrides.get('*') ??
        answers['*'] ??
        'DIRECT',
    );
  }

  /** A page asks for a permission (double only); Electron grants it when no handler is set. */
  requestPermission(permission: string, webContents: unknown): Promise<boolean> {
    const handler = this.permissionHandler;
    if (!handler) return Promise.resolve(true);
    return new Promise((resolve) =>
      handler(
        webContents as Electron.WebContents,
        permission as 'clipboard-read',
        resolve,
        {} as Electron.PermissionRequest,
      ),
    );
  }

  /** The response headers a page load ends up with (double only). */
  headersFor(url: string, headers: Record<string, string[]>): Promise<Record<string, string[]>> {
    const listener = this.webRequest.headersListener;
    if (!listener) return Promise.resolve(headers);
    return new Promise((resolve) =>
      listener(
        { url, responseHeaders: headers } as unknown as Electron.OnHeadersReceivedListenerDetails,
        (response) => resolve((response.responseHeaders as Record<string, string[]> | undefined) ?? headers),
      ),
    );
  }
}
const defaultSession = new Session();
export const session = {
  defaultSession,
  fromPartition: (_partition: string) => defaultSession,
};

// --- shell, clipboard, systemPreferences ---------------------------------------------------------

export const shell = {
  openExternal(url: string, options?: Electron.OpenExternalOptions): Promise<void> {
    record('shell.openExternal', url, options);
    return Promise.resolve();
  },
  openPath(path: string): Promise<string> {
    record('shell.openPath', path);
    return Promise.resolve('');
  },
  showItemInFolder(fullPath: string): void {
    record('shell.showItemInFolder', fullPath);
  },
} satisfies Pick<Electron.Shell, 'openExternal' | 'openPath' | 'showItemInFolder'>;

let clipboardText = '';
let clipboardRefuses = false;
/** The system clipboard refuses writes from now on (double only: another app holds it, a sandbox). */
export function refuseClipboard(): void {
  clipboardRefuses = true;
}
export const clipboard = {
  writeText(text: string): Promise<void> {
    if (clipboardRefuses) return Promise.reject(new Error('clipboard write failed'));
    clipboardText = text;
    record('clipboard.writeText');
    return Promise.resolve();
  },
  readText(): Promise<string> {
    return Promise.resolve(clipboardText);
  },
} satisfies Pick<Electron.Clipboard, 'writeText' | 'readText'>;

/**
 * systemPreferences. `isTrustedAccessibilityClient` exists on macOS only: elsewhere it is undefined, and
 * calling it throws a TypeError, as in Electron.
 */
class SystemPreferences extends EventEmitter {
  get isTrustedAccessibilityClient(): Electron.SystemPreferences['isTrustedAccessibilityClient'] {
    if (desktop().platform !== 'darwin')
      return undefined as unknown as Electron.SystemPreferences['isTrustedAccessibilityClient'];
    return (prompt: boolean) => {
      record('systemPreferences.isTrustedAccessibilityClient', prompt);
      return desktop().accessibilityTrusted;
    };
  }
}
export const systemPreferences = new SystemPreferences();

// --- Notification -------------------------------------------------------------------------------------

const notifications: Notification[] = [];
export function allNotifications(): readonly Notification[] {
  return notifications;
}

export class Notification
  extends EventEmitter
  implements Pick<Electron.Notification, 'show' | 'close' | 'title' | 'body' | 'silent'>
{
  title: string;
  body: string;
  silent: boolean;
  shown = false;
  closed = false;

  constructor(options: Electron.NotificationConstructorOptions = {}) {
    super();
    this.title = options.title ?? '';
    this.body = options.body ?? '';
    this.silent = options.silent ?? false;
    notifications.push(this);
  }

  static isSupported(): boolean {
    return true;
  }

  show(): void {
    this.shown = true;
    this.emit('show', new DoubleEvent());
  }

  close(): void {
    this.closed = true;
    this.emit('close', new DoubleEvent());
  }

  /** Windows: the toast could not be shown (double only). */
  fail(error: string): void {
    this.emit('failed', new DoubleEvent(), error);
  }
}

// --- ipcMain -----------------------------------------------------------------------------------------

type InvokeHandler = (event: Electron.IpcMainInvokeEvent, ...args: unknown[]) => unknown;

class IpcMain extends EventEmitter implements Pick<Electron.IpcMain, 'handle' | 'removeHandler'> {
  readonly handlers = new Map<string, InvokeHandler>();

  handle(channel: string, listener: Parameters<Electron.IpcMain['handle']>[1]): void {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** A renderer's `ipcRenderer.invoke` (double only), with Electron's error wrapping. */
  async invoke(event: Electron.IpcMainInvokeEvent, channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler)
      throw new Error(
        `Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`,
      );
    try {
      return structuredClone(await handler(event, ...args));
    } catch (error) {
      throw new Error(`Error invoking remote method '${channel}': ${String(error)}`, { cause: error });
    }
  }
}
export const ipcMain = new IpcMain();
