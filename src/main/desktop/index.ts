import { app, dialog, globalShortcut, powerMonitor } from 'electron';
import { join } from 'node:path';
import { allowedEnv } from '../app/allowed-env.ts';
import { CLI_HELP, parseCliArgs, secondInstanceCommands, type AppCommand } from '../app/cli-commands.ts';
import { createCommandRunner, type Command } from '../app/commands.ts';
import { commandForShortcut } from '../app/shortcuts.ts';
import { REQUEST_COUNTS_FILE_NAME, RequestCountsFile } from '../app/request-counts-file.ts';
import { TraytuneApp } from '../app/traytune-app.ts';
import { KeychainTokenCache } from '../auth/caches/keychain.ts';
import { createIpcDispatcher, createOriginCheck, rendererOrigins } from '../ipc/index.ts';
import { keyringOnItsOwnThread } from '../secrets/keychain-thread.ts';
import { SystemKeychain } from '../secrets/keychain.ts';
// electron-vite builds the worker as its own file next to the main bundle.
import startKeyringWorker from '../secrets/keyring-worker.ts?nodeWorker';
import { systemScheduler } from '../spotify/player/index.ts';
import { systemClock } from '../util/clock.ts';
import { PUSH_EVENTS, type PushEvents } from '../../shared/ipc/contract.ts';
import { setProductionApplicationMenu } from './application-menu.ts';
import { confirmSignOut, tellCommandFailed } from './dialogs.ts';
import { isWayland } from './display-server.ts';
import { createExternalOpener } from './external.ts';
import { registerIpc } from './ipc.ts';
import { startSpotifyNetwork } from './network.ts';
import { applyLoginItem } from './login-item.ts';
import { MiniPlayerWindow } from './mini-player-window.ts';
import { notifyTrackChanges } from './notifications.ts';
import { installsNeedRoot, linuxPackageType } from './package-type.ts';
import { paths } from './paths.ts';
import { startLogFile } from './log-file.ts';
import { wirePower } from './power.ts';
import { applyProfile } from './profile.ts';
import { startUpdateChecks } from './updates.ts';
import {
  contentSecurityPolicy,
  hardenSession,
  lockDownWebContents,
  registerAppScheme,
  serveRenderer,
} from './security.ts';
import { createDesktopShell } from './shell.ts';
import { GlobalShortcuts } from './shortcuts.ts';
import { createSettingsStore } from './store.ts';
import { localPlayerOpener } from './local-player.ts';
import { desktopPlatform } from '../app/desktop-shell.ts';
import { TrayController } from './tray.ts';

// The composition root (below the Electron line): Electron objects are made here and handed the plain
// TraytuneApp, which does the work. Nothing here decides anything a test would want to check.

/** The Windows AppUserModelID (notifications, taskbar identity); the same as electron-builder's appId. */
const APP_USER_MODEL_ID = 'app.traytune.desktop';
/** Linux: the reverse-DNS name of the installed .desktop file (Wayland's app ID, the tray's identity). */
const DESKTOP_FILE_NAME = 'app.traytune.Traytune.desktop';
/** How long Traytune's own Quit waits for the app to stop (cancel a sign-in, close connections). */
const STOP_TIMEOUT_MS = 3_000;
/** Opening the tray menu refreshes the device list at most this often (each refresh is a request). */
const DEVICE_REFRESH_MS = 30_000;

function main(): void {
  // This launch's own command line is answered in its own terminal, before anything else happens.
  const cli = parseCliArgs(process.argv);
  if (cli.help) {
    process.stdout.write(CLI_HELP);
    app.exit(0);
    return;
  }
  if (cli.errors.length > 0) {
    for (const error of cli.errors) console.error(error);
    app.exit(2);
    return;
  }
  applyProfile();
  // A second launch hands its argv to the running instance (`second-instance`) and leaves.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  // `traytune --quit` with nothing running: nothing to do.
  if (cli.commands.some((command) => command.type === 'quit')) {
    app.quit();
    return;
  }

  startLogFile();
  registerAppScheme();
  lockDownWebContents();
  app.setAppUserModelId(APP_USER_MODEL_ID);
  // Wayland and the StatusNotifier tray find the app's icon and name through its desktop file.
  if (process.platform === 'linux') {
    app.setDesktopName(DESKTOP_FILE_NAME);
    // Global shortcuts on Wayland go through the desktop portal (X11 keeps using key grabs).
    app.commandLine.appendSwitch('enable-features', 'GlobalShortcutsPortal');
  }
  app.on('window-all-closed', () => {
    // A tray app keeps running with no window open.
  });

  app
    .whenReady()
    .then(() => start(cli.commands))
    .catch((error: unknown) => {
      console.error('[traytune] could not start:', error);
      dialog.showErrorBox('Traytune could not start', error instanceof Error ? error.message : String(error));
      app.exit(1);
    });
}

