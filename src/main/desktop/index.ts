import { app, dialog, globalShortcut } from 'electron';
import { allowedEnv } from '../app/allowed-env.ts';
import { CLI_HELP, parseCliArgs, secondInstanceCommands, type AppCommand } from '../app/cli-commands.ts';
import { commandForShortcut } from '../app/shortcuts.ts';
import type { TrayAction } from '../app/tray-menu.ts';
import { TraytuneApp } from '../app/traytune-app.ts';
import { KeychainTokenCache } from '../auth/caches/keychain.ts';
import { createIpcDispatcher, createOriginCheck, rendererOrigins } from '../ipc/index.ts';
import { SystemKeychain } from '../secrets/keychain.ts';
import { systemScheduler } from '../spotify/player/index.ts';
import { systemClock } from '../util/clock.ts';
import { PUSH_EVENTS, type PushEvents } from '../../shared/ipc/contract.ts';
import { runCommand, type CommandTargets } from './commands.ts';
import { createExternalOpener } from './external.ts';
import { pushToRenderer, registerIpc } from './ipc.ts';
import { applyLoginItem } from './login-item.ts';
import { MiniPlayerWindow } from './mini-player-window.ts';
import { notifyTrackChanges } from './notifications.ts';
import { paths } from './paths.ts';
import { startLogFile } from './log-file.ts';
import { wirePower } from './power.ts';
import { startUpdateChecks } from './updates.ts';
import {
  contentSecurityPolicy,
  hardenSession,
  lockDownWebContents,
  registerAppScheme,
  serveRenderer,
} from './security.ts';
import { GlobalShortcuts } from './shortcuts.ts';
import { createSettingsStore } from './store.ts';
import { TrayController } from './tray.ts';

// The composition root (below the Electron line): Electron objects are made here and handed the plain
// TraytuneApp, which does the work. Nothing here decides anything a test would want to check.

/** The Windows AppUserModelID (notifications, taskbar identity); the same as electron-builder's appId. */
const APP_USER_MODEL_ID = 'app.traytune.desktop';
/** How long quitting waits for the app to stop (cancel a sign-in, close connections) before it exits. */
const STOP_TIMEOUT_MS = 3_000;

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
    app.setDesktopName('traytune.desktop');
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

  const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'] || undefined;
  const csp = contentSecurityPolicy(devServerUrl);
  hardenSession(csp);
  serveRenderer(paths.rendererDir(), csp);

  // Packaged builds ignore the variables that would point sign-in and the Web API at another host.
  const env = allowedEnv(process.env, { packaged: app.isPackaged });
  const settings = createSettingsStore();
  const keychain = new SystemKeychain();
  const shortcuts = new GlobalShortcuts((action) => run(commandForShortcut(action)));
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
    clock: systemClock,
    scheduler: systemScheduler,
    shortcutStatus: () => shortcuts.status(),
  });

  let quitting = false;
  let tray: TrayController | null = null;
  const miniPlayer = new MiniPlayerWindow({
    settings,
    devServerUrl,
    trayBounds: () => tray?.bounds ?? null,
    onVisibilityChange: (visible) => {
      traytune.handlers['ui:setVisible']({ visible }).catch((error: unknown) => {
        console.error('[traytune] ui:setVisible failed:', error);
      });
      tray?.refresh();
    },
    isQuitting: () => quitting,
  });
  const targets: CommandTargets = {
    app: traytune,
    showMiniPlayer: () => miniPlayer.show(),
    toggleMiniPlayer: () => miniPlayer.toggle(),
    quit: () => app.quit(),
  };
  const run = (command: AppCommand | TrayAction) => runCommand(targets, command);
  tray = new TrayController({
    app: traytune,
    isMiniPlayerVisible: () => miniPlayer.isVisible(),
    onClick: () => miniPlayer.toggle(),
    run,
  });

  // IPC: the contract's handlers, for the mini-player's top frame only, from the app's own origin only.
  const dispatcher = createIpcDispatcher({
    handlers: traytune.handlers,
    isTrustedSender: createOriginCheck(rendererOrigins({ devServerUrl })),
  });
  const unregisterIpc = registerIpc(dispatcher, () => (miniPlayer.window ? [miniPlayer.window] : []));
  const forward = <E extends keyof PushEvents>(event: E) =>
    traytune.on(event, (payload) => {
      const window = miniPlayer.window;
      if (window) pushToRenderer(window.webContents, event, payload);
    });
  for (const event of PUSH_EVENTS) forward(event);

  shortcuts.apply(settings.get());
  let startAtLogin = settings.get().startAtLogin;
  const loginItem = (enabled: boolean) =>
    applyLoginItem(enabled).catch((error: unknown) => console.warn('[traytune] login item:', error));
  void loginItem(startAtLogin);
  settings.onChange((next) => {
    shortcuts.apply(next);
    if (next.startAtLogin !== startAtLogin) {
      startAtLogin = next.startAtLogin;
      void loginItem(startAtLogin);
    }
  });
  notifyTrackChanges(traytune, settings, () => miniPlayer.isVisible());

  const unwirePower = wirePower(traytune);
  // Packaged builds only; the setting is read before every check, so turning it off takes effect at once.
  const updates = startUpdateChecks({
    isPackaged: app.isPackaged,
    enabled: () => settings.get().checkForUpdates,
  });

  app.on('second-instance', (_event, argv) => {
    for (const command of secondInstanceCommands(argv)) run(command);
  });
  // macOS: opening the app again from Finder or Spotlight.
  app.on('activate', () => miniPlayer.show());

  let stopped = false;
  app.on('before-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    if (quitting) return;
    quitting = true;
    shortcuts.dispose();
    unwirePower();
    updates.stop();
    unregisterIpc();
    tray?.destroy();
    miniPlayer.destroy();
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, STOP_TIMEOUT_MS).unref());
    void Promise.race([traytune.stop(), timeout])
      .catch((error: unknown) => console.error('[traytune] stopping failed:', error))
      .finally(() => {
        stopped = true;
        app.quit();
      });
  });
  app.on('will-quit', () => globalShortcut.unregisterAll());

  await traytune.start();
  // First run (or a sign-in that needs renewing): the mini-player is where that happens.
  const { account } = traytune.getState();
  if (account === 'no-client-id' || account === 'reconnect-needed') miniPlayer.show();
  for (const command of initialCommands) run(command);
}

main();
