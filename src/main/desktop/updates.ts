/**
 * Update checks with electron-updater, for packaged builds only, behind the user's `checkForUpdates`
 * setting. The release workflow publishes the installers and their latest*.yml metadata to GitHub
 * releases; electron-builder writes the matching app-update.yml into the package. An update downloads in
 * the background and installs when the app quits (or at once through `installNow`).
 *
 * Where it works: Windows (NSIS, per-user), macOS (the zip; only a signed build passes Squirrel.Mac's
 * signature check), Linux AppImage, deb and rpm (electron-updater asks for the password with pkexec for
 * deb/rpm). A tar.gz install has no updater: the check logs that and does nothing.
 */
import type { UpdateCheckResult } from 'electron-updater';

/** The part of electron-updater's AppUpdater this module drives (a fake stands in for it in tests). */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  logger: UpdateLogger | null;
  checkForUpdates(): Promise<UpdateCheckResult | null>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'error', listener: (error: Error, message?: string) => void): unknown;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
}

export interface UpdateLogger {
  info(message?: unknown): void;
  warn(message?: unknown): void;
  error(message?: unknown): void;
}

export interface UpdateChecksOptions {
  /** `app.isPackaged`: unpackaged (development) runs never check. */
  readonly isPackaged: boolean;
  /** Read before every check, so turning the setting off (or on) takes effect without a restart. */
  readonly enabled: () => boolean;
  /** Delay before the first check, so startup never waits on the network. Default one minute. */
  readonly firstCheckAfterMs?: number;
  /** Time between checks. Default six hours. */
  readonly intervalMs?: number;
  /** Called once an update has been downloaded ("Restart to update"). */
  readonly onUpdateDownloaded?: (version: string) => void;
  /**
   * Install a downloaded update when the app quits. False for deb and rpm, whose installers ask for the
   * root password: never at quit, only when the user chooses "Restart to update". Default true.
   */
  readonly installOnQuit?: boolean;
  readonly log?: UpdateLogger;
  /** Where the updater comes from; default electron-updater's `autoUpdater` (loaded on first use). */
  readonly loadUpdater?: () => Promise<Updater>;
}

export interface UpdateChecks {
  /** Whether checks can run at all (packaged build). */
  readonly active: boolean;
  /** Checks now, unless the setting is off or a check is running; never throws (errors are logged). */
  checkNow(): Promise<void>;
  /** Quits and installs a downloaded update; false when none is ready. */
  installNow(): boolean;
  /** Stops the timers (call on quit). */
  stop(): void;
}

const MINUTE = 60_000;
const DEFAULT_FIRST_CHECK_AFTER_MS = MINUTE;
const DEFAULT_INTERVAL_MS = 6 * 60 * MINUTE;

async function loadElectronUpdater(): Promise<Updater> {
  // electron-updater is CommonJS; its `autoUpdater` is a lazy getter on module.exports.
  const module = await import('electron-updater');
  return module.default.autoUpdater;
}

const INACTIVE: UpdateChecks = {
  active: false,
  checkNow: () => Promise.resolve(),
  installNow: () => false,
  stop: () => undefined,
};

/**
 * Starts periodic update checks. Returns a handle whose `checkNow` suits a "Check for updates" menu item.
 * Does nothing (and loads nothing) unless `isPackaged`.
 */
export function startUpdateChecks(options: UpdateChecksOptions): UpdateChecks {
  const log = options.log ?? console;
  if (!options.isPackaged) {
    log.info('updates: not a packaged build, update checks are off');
    return INACTIVE;
  }
  const loadUpdater = options.loadUpdater ?? loadElectronUpdater;
  let updater: Promise<Updater> | undefined;
  let checking = false;
  let downloaded: string | undefined;
  let stopped = false;

  const getUpdater = (): Promise<Updater> => {
    updater ??= loadUpdater().then((instance) => {
      instance.autoDownload = true;
      instance.autoInstallOnAppQuit = options.installOnQuit ?? true;
      instance.logger = log;
      // An unhandled 'error' event would throw: every failure (offline, no release yet, bad signature) is logged.
      instance.on('error', (error) => log.warn(`updates: ${error.message}`));
      instance.on('update-downloaded', (info) => {
        downloaded = info.version;
        log.info(
          (options.installOnQuit ?? true)
            ? `updates: ${info.version} downloaded; it installs when Traytune quits`
            : `updates: ${info.version} downloaded; it installs when you choose Restart to update`,
        );
        options.onUpdateDownloaded?.(info.version);
      });
      return instance;
    });
    return updater;
  };

  const checkNow = async (): Promise<void> => {
    if (stopped || checking || !options.enabled()) return;
    checking = true;
    try {
      await (await getUpdater()).checkForUpdates();
    } catch (error) {
      log.warn(`updates: check failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      checking = false;
    }
  };

  const first = setTimeout(() => void checkNow(), options.firstCheckAfterMs ?? DEFAULT_FIRST_CHECK_AFTER_MS);
  const interval = setInterval(() => void checkNow(), options.intervalMs ?? DEFAULT_INTERVAL_MS);
  first.unref?.();
  interval.unref?.();

  return {
    active: true,
    checkNow,
    installNow: () => {
      if (downloaded === undefined || updater === undefined) return false;
      updater
        .then((instance) => instance.quitAndInstall())
        .catch((error: unknown) => {
          log.warn(`updates: install failed: ${error instanceof Error ? error.message : String(error)}`);
        });
      return true;
    },
    stop: () => {
      stopped = true;
      clearTimeout(first);
      clearInterval(interval);
    },
  };
}
