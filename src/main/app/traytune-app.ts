import type { Dispatcher } from 'undici';
import type { AppState, RequestedPanel } from '../../shared/app-state.ts';
import type {
  ChannelHandlers,
  ChannelInput,
  ChannelOutput,
  InvokeChannel,
  PushEvents,
} from '../../shared/ipc/contract.ts';
import type { PlayerSnapshot } from '../../shared/player.ts';
import type { ShortcutStatus } from '../../shared/settings.ts';
import type { Env, TokenCache } from '../auth/index.ts';
import { systemScheduler, type Scheduler } from '../spotify/player/index.ts';
import {
  RequestBudget,
  type RequestCountsStore,
  type RollingGuardOptions,
} from '../spotify/request-budget.ts';
import type { SettingsStore } from '../settings/settings-store.ts';
import { systemClock, type Clock } from '../util/clock.ts';
import { AccountService } from './account/account-service.ts';
import { configuredClientId } from './account/client-id.ts';
import { AppStateService } from './app-state-service.ts';
import type { ApiClientTuning, EngineTuning } from './connection.ts';
import { CurrentConnection } from './current-connection.ts';
import { noDesktopShell, type DesktopShell } from './desktop-shell.ts';
import { guardedOpener, type OpenExternal } from './external-links.ts';
import { createHandlers } from './handlers.ts';
import { LibraryService } from './library-service.ts';
import { PlayerService } from './player-service.ts';
import { PushEmitter, type PushListener } from './push-events.ts';
import { SettingsService } from './settings-service.ts';
import { LocalMode } from './local/local-mode.ts';
import { LocalPlayerWatch } from './local/local-player-watch.ts';
import type { LocalPlayerPort } from '../local-player/index.ts';

export interface TraytuneAppDeps {
  settings: SettingsStore;
  /** The store for one client ID's grant (desktop: the keychain; tests: memory). */
  createTokenCache: (clientId: string) => TokenCache;
  /** Opens the system browser. Only ever called with allow-listed Spotify addresses. */
  openExternal: OpenExternal;
  /** process.env-like: TRAYTUNE_ACCOUNTS_URL, TRAYTUNE_API_URL, TRAYTUNE_CLIENT_ID (fallback). */
  env?: Env;
  clock?: Clock;
  scheduler?: Scheduler;
  /** Which global shortcuts are registered (desktop); default all 'off'. */
  shortcutStatus?: () => ShortcutStatus;
  /** Hide, copy, Accessibility, updates and the desktop's status; default: a shell that does nothing. */
  desktop?: DesktopShell;
  /** How long sign-in waits for the browser's answer. */
  signInTimeoutMs?: number;
  apiClient?: ApiClientTuning;
  engine?: EngineTuning;
  /** The way out to Spotify (proxy, trusted CAs), shared by sign-in, refresh and the Web API client. */
  dispatcher?: Dispatcher;
  /** Where the request counts are kept between runs (desktop: a file in userData); default: memory only. */
  requestCounts?: RequestCountsStore;
  /** The rolling-window guard's numbers (default DEFAULT_ROLLING_GUARD). */
  requestGuard?: RollingGuardOptions;
  /**
   * Opens the OS's interface to the Spotify app on this computer (Linux: MPRIS, macOS: AppleScript), for
   * local mode and the push channel; absent: no local player is followed. Opened at start, closed at stop.
   */
  openLocalPlayer?: () => Promise<LocalPlayerPort>;
}

/**
 * The main process's core in plain Node (no Electron): builds the services and keeps the surface the
 * desktop, the harness and the tests use. Each service has one job: AccountService (client ID, sign-in,
 * switch, restore, sign-out, reconnect), PlayerService (commands through the engine), LibraryService
 * (lists, search, play in context), SettingsService, AppStateService (AppState and its push). `handlers.ts`
 * maps every invoke channel to one of them.
 */
export class TraytuneApp {
  readonly handlers: ChannelHandlers;
  readonly #clock: Clock;
  readonly #events = new PushEmitter();
  readonly #open: OpenExternal;
  /** One for the app's lifetime, across sign-ins: Spotify counts the app's requests, not a session's. */
  readonly #budget: RequestBudget;
  readonly #state: AppStateService;
  readonly #account: AccountService;
  readonly #player: PlayerService;
  readonly #settings: SettingsService;
  readonly #connection: CurrentConnection;
  readonly #localWatch = new LocalPlayerWatch();
  readonly #openLocalPlayer: (() => Promise<LocalPlayerPort>) | undefined;
  #started = false;
  #stopped = false;