async function start(initialCommands: readonly AppCommand[]): Promise<void> {
  // No Dock icon on macOS (packaged builds also set LSUIElement); no taskbar entry anywhere (skipTaskbar).
  app.dock?.hide();
  if (app.isPackaged) setProductionApplicationMenu();

  const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'] || undefined;
  const csp = contentSecurityPolicy(devServerUrl);
  hardenSession(csp);
  serveRenderer(paths.rendererDir(), csp);

  // Packaged builds ignore the variables that would point sign-in and the Web API at another host.
  const env = allowedEnv(process.env, { packaged: app.isPackaged });
  // Sign-in and the Web API go through the system's (or the environment's) proxy, like the browser.
  const network = await startSpotifyNetwork(env);
  const wayland = isWayland();
  const { store: settings, close: closeSettings } = createSettingsStore();
  // The keychain talks to the OS store on its own thread: a slow or hung store never freezes the app.
  const keychain = new SystemKeychain({ createEntry: keyringOnItsOwnThread(() => startKeyringWorker({})) });
  const shortcuts = new GlobalShortcuts({
    wayland,
    onAction: (action) => run(commandForShortcut(action)),
    onStatusChange: () => traytune.desktopStatusChanged(),
  });

  let quitting = false;
  let tray: TrayController | null = null;
  let updateReady: string | null = null;
  const miniPlayer = new MiniPlayerWindow({
    settings,
    devServerUrl,
    production: app.isPackaged,
    wayland,
    trayBounds: () => tray?.bounds ?? null,
    onVisibilityChange: (visible) => {
      traytune.handlers['ui:setVisible']({ visible }).catch((error: unknown) => {
        console.error('[traytune] ui:setVisible failed:', error);
      });
      // macOS: the user may have just allowed Traytune under Accessibility.
      if (visible && shortcuts.recheckAccessibility(settings.get())) traytune.desktopStatusChanged();
      tray?.refresh();
    },
    isQuitting: () => quitting,
  });
  // deb and rpm installers need the root password: never at quit, only on "Restart to update".
  const updates = startUpdateChecks({
    isPackaged: app.isPackaged,
    enabled: () => settings.get().checkForUpdates,
    installOnQuit: !installsNeedRoot(linuxPackageType()),
    onUpdateDownloaded: (version) => {
      updateReady = version;
      traytune.desktopStatusChanged();
    },
  });
  const installUpdate = () => updates.installNow();
  // The callbacks above reach it only once it exists: nothing calls them before start().
  const traytune = new TraytuneApp({
    settings,
    createTokenCache: (clientId) =>
      new KeychainTokenCache({
        keychain,
        clientId,
        onDiscard: (problem) => console.warn(`[keychain] ${problem}`),
      }),
    openExternal: createExternalOpener(env['TRAYTUNE_ACCOUNTS_URL']?.trim() || null),
    env,
    dispatcher: network.dispatcher,
    clock: systemClock,
    scheduler: systemScheduler,
    // The request budget's per-minute counts, so a restart does not hand back a full day's budget.
    requestCounts: new RequestCountsFile(join(app.getPath('userData'), REQUEST_COUNTS_FILE_NAME)),
    // The Spotify app on this computer: what it plays without an account, and its changes without polling.
    openLocalPlayer: localPlayerOpener(desktopPlatform()),
    shortcutStatus: () => shortcuts.status(),
    desktop: createDesktopShell({
      wayland,
      hideMiniPlayer: () => miniPlayer.hide(),
      installUpdate,
      mediaKeysNeedAccessibility: () => shortcuts.mediaKeysNeedAccessibility(),
      shortcutChangeNeedsRestart: () => shortcuts.changeNeedsRestart(),
      updateReady: () => updateReady,
    }),
  });

  let lastDeviceRefresh = Number.NEGATIVE_INFINITY;
  const commands = createCommandRunner({
    handlers: traytune.handlers,
    getSnapshot: () => traytune.getSnapshot(),
    getAccount: () => traytune.getState().account,
    showPanel: (panel) => traytune.showPanel(panel),
    showMiniPlayer: () => miniPlayer.show(),
    hideMiniPlayer: () => miniPlayer.hide(),
    toggleMiniPlayer: () => miniPlayer.toggle(),
    // The tray offers it only once an update is ready; a stale menu item finds none.
    installUpdate: () => {
      if (!installUpdate()) console.warn('[updates] no downloaded update to install');
    },
    quit: () => quitApp(),
    confirmSignOut,
    tell: tellCommandFailed,
    logBug: (message, error) => console.error(message, error),
  });
  const run = (command: Command) => void commands.run(command);
  tray = new TrayController({
    app: traytune,
    isMiniPlayerVisible: () => miniPlayer.isVisible(),
    onClick: () => miniPlayer.toggle(),
    run,
    onMenuWillShow: () => {
      // The Devices submenu: fresh when the menu opens (where the OS says so), within the request budget.
      if (traytune.getState().account !== 'signed-in' || Date.now() - lastDeviceRefresh < DEVICE_REFRESH_MS)
        return;
      lastDeviceRefresh = Date.now();
      run({ type: 'refreshDevices' });
    },
  });

  // IPC: the contract's handlers, for the mini-player's top frame only, from the app's own origin only.
  const dispatcher = createIpcDispatcher({
    handlers: traytune.handlers,
    isTrustedSender: createOriginCheck(rendererOrigins({ devServerUrl })),
  });
  const unregisterIpc = registerIpc(dispatcher, () => (miniPlayer.window ? [miniPlayer.window] : []));
  const forward = <E extends keyof PushEvents>(event: E) =>
    traytune.on(event, (payload) => miniPlayer.send(event, payload));
  for (const event of PUSH_EVENTS) forward(event);

  shortcuts.apply(settings.get());
  let startAtLogin = settings.get().startAtLogin;
  const loginItem = (enabled: boolean) =>
    applyLoginItem(enabled).catch((error: unknown) => console.warn('[traytune] login item:', error));
  void loginItem(startAtLogin);
  settings.onChange((next) => {
    shortcuts.apply(next);
    traytune.desktopStatusChanged();
    if (next.startAtLogin !== startAtLogin) {
      startAtLogin = next.startAtLogin;
      void loginItem(startAtLogin);
    }
  });
  notifyTrackChanges(traytune, settings, () => miniPlayer.isVisible());
  const unwirePower = wirePower(traytune);

  app.on('second-instance', (_event, argv) => {
    for (const command of secondInstanceCommands(argv)) run(command);
  });
  // macOS: opening the app again from Finder or Spotlight.
  app.on('activate', () => miniPlayer.show());

  /** Everything that holds Electron objects, timers or keys; the app's own stop() follows. */
  const teardown = () => {
    quitting = true;
    shortcuts.dispose();
    unwirePower();
    updates.stop();
    unregisterIpc();
    tray?.destroy();
    miniPlayer.destroy();
    closeSettings();
  };
  // Traytune's own Quit (tray, `--quit`): stop the app (cancel a sign-in, close connections), then quit.
  const quitApp = () => {
    if (quitting) return;
    teardown();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, STOP_TIMEOUT_MS);
    });
    void Promise.race([traytune.stop().finally(() => network.stop()), timeout])
      .catch((error: unknown) => console.error('[traytune] stopping failed:', error))
      .finally(() => {
        clearTimeout(timer);
        app.quit();
      });
  };
  // Any other quit (the OS's Quit, logging out, shutting down, an update installing) is never held up:
  // before-quit is not cancelled (on macOS that would cancel the logout), the cleanup just starts.
  const quitFromOutside = () => {
    if (quitting) return;
    teardown();
    void traytune
      .stop()
      .finally(() => network.stop())
      .catch((error: unknown) => console.error('[traytune] stopping failed:', error));
  };
  app.on('before-quit', quitFromOutside);
  powerMonitor.on('shutdown', quitFromOutside);
  app.on('will-quit', () => globalShortcut.unregisterAll());

  await traytune.start();
  // First run (or a sign-in that needs renewing): the mini-player is where that happens.
  const { account } = traytune.getState();
  if (account === 'no-client-id' || account === 'reconnect-needed') miniPlayer.show();
  for (const command of initialCommands) run(command);
}

main();
