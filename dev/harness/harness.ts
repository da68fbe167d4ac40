/**
 * The harness: Traytune's main-process core (TraytuneApp) in plain Node, and the built app's page on
 * loopback — out/preload/index.cjs run before out/renderer, with a renderer-side electron double whose
 * ipcRenderer carries the IPC contract over a WebSocket — so the mini-player runs in any browser and
 * Playwright drives the preload users get, with the Spotify simulator (default) or real Spotify behind it.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { realTimeClock, startSimulator, type Simulator, type SimulatorOptions } from '../simulator/index.ts';
import { MemoryTokenCache } from '../../src/main/auth/caches/memory.ts';
import type { TokenCache } from '../../src/main/auth/token-cache.ts';
import type { ApiClientTuning, EngineTuning } from '../../src/main/app/connection.ts';
import { MemorySettingsStore } from '../../src/main/settings/settings-store.ts';
import { TraytuneApp } from '../../src/main/app/traytune-app.ts';
import { openMprisBridge, type MprisBridgeOptions } from '../../src/main/local-player/index.ts';
import type { RollingGuardOptions } from '../../src/main/spotify/request-budget.ts';
import { createIpcDispatcher, createOriginCheck } from '../../src/main/ipc/index.ts';
import { PUSH_EVENTS, type IpcResponse } from '../../src/shared/ipc/contract.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../src/shared/settings.ts';
import { shortcutStatusFrom } from '../../src/main/app/shortcuts.ts';
import type { DesktopStatus } from '../../src/shared/app-state.ts';
import { readBuildOutput } from './build-output.ts';
import { recordingDesktop, type RecordingDesktop } from './recording-desktop.ts';
import { buildPreloadScript, injectPreloadScript, PRELOAD_SCRIPT_PATH } from './preload-script.ts';
import { BRIDGE_SOCKET_PATH, type BridgeMessage } from './protocol.ts';

export interface HarnessOptions {
  /** Real Spotify with this client ID; without it, a seeded simulator. */
  readonly clientId?: string;
  readonly port?: number;
  /** Settings to start from (e.g. a client ID to skip onboarding). */
  readonly settings?: Partial<Settings>;
  /** Where sign-in URLs go: the test's second page, or the user's browser. Default: recorded and printed. */
  readonly openExternal?: (url: string) => Promise<void>;
  /** The grant store; default in memory (the desktop app uses the keychain). */
  readonly createTokenCache?: (clientId: string) => TokenCache;
  readonly signInTimeoutMs?: number;
  /** electron-vite's output folder (default out/): the harness serves its renderer/ and preload/index.cjs. */
  readonly outDir?: string;
  /** Options of the seeded simulator; its clock is wall time (with an offset tests can move) by default. */
  readonly simulator?: Omit<SimulatorOptions, 'seed'>;
  /** Web API client knobs passed to TraytuneApp (tests: faster network backoff). */
  readonly apiClient?: ApiClientTuning;
  /** Player engine knobs passed to TraytuneApp (tests: faster polling). */
  readonly engine?: EngineTuning;
  /** The request budget's rolling-window guard passed to TraytuneApp (default: the app's). */
  readonly requestGuard?: RollingGuardOptions;
  /** What the stand-in desktop shell reports at start (default: this OS, no Wayland, nothing waiting). */
  readonly desktop?: Partial<DesktopStatus>;
  /**
   * Follow a local Spotify player through MPRIS on the session bus of DBUS_SESSION_BUS_ADDRESS (local
   * mode, the push channel), as the desktop app does on Linux; `true` for that bus, or the bridge's options.
   * Default: none (a developer's own Spotify stays out of the harness unless asked for).
   */
  readonly localPlayer?: boolean | MprisBridgeOptions;
}

export interface Harness {
  readonly url: string;
  /** Present with the simulator backend. */
  readonly sim: Simulator | undefined;
  readonly app: TraytuneApp;
  /** Every URL the app asked the "system browser" to open, in order. */
  readonly opened: readonly string[];
  /** Resolves with the next URL the app opens (for a test to follow in a second page). */
  nextOpened(): Promise<string>;
  /** The stand-in desktop shell: what the window asked of it (hide, copy, …), and its status to set. */
  readonly desktop: RecordingDesktop;
  close(): Promise<void>;
}

