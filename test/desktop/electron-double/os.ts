/**
 * The desktop the double pretends to be, read once from the environment the boot test sets. Every
 * per-OS behaviour of the double asks this module (see README.md for the table and its sources).
 */
export type DoublePlatform = 'linux' | 'darwin' | 'win32';

export interface DoubleDesktop {
  readonly platform: DoublePlatform;
  /** A Wayland session (Linux only). */
  readonly wayland: boolean;
  /** macOS: whether the app is a trusted accessibility client (media keys register only then). */
  readonly accessibilityTrusted: boolean;
  /** Accelerators another app already owns: `globalShortcut.register` returns false for them. */
  readonly takenShortcuts: readonly string[];
  /**
   * What `session.resolveProxy` answers, by host name (`*` for any other), in Chromium's PAC form
   * (`"PROXY host:port; DIRECT"`); `DIRECT` for hosts not listed. From ELECTRON_DOUBLE_PROXY (JSON).
   */
  readonly proxyAnswers: Readonly<Record<string, string>>;
  /** What `app.isPackaged` answers (true when the app runs from a packaged layout). */
  readonly packaged: boolean;
  /** `app.getAppPath()`. */
  readonly appPath: string;
  /** `process.resourcesPath`. */
  readonly resourcesPath: string;
  /** The folder under which `app.getPath()` answers (appData, home, temp, logs). */
  readonly home: string;
}

function platformFrom(value: string | undefined): DoublePlatform {
  if (value === 'linux' || value === 'darwin' || value === 'win32') return value;
  throw new Error(`ELECTRON_DOUBLE_PLATFORM must be linux, darwin or win32 (got ${String(value)})`);
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: boot the app through test/desktop/boot/boot-client.ts`);
  return value;
}

function desktopFromEnv(env: NodeJS.ProcessEnv = process.env): DoubleDesktop {
  const platform = platformFrom(env['ELECTRON_DOUBLE_PLATFORM']);
  return Object.freeze({
    platform,
    wayland: platform === 'linux' && env['ELECTRON_DOUBLE_WAYLAND'] === '1',
    accessibilityTrusted: env['ELECTRON_DOUBLE_ACCESSIBILITY'] !== 'untrusted',
    takenShortcuts: (env['ELECTRON_DOUBLE_TAKEN_SHORTCUTS'] ?? '').split(',').filter(Boolean),
    proxyAnswers: Object.freeze(JSON.parse(env['ELECTRON_DOUBLE_PROXY'] || '{}') as Record<string, string>),
    packaged: env['ELECTRON_DOUBLE_PACKAGED'] === '1',
    appPath: required('ELECTRON_DOUBLE_APP_PATH'),
    resourcesPath: env['ELECTRON_DOUBLE_RESOURCES_PATH'] ?? required('ELECTRON_DOUBLE_APP_PATH'),
    home: required('ELECTRON_DOUBLE_HOME'),
  });
}

let current: DoubleDesktop | null = null;

/** The desktop of this process (set up by register.ts before the app's bundle loads). */
export function desktop(): DoubleDesktop {
  current ??= desktopFromEnv();
  return current;
}
