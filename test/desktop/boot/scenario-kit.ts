/**
 * What the boot suites share: the two layouts (made once per run), one simulator and the booted apps per
 * suite, and the user's moves (open the tray menu the platform's way, choose an item, sign in).
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { startSimulator, realTimeClock, type Simulator } from '../../../dev/simulator/index.ts';
import { driveConsent } from '../../support/consent.ts';
import type { DoublePlatform } from '../electron-double/os.ts';
import type { MenuItemView } from '../electron-double/menu.ts';
import {
  bootApp,
  removeHome,
  type BootedApp,
  type BootOptions,
  type DoubleState,
  type ExitReport,
  type Layout,
} from './boot-client.ts';
import { builtLayout, ensureBuilt, packagedLayout } from './layouts.ts';

// The suites poll the simulator with the shared `until`; re-exported so they import their moves from here.
export { until } from '../../support/until.ts';

export const LAYOUT_NAMES = ['built', 'packaged'] as const;
export const PLATFORMS: readonly DoublePlatform[] = ['linux', 'darwin', 'win32'];
const CLIENT_ID = 'c0ffee00c0ffee00c0ffee00c0ffee00';
/** Quitting must end the process well inside this (the app's own stop timeout is 3 s). */
export const QUIT_DEADLINE_MS = 8_000;
export const ICON_EXTENSION: Record<DoublePlatform, RegExp> = {
  linux: /tray-(idle|playing|paused|attention)\.png$/,
  darwin: /tray-(idle|playing|paused|attention)Template\.png$/,
  win32: /tray-(idle|playing|paused|attention)\.ico$/,
};

const layouts: Record<Layout['name'], Layout | null> = { built: null, packaged: null };
let packagedSkip: string | null = null;
let packaging: Promise<void> | null = null;

/** Each layout is made once per run, when its first suite starts (the package takes a while). */
function prepare(name: Layout['name']): Promise<void> {
  if (name === 'built') {
    ensureBuilt();
    layouts.built = builtLayout();
    return Promise.resolve();
  }
  if (process.platform !== 'linux') {
    packagedSkip = 'the placeholder-Electron package is built for Linux only';
    return Promise.resolve();
  }
  packaging ??= packagedLayout().then((layout) => {
    layouts.packaged = layout;
  });
  return packaging;
}