  constructor(deps: TraytuneAppDeps) {
    const env = deps.env ?? {};
    const clock = (this.#clock = deps.clock ?? systemClock);
    const scheduler = deps.scheduler ?? systemScheduler;
    const desktop = deps.desktop ?? noDesktopShell();
    const events = this.#events;
    const localWatch = this.#localWatch;
    this.#openLocalPlayer = deps.openLocalPlayer;
    const clientId = (): string | null => configuredClientId(deps.settings, env);
    // The configured accounts service (the simulator in development), whose pages may be opened too.
    this.#open = guardedOpener(deps.openExternal, () => env['TRAYTUNE_ACCOUNTS_URL']?.trim() || null);
    const budget = (this.#budget = new RequestBudget({
      dailyBudget: deps.settings.get().dailyRequestBudget,
      ...(deps.requestGuard && { guard: deps.requestGuard }),
      ...(deps.requestCounts && { store: deps.requestCounts }),
      scheduler,
      now: clock.now(),
    }));
    const connection = (this.#connection = new CurrentConnection({
      clock,
      scheduler,
      budget,
      apiClient: deps.apiClient,
      engine: deps.engine,
      dispatcher: deps.dispatcher,
      onSnapshot: (snapshot) => {
        events.emit('player:snapshot', snapshot);
        state.requestsChanged(); // the next read (and whether the local player pushes) may have moved
      },
      localReport: () => localWatch.report(),
    }));
    const state = (this.#state = new AppStateService({
      account: clientId() === null ? 'no-client-id' : 'signed-out',
      settings: deps.settings,
      clientId,
      desktop,
      budget,
      nextReadAt: () => connection.current?.engine.nextReadAt ?? null,
      localPlayer: () => localWatch.status(connection.current?.engine.pushActive ?? false),
      events,
      clock,
      scheduler,
    }));
    const local = new LocalMode({ watch: localWatch, clock });
    const player = (this.#player = new PlayerService({ connection, state, events, clock, local }));
    localWatch.onChange(() => {
      local.update();
      connection.current?.engine.localPlayer(localWatch.report());
      player.showIdle();
      state.publish();
    });
    // The account changed, to one without a connection: the player shows why, or local mode (the
    // snapshot depends on the account then). Signing in shows the engine's own first snapshot instead.
    let account = state.fields.account;
    events.on('app:state', (changed) => {
      if (changed.account === account) return;
      account = changed.account;
      if (account !== 'signed-in') player.showIdle();
    });
    this.#account = new AccountService({
      settings: deps.settings,
      env,
      clock,
      scheduler,
      createTokenCache: deps.createTokenCache,
      open: this.#open,
      signInTimeoutMs: deps.signInTimeoutMs,
      dispatcher: deps.dispatcher,
      state,
      connection,
    });
    this.#settings = new SettingsService({
      store: deps.settings,
      shortcutStatus: deps.shortcutStatus,
      onChange: (settings) => {
        budget.setDailyBudget(settings.dailyRequestBudget);
        events.emit('settings:changed', settings);
        state.publish(); // the client ID and redirect URI shown come from the settings
      },
    });
    this.handlers = createHandlers({
      state,
      account: this.#account,
      player,
      library: new LibraryService({ player, clock, open: this.#open }),
      settings: this.#settings,
      desktop,
      open: this.#open,
    });
  }

  // --- lifecycle -------------------------------------------------------------------------------------

  /**
   * Follows the local player, if one can be; then onboarding when no client ID is set, else restores the
   * saved sign-in (and starts the player). The local player first: local mode shows what it plays before
   * any setup, and the engine's first read can find the local device.
   */
  async start(): Promise<void> {
    if (this.#started || this.#stopped) return;
    this.#started = true;
    if (this.#openLocalPlayer) await this.#localWatch.open(this.#openLocalPlayer);
    await this.#account.start(); // nothing if stop() came meanwhile
  }

  /** Cancels a sign-in, stops the player and closes connections. The saved sign-in stays for next time. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    await this.#account.stop();
    await this.#localWatch.dispose();
    this.#settings.dispose();
    this.#state.dispose();
    this.#events.clear();
    // The counts of this run, for the next (never rejects: a write problem is only logged).
    await this.#budget.flush(this.#clock.now());
    this.#budget.dispose();
  }

  /** Resolves when no sign-in runs and the player has no request in flight (tests, shutdown). */
  async settled(): Promise<void> {
    await this.#account.settled();
    await this.#connection.current?.engine.settled();
  }

  /** Calls the handler of `channel` (for dispatchers that look channels up by name). */
  invoke<C extends InvokeChannel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
    const handler = this.handlers[channel] as (input: ChannelInput<C>) => Promise<ChannelOutput<C>>;
    return handler(input);
  }

  on<E extends keyof PushEvents>(event: E, listener: PushListener<E>): () => void {
    return this.#events.on(event, listener);
  }

  getState(): AppState {
    return this.#state.getState();
  }

  /** The request budget, for the desktop's own requests and for tests. */
  get requestBudget(): RequestBudget {
    return this.#budget;
  }

  getSnapshot(): PlayerSnapshot {
    return this.#player.getSnapshot();
  }

  /** The machine is going to sleep: the player stops polling until it wakes. */
  notifySuspend(): void {
    this.#player.notifySuspend();
  }

  /** The machine woke up: the player reads the state once, promptly. */
  notifyResume(): void {
    this.#player.notifyResume();
  }

  /**
   * The user looks at the player outside the mini-player (the tray menu opens): one prompt read unless
   * the state is fresh, and the liked state checked for a while.
   */
  notifyLooking(): void {
    this.#player.notifyLooking();
  }

  /** The desktop's status (desktop.status()) may have changed: pushes `app:state` if it did. */
  desktopStatusChanged(): void {
    this.#state.publish();
  }

  /** Asks the mini-player to show a panel (the tray's "Settings…" and "Set up…"). */
  showPanel(panel: RequestedPanel): void {
    this.#events.emit('ui:showPanel', { panel });
  }

  /** The OS's network state: offline stops polling, back online reads at once. */
  setOnline(online: boolean): void {
    this.#player.setOnline(online);
  }

  /** Opens a Spotify page in the system browser; any other address is refused (UserFacingError). */
  openExternal(url: string): Promise<void> {
    return this.#open(url);
  }
}
