import {
  SEED_CLIENT_ID,
  startSimulator,
  type Simulator,
  type SimulatorOptions,
  type SimulatorTlsOptions,
} from '../../../dev/simulator/index.ts';
import { MemoryTokenCache } from '../../../src/main/auth/caches/memory.ts';
import type { TokenCache } from '../../../src/main/auth/token-cache.ts';
import { MemorySettingsStore } from '../../../src/main/settings/settings-store.ts';
import { createCommandRunner, type Command, type CommandTargets } from '../../../src/main/app/commands.ts';
import { TraytuneApp, type TraytuneAppDeps } from '../../../src/main/app/traytune-app.ts';
import type { AppState, RequestedPanel } from '../../../src/shared/app-state.ts';
import type { PlayerSnapshot } from '../../../src/shared/player.ts';
import type { Settings } from '../../../src/shared/settings.ts';
import { consentBrowser, type ConsentOptions } from '../../support/consent.ts';
import { FakeClock } from '../../support/fake-clock.ts';

/** Tiny real-time backoff for the client's 5xx/reset retries. */
const FAST_BACKOFF = { maxRetries: 2, minDelayMs: 1, maxDelayMs: 5, factor: 2 };

export interface AppHarness {
  clock: FakeClock;
  sim: Simulator;
  app: TraytuneApp;
  settings: MemorySettingsStore;
  /** The token caches the app asked for, by client ID (shared with later apps of the same harness). */
  caches: Map<string, TokenCache>;
  browser: ReturnType<typeof consentBrowser>;
  /** Every address the app handed to the system browser. */
  opened: string[];
  states: AppState[];
  snapshots: PlayerSnapshot[];
  settingsEvents: Settings[];
  env: Record<string, string>;
  /** Another TraytuneApp on the same simulator, clock and caches (a restart). */
  restart(overrides?: Partial<TraytuneAppDeps>): Promise<TraytuneApp>;
  close(): Promise<void>;
}

export interface AppHarnessOptions {
  /** Saved in the settings before start (default SEED_CLIENT_ID; null: onboarding). */
  clientId?: string | null;
  consent?: ConsentOptions;
  deps?: Partial<TraytuneAppDeps>;
  /** Call and await `app.start()` (default true). */
  start?: boolean;
  /** Before the app starts (set up the simulator). */
  before?: (sim: Simulator) => void;
  /** The simulator's profile and realism settings (default: lenient, every realism off). */
  simulator?: Omit<SimulatorOptions & SimulatorTlsOptions, 'clock'>;
}

/**
 * A TraytuneApp against the real simulator on one fake clock, with memory token caches, a consent
 * "browser" that answers the simulator's consent page over HTTP, and every pushed event recorded.
 */
export async function startApp(options: AppHarnessOptions = {}): Promise<AppHarness> {
  const clock = new FakeClock();
  const sim = await startSimulator({ ...options.simulator, clock });
  options.before?.(sim);
  const browser = consentBrowser(options.consent);
  const opened: string[] = [];
  const caches = new Map<string, TokenCache>();
  const env = { TRAYTUNE_ACCOUNTS_URL: sim.accountsUrl, TRAYTUNE_API_URL: sim.apiUrl };
  const clientId = options.clientId === undefined ? SEED_CLIENT_ID : options.clientId;
  const settings = new MemorySettingsStore({ clientId });
  const states: AppState[] = [];
  const snapshots: PlayerSnapshot[] = [];
  const settingsEvents: Settings[] = [];
  const apps: TraytuneApp[] = [];
  const unregister: (() => void)[] = [];

  const create = (overrides: Partial<TraytuneAppDeps> = {}): TraytuneApp => {
    const app = new TraytuneApp({
      settings,
      createTokenCache: (id) => {
        let cache = caches.get(id);
        if (!cache) {
          cache = new MemoryTokenCache();
          caches.set(id, cache);
        }
        return cache;
      },
      openExternal: (url) => {
        opened.push(url);
        // Only the (simulated) consent page is visited; other pages would need the internet.
        return url.startsWith(sim.accountsUrl) ? browser.openBrowser(url) : Promise.resolve();
      },
      env,
      clock,
      scheduler: clock,
      apiClient: { sleep: clock.sleep, backoff: FAST_BACKOFF },
      ...options.deps,
      ...overrides,
    });
    app.on('app:state', (state) => states.push(state));
    app.on('player:snapshot', (snapshot) => snapshots.push(snapshot));
    app.on('settings:changed', (changed) => settingsEvents.push(changed));
    unregister.push(clock.onSettle(() => app.settled()));
    apps.push(app);
    return app;
  };

  const app = create();
  if (options.start !== false) await app.start();
  return {
    clock,
    sim,
    app,
    settings,
    caches,
    browser,
    opened,
    states,
    snapshots,
    settingsEvents,
    env,
    restart: async (overrides) => {
      const next = create(overrides);
      await next.start();
      return next;
    },
    close: async () => {
      for (const off of unregister) off();
      for (const each of apps) await each.stop();
      await browser.idle();
      await sim.close();
    },
  };
}

/** Signs in through the app and checks it worked. */
export async function signIn(h: AppHarness, app: TraytuneApp = h.app): Promise<AppState> {
  const state = await app.handlers['auth:signIn'](undefined);
  await h.browser.idle();
  if (state.account !== 'signed-in') {
    throw new Error(`sign-in failed: ${JSON.stringify(state.signInError)} ${String(h.browser.errors[0])}`);
  }
  return state;
}

/** The desktop's side, recorded: what was shown, asked and told. */
interface DesktopSide {
  readonly did: string[];
  readonly told: string[];
  readonly bugs: unknown[];
  /** The sign-out questions asked and not answered yet: answer each with true (Sign out) or false. */
  readonly questions: ((signOut: boolean) => void)[];
}

/**
 * A command runner (what the tray, shortcuts and command line use) on the app's handlers, with the
 * desktop's side recorded in `side` and the panels the app asked for in `panels`; `overrides` replace
 * any target.
 */
export function runnerFor(app: TraytuneApp, overrides: Partial<CommandTargets> = {}) {
  const side: DesktopSide = { did: [], told: [], bugs: [], questions: [] };
  const panels: RequestedPanel[] = [];
  app.on('ui:showPanel', ({ panel }) => panels.push(panel));
  const runner = createCommandRunner({
    handlers: app.handlers,
    getSnapshot: () => app.getSnapshot(),
    getAccount: () => app.getState().account,
    showPanel: (panel) => app.showPanel(panel),
    showMiniPlayer: () => side.did.push('show'),
    hideMiniPlayer: () => side.did.push('hide'),
    toggleMiniPlayer: () => side.did.push('toggle'),
    installUpdate: () => side.did.push('install-update'),
    quit: () => side.did.push('quit'),
    confirmSignOut: () => new Promise((resolve) => side.questions.push(resolve)),
    tell: (message) => side.told.push(message),
    logBug: (_message, error) => side.bugs.push(error),
    ...overrides,
  });
  const run = (command: Command) => runner.run(command);
  return { run, side, panels };
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