/** What registering the shortcuts gives in the harness: nothing, for a reason the page names. */
const NO_GLOBAL_SHORTCUTS = shortcutStatusFrom([], 'unavailable');

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  // The page gets what Electron's window gets: the built preload, run before the built renderer.
  const { rendererDir, indexHtml, preloadSource } = await readBuildOutput(options.outDir);
  const pageHtml = injectPreloadScript(indexHtml);
  const preloadScript = await buildPreloadScript(preloadSource);

  const sim =
    options.clientId === undefined
      ? await startSimulator({ clock: realTimeClock(), ...options.simulator })
      : undefined;
  const env: Record<string, string> = sim
    ? { TRAYTUNE_ACCOUNTS_URL: sim.accountsUrl, TRAYTUNE_API_URL: sim.apiUrl }
    : {};

  const opened: string[] = [];
  const waiters: ((url: string) => void)[] = [];
  const openExternal = async (url: string): Promise<void> => {
    opened.push(url);
    waiters.shift()?.(url);
    if (options.openExternal) await options.openExternal(url);
    else console.info(`[harness] open in your browser: ${url}`);
  };

  const settings = new MemorySettingsStore({
    ...DEFAULT_SETTINGS,
    ...(options.clientId === undefined ? {} : { clientId: options.clientId }),
    ...options.settings,
  });
  const desktop = recordingDesktop(options.desktop);
  const localPlayer = options.localPlayer === true ? {} : options.localPlayer || null;
  const app = new TraytuneApp({
    desktop: desktop.shell,
    // A browser tab has no global shortcuts: the settings page says so rather than "Not active".
    shortcutStatus: () => NO_GLOBAL_SHORTCUTS,
    settings,
    createTokenCache: options.createTokenCache ?? (() => new MemoryTokenCache()),
    openExternal,
    env,
    ...(sim ? { clock: sim.clock } : {}),
    ...(options.signInTimeoutMs === undefined ? {} : { signInTimeoutMs: options.signInTimeoutMs }),
    ...(options.apiClient === undefined ? {} : { apiClient: options.apiClient }),
    ...(options.engine === undefined ? {} : { engine: options.engine }),
    ...(options.requestGuard === undefined ? {} : { requestGuard: options.requestGuard }),
    ...(localPlayer === null ? {} : { openLocalPlayer: () => openMprisBridge(localPlayer) }),
  });
  desktop.onChange(() => app.desktopStatusChanged());

  const server = createServer((req, res) => void serveFile(req, res));
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const dispatcher = createIpcDispatcher({
    handlers: app.handlers,
    isTrustedSender: createOriginCheck([origin]),
  });
  const sockets = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    // The bridge is the IPC contract: only the page the harness serves may use it.
    if (req.url !== BRIDGE_SOCKET_PATH || req.headers.origin !== origin) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => attach(ws));
  });

  function attach(ws: WebSocket): void {
    const unsubscribe = PUSH_EVENTS.map((event) =>
      app.on(event, (payload) => send(ws, { type: 'event', event, payload })),
    );
    ws.on('message', (data) => {
      let message: BridgeMessage;
      try {
        const text = Array.isArray(data)
          ? Buffer.concat(data)
          : Buffer.isBuffer(data)
            ? data
            : Buffer.from(new Uint8Array(data));
        message = JSON.parse(text.toString('utf8')) as BridgeMessage;
      } catch {
        return;
      }
      if (message.type !== 'invoke' || typeof message.id !== 'number') return;
      void dispatcher
        .dispatch(String(message.channel), `${origin}/`, message.input)
        .then((response) => send(ws, { type: 'result', id: message.id, response: jsonSafe(response) }));
    });
    ws.on('close', () => unsubscribe.forEach((off) => off()));
  }

  async function serveFile(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', origin).pathname;
    if (path === PRELOAD_SCRIPT_PATH) return reply(res, 200, TYPES['.js']!, preloadScript);
    if (path === '/' || path === '/index.html') return reply(res, 200, TYPES['.html']!, pageHtml);
    const file = normalize(join(rendererDir, path));
    if (!file.startsWith(normalize(rendererDir + sep))) return reply(res, 404, 'text/plain', 'Not found');
    try {
      reply(res, 200, TYPES[extname(file)] ?? 'application/octet-stream', await readFile(file));
    } catch {
      reply(res, 404, 'text/plain', 'Not found');
    }
  }

  await app.start();
  return {
    url: `${origin}/`,
    sim,
    app,
    opened,
    nextOpened: () => new Promise((resolve) => waiters.push(resolve)),
    desktop,
    close: async () => {
      for (const ws of sockets.clients) ws.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.stop();
      await sim?.close();
    },
  };
}

/**
 * JSON has no `undefined`: a void channel's `{ ok: true, value: undefined }` would arrive as `{ ok: true }`,
 * which the bridge rejects as malformed ("received an answer it could not read"). Electron's structured
 * clone keeps the key; here `null` stands in (void results are never read).
 */
function jsonSafe(response: IpcResponse<unknown>): IpcResponse<unknown> {
  return response.ok && response.value === undefined ? { ok: true, value: null } : response;
}

function send(ws: WebSocket, message: BridgeMessage): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
}

function reply(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}