export function find(items: readonly MenuItemView[], id: string): MenuItemView | undefined {
  for (const item of items) {
    if (item.id === id) return item;
    const inner = item.submenu ? find(item.submenu, id) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

/**
 * The tray menu as the user would see it now: Linux and Windows keep one set on the icon; macOS pops it
 * up on a right click, so it is opened, read and closed again.
 */
export async function menuNow(booted: BootedApp, platform: DoublePlatform): Promise<readonly MenuItemView[]> {
  if (platform !== 'darwin') return booted.menu();
  await booted.call('clickTray', { button: 'right' });
  const menu = await booted.menu();
  await booted.call('closeMenu');
  return menu;
}

/** Opens the tray menu the way the platform does and chooses an item. */
export async function chooseFromTray(booted: BootedApp, platform: DoublePlatform, id: string): Promise<void> {
  await booted.call('clickTray', { button: platform === 'linux' ? 'left' : 'right' });
  await booted.call('chooseMenuItem', { id });
}

export function trayOf(state: DoubleState) {
  const tray = state.trays.find((each) => !each.destroyed);
  if (!tray) throw new Error('no tray icon');
  return tray;
}

function lastOpened(state: DoubleState): string | undefined {
  const entry = state.journal.filter((each) => each.api === 'shell.openExternal').at(-1);
  return entry ? String(entry.args[0]) : undefined;
}

async function invoke(booted: BootedApp, channel: string, input?: unknown) {
  return booted.call<{
    ok: boolean;
    value?: { ok: boolean; value?: unknown; error?: unknown };
    error?: string;
  }>('invoke', { channel, input });
}

export interface ShellSuite {
  readonly sim: () => Simulator;
  readonly boot: (options?: Partial<BootOptions>) => Promise<BootedApp>;
  /** Why this layout cannot run here (the package is built on Linux only), or null. */
  readonly skipReason: () => string | null;
}

/** Registers the suite's hooks: its layout, a seeded simulator, and cleanup of every app it booted. */
export function shellSuite(platform: DoublePlatform, layoutName: Layout['name']): ShellSuite {
  let sim: Simulator;
  const homes: string[] = [];
  const running: BootedApp[] = [];

  beforeAll(async () => {
    await prepare(layoutName);
    sim = await startSimulator({ seed: true, clock: realTimeClock() });
  }, 300_000);
  afterAll(async () => {
    for (const booted of running) await booted.kill();
    for (const home of homes) await removeHome(home);
    await sim?.close();
  });

  const boot = async (options: Partial<BootOptions> = {}): Promise<BootedApp> => {
    const layout = layouts[layoutName];
    if (!layout) throw new Error(packagedSkip ?? 'layout not prepared');
    const port = new URL(sim.url).port;
    const booted = await bootApp({
      platform,
      layout,
      ...options,
      env: {
        ELECTRON_DOUBLE_HOSTS: `accounts.spotify.com=127.0.0.1:${port},api.spotify.com=127.0.0.1:${port}`,
        ...options.env,
      },
    });
    running.push(booted);
    homes.push(booted.home);
    return booted;
  };

  const skipPackaged = () => layoutName === 'packaged' && layouts.packaged === null;

  return {
    sim: () => sim,
    boot,
    skipReason: () => (skipPackaged() ? (packagedSkip ?? 'the packaged layout is not available') : null),
  };
}

/** Signs in from the tray with the client ID set through the window, as a new user does. */
export async function signIn(booted: BootedApp, platform: DoublePlatform, sim: Simulator): Promise<void> {
  await booted.waitFor('the window', (s) => s.windows[0]?.visible);
  const setId = await invoke(booted, 'app:setClientId', { clientId: CLIENT_ID });
  expect(setId.ok).toBe(true);
  await booted.waitFor(
    'the Sign in item',
    async () => find(await menuNow(booted, platform), 'account')?.label === 'Sign in…',
  );
  await chooseFromTray(booted, platform, 'account');
  const authorizeUrl = await booted.waitFor('the consent page to open', lastOpened);
  expect(new URL(authorizeUrl).origin).toBe('https://accounts.spotify.com');
  const local = new URL(new URL(authorizeUrl).pathname + new URL(authorizeUrl).search, sim.accountsUrl);
  await driveConsent(local.toString());
  await booted.waitFor('signed in, with the track in the tray', (s) =>
    /tray-(paused|playing)/.test(trayOf(s).imagePath ?? ''),
  );
}

/**
 * Quit leaves nothing running: no socket or server at the moment the app ended, no interval or timer of
 * the app's (the tracked ones), and the process then ends by itself (nothing holds its event loop) —
 * `ended` only resolves when it does, within the test's deadline.
 */
export function expectNothingLeft(ended: ExitReport): void {
  const sockets = ended.resources.filter((name) => /TCP|UDP|Pipe(Server|Connect)|FSEvent|Signal/.test(name));
  expect({ sockets, timers: ended.timers }).toEqual({ sockets: [], timers: [] });
  expect(ended.signal).toBeNull();
}

export function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
    }),
  ]);
}

/** A contract call from the mini-player's top frame; its value, or a thrown error with the app's code. */
export async function ipc<T>(booted: BootedApp, channel: string, input?: unknown): Promise<T> {
  const answer = await invoke(booted, channel, input);
  if (!answer.ok) throw new Error(`${channel}: ${answer.error ?? 'refused'}`);
  const response = answer.value as { ok: boolean; value?: T; error?: { code: string; message: string } };
  if (!response.ok)
    throw new Error(`${channel}: ${response.error?.code ?? '?'} ${response.error?.message ?? ''}`);
  return response.value as T;
}
