import type { Dispatcher } from 'undici';
import type {
  AccountStatus,
  AppError,
  AppState,
  RequestFigures,
  RequestedPanel,
} from '../../shared/app-state.ts';
import type {
  ChannelHandlers,
  ChannelInput,
  ChannelOutput,
  InvokeChannel,
  PushEvents,
} from '../../shared/ipc/contract.ts';
import type { CommandResult, PlayerError, PlayerSnapshot } from '../../shared/player.ts';
import { controlState } from '../../shared/player-controls.ts';
import {
  DAILY_REQUEST_BUDGET_HINT,
  dailyRequestBudgetSchema,
  type Settings,
  type SettingsPatch,
  type ShortcutStatus,
} from '../../shared/settings.ts';
import {
  AuthSession,
  BrowserOpenError,
  ConfigError,
  DEFAULT_SIGN_IN_TIMEOUT_MS,
  KeychainUnavailableError,
  TokenEndpoint,
  loadAuthConfig,
  missingScopes,
  signInWithPkce,
  type AuthConfig,
  type AuthError,
  type Env,
  type ReconnectNeededError,
  type TokenCache,
} from '../auth/index.ts';
import { SpotifyApiError, type CallOptions } from '../spotify/index.ts';
import { systemScheduler, type PlayerEngine, type Scheduler } from '../spotify/player/index.ts';
import {
  RequestBudget,
  type RequestCountsStore,
  type RollingGuardOptions,
} from '../spotify/request-budget.ts';
import { systemClock, type Clock } from '../util/clock.ts';
import { SpotifyConnection, type ApiClientTuning, type EngineTuning } from './connection.ts';
import { noDesktopShell, type DesktopShell } from './desktop-shell.ts';
import { DeviceListFollower } from './device-list.ts';
import { UserFacingError, toAppError } from './errors.ts';
import { DASHBOARD_URL, guardedOpener, type OpenExternal } from './external-links.ts';
import { toLibraryTrack, toPage, toPlaylistSummary, toQueueView } from './library.ts';
import {
  notConnectedError,
  notConnectedMessage,
  notConnectedResult,
  notConnectedSnapshot,
} from './not-connected.ts';
import { PushEmitter, type PushListener } from './push-events.ts';
import { desktopRedirectUri } from './redirect-uri.ts';
import { definedOnly, type SettingsStore } from '../settings/settings-store.ts';
import { ThrottledCall } from './throttled-call.ts';

/**
 * What a handler resolves with: the channel's output, with `void` for the void channels (ChannelOutput
 * applies NonNullable, which turns `void` into `void & {}`, a type no Promise<void> satisfies).
 */

/** One async function per invoke channel. The IPC dispatcher validates inputs before calling these. */
export type AppHandlers = ChannelHandlers;

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
}

/** The warning before the 6-month refresh-token expiry starts this long before it. */
export const RECONNECT_WARNING_MS = 14 * 24 * 3_600_000;
/** The request figures in the app state change with every request: pushed at most this often. */
export const REQUEST_FIGURES_PUSH_MS = 1_000;
/** setTimeout's longest delay; longer waits are chained. */
const MAX_TIMER_MS = 2 ** 31 - 1;

const ALL_OFF: ShortcutStatus = Object.freeze({
  playPause: 'off',
  next: 'off',
  previous: 'off',
  toggleLike: 'off',
  volumeUp: 'off',
  volumeDown: 'off',
  showHide: 'off',
  mediaPlayPause: 'off',
  mediaNext: 'off',
  mediaPrevious: 'off',
});

const PLAYLIST_SOURCE: PlayerError['source'] = 'playlist';

/**
 * The library channels answer a user who is looking at the screen: a 429 fails at once with "rate limited,
 * try again at …" rather than leaving the request hanging for the length of Retry-After.
 */
const FAIL_FAST: CallOptions = Object.freeze({ waitIfRateLimited: false });

/** The auth core's text suggests a "paste the address" sign-in, which the app does not offer. */
const BROWSER_OPEN_MESSAGE = 'Traytune could not open your browser. Set a default browser and try again.';

const KEYCHAIN_LEFT_BEHIND =
  'You are signed out, but Traytune could not remove its saved sign-in from the system keychain. ' +
  'Remove the Traytune entry in your keychain manager.';

const NEW_PERMISSIONS =
  'This version of Traytune needs more permissions from Spotify than your saved sign-in has. ' +
  'Sign in again to grant them.';

interface AccountFields {
  account: AccountStatus;
  userName: string | null;
  signInError: AppError | null;
  reconnectBy: number | null;
  keychainWarning: string | null;
}

interface SignInAttempt {
  readonly abort: AbortController;
  readonly done: Promise<AppState>;
}

/**
 * The use cases the UI calls (plain Node, no Electron): owns the account lifecycle (onboarding, sign-in,
 * restore, sign-out, reconnect) and, while signed in, a SpotifyConnection (Web API client + player
 * engine). `handlers` implements every invoke channel; `on` delivers the push events.
 */
export class TraytuneApp {
  readonly handlers: AppHandlers;
  readonly #deps: TraytuneAppDeps;
  readonly #env: Env;
  readonly #clock: Clock;
  readonly #scheduler: Scheduler;
  readonly #events = new PushEmitter();
  readonly #caches = new Map<string, TokenCache>();
  readonly #open: OpenExternal;
  readonly #unsubscribeSettings: () => void;
  readonly #desktop: DesktopShell;
  /** One for the app's lifetime, across sign-ins: Spotify counts the app's requests, not a session's. */
  readonly #budget: RequestBudget;
  readonly #figuresPush: ThrottledCall;
  readonly #unsubscribeBudget: () => void;

  #fields: AccountFields = {
    account: 'signed-out',
    userName: null,
    signInError: null,
    reconnectBy: null,
    keychainWarning: null,
  };
  #lastStateKey = '';
  #connection: SpotifyConnection | null = null;
  #signIn: SignInAttempt | null = null;
  /** Bumped whenever work in flight (a sign-in, a restore) must not land any more. */
  #generation = 0;
  /** After a sign-out, the next sign-in shows Spotify's consent page, so another account can be chosen. */
  #showDialog = false;
  #visible = false;
  /** The OS's network state, for engines created later. */
  #online = true;
  #lastDeviceId: string | null = null;
  #warningTimer: unknown;
  #started = false;
  #stopped = false;

  constructor(deps: TraytuneAppDeps) {
    this.#deps = deps;
    this.#env = deps.env ?? {};
    this.#clock = deps.clock ?? systemClock;
    this.#scheduler = deps.scheduler ?? systemScheduler;
    this.#open = guardedOpener(deps.openExternal, () => this.#accountsUrl());
    this.#desktop = deps.desktop ?? noDesktopShell();
    this.#fields.account = this.#clientId() === null ? 'no-client-id' : 'signed-out';
    this.#budget = new RequestBudget({
      dailyBudget: deps.settings.get().dailyRequestBudget,
      ...(deps.requestGuard && { guard: deps.requestGuard }),
      ...(deps.requestCounts && { store: deps.requestCounts }),
      scheduler: this.#scheduler,
      now: this.#clock.now(),
    });
    this.#figuresPush = new ThrottledCall({
      scheduler: this.#scheduler,
      clock: this.#clock,
      intervalMs: REQUEST_FIGURES_PUSH_MS,
      call: () => this.#emitState(),
    });
    this.#unsubscribeBudget = this.#budget.onChange(() => this.#figuresPush.request());
    this.#lastStateKey = JSON.stringify(this.getState());
    this.#unsubscribeSettings = deps.settings.onChange((settings) => {
      this.#budget.setDailyBudget(settings.dailyRequestBudget);
      this.#events.emit('settings:changed', settings);
      this.#emitState(); // the client ID and redirect URI shown come from the settings
    });
    this.handlers = this.#createHandlers();
  }

  // --- lifecycle -------------------------------------------------------------------------------------

  /** Onboarding when no client ID is set; else restores the saved sign-in (and starts the player). */
  async start(): Promise<void> {
    if (this.#started || this.#stopped) return;
    this.#started = true;
    const clientId = this.#clientId();
    if (clientId === null) {
      this.#update({ account: 'no-client-id' });
      return;
    }
    await this.#restore(clientId);
  }

  /** Cancels a sign-in, stops the player and closes connections. The saved sign-in stays for next time. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#generation++;
    await this.#cancelSignIn();
    const session = this.#connection?.session;
    await this.#disconnect();
    // A rotated refresh token whose keychain write failed is written once more (bounded) before quitting.
    await session?.flush();
    this.#unsubscribeSettings();
    this.#unsubscribeBudget();
    this.#figuresPush.cancel();
    this.#events.clear();
    // The counts of this run, for the next (never rejects: a write problem is only logged).
    await this.#budget.flush(this.#clock.now());
    this.#budget.dispose();
  }

  /** Resolves when no sign-in runs and the player has no request in flight (tests, shutdown). */
  async settled(): Promise<void> {
    await this.#signIn?.done;
    await this.#connection?.engine.settled();
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
    const settings = this.#deps.settings.get();
    return Object.freeze({
      ...this.#fields,
      signInLink: null,
      switchingAccount: false,
      clientId: this.#clientId(),
      redirectUriToRegister: settings.redirectUri,
      dashboardUrl: DASHBOARD_URL,
      desktop: this.#desktop.status(),
      requests: this.#requestFigures(),
    });
  }

  /** The request budget, for the desktop's own requests and for tests. */
  get requestBudget(): RequestBudget {
    return this.#budget;
  }

  getSnapshot(): PlayerSnapshot {
    return (
      this.#connection?.engine.getSnapshot() ??
      notConnectedSnapshot(
        this.#fields.account,
        this.#notConnectedMessage(),
        this.#clock.now(),
        this.#lastDeviceId,
      )
    );
  }

  /** The machine is going to sleep: the player stops polling until it wakes. */
  notifySuspend(): void {
    this.#connection?.engine.notifySuspend();
  }

  /** The machine woke up: the player reads the state once, promptly. */
  notifyResume(): void {
    this.#connection?.engine.notifyResume();
  }

  /**
   * The user looks at the player outside the mini-player (the tray menu opens): one prompt read unless
   * the state is fresh, and the liked state checked for a while.
   */
  notifyLooking(): void {
    this.#connection?.engine.notifyLooking();
  }

  /** The desktop's status (desktop.status()) may have changed: pushes `app:state` if it did. */
  desktopStatusChanged(): void {
    this.#emitState();
  }

  /** Asks the mini-player to show a panel (the tray's "Settings…" and "Set up…"). */
  showPanel(panel: RequestedPanel): void {
    this.#events.emit('ui:showPanel', { panel });
  }

  /** The OS's network state: offline stops polling, back online reads at once. */
  setOnline(online: boolean): void {
    this.#online = online;
    this.#connection?.engine.setOnline(online);
  }

  /** Opens a Spotify page in the system browser; any other address is refused (UserFacingError). */
  openExternal(url: string): Promise<void> {
    return this.#open(url);
  }

  // --- account -----------------------------------------------------------------------------------------

  async #restore(clientId: string): Promise<void> {
    const generation = this.#generation;
    let session: AuthSession | null;
    let config: AuthConfig;
    try {
      config = this.#config(clientId);
      session = await AuthSession.restore({
        client: { clientId },
        endpoint: new TokenEndpoint({ accountsUrl: config.accountsUrl, clock: this.#clock, ...this.#way() }),
        cache: this.#cacheFor(clientId),
        clock: this.#clock,
      });
    } catch (error) {
      if (generation !== this.#generation) return;
      // No keychain: start signed out; a sign-in then lives in memory for this run.
      if (error instanceof KeychainUnavailableError) {
        this.#update({ account: 'signed-out', keychainWarning: error.message });
      } else {
        this.#update({ account: 'signed-out', signInError: toAppError(error) });
      }
      return;
    }
    if (generation !== this.#generation) return;
    if (session === null) {
      this.#update({ account: 'signed-out' });
      return;
    }
    // A grant from before an update that added scopes would fail later with 'forbidden': ask now. (An
    // empty list means the scopes were never recorded; the API will tell.)
    if (session.scopes.length > 0 && missingScopes(session.scopes).length > 0) {
      this.#update({
        account: 'reconnect-needed',
        userName: null,
        reconnectBy: null,
        signInError: { code: 'reconnect_needed', message: NEW_PERMISSIONS },
      });
      this.#emitIdleSnapshot();
      return;
    }
    await this.#connect(session, config);
  }

  async #setClientId(input: ChannelInput<'app:setClientId'>): Promise<AppState> {
    const clientId = input.clientId.trim();
    if (clientId === '') {
      throw new ConfigError('Enter the Client ID of your app from the Spotify developer dashboard.');
    }
    this.#config(clientId); // ConfigError with a message for the user when it cannot be one
    const current = this.#clientId();
    if (clientId === current && this.#fields.account !== 'no-client-id') {
      this.#deps.settings.update({ clientId });
      return this.getState();
    }
    // Another app: leave the old one's account (its saved grant is forgotten) before switching.
    await this.#endSession(true);
    this.#deps.settings.update({ clientId });
    this.#update({ account: 'signed-out', userName: null, signInError: null, reconnectBy: null });
    return this.getState();
  }

  #startSignIn(): Promise<AppState> {
    if (this.#signIn) return this.#signIn.done;
    if (this.#fields.account === 'signed-in' || this.#stopped) return Promise.resolve(this.getState());
    const clientId = this.#clientId();
    if (clientId === null) {
      throw new UserFacingError(
        'no_client_id',
        'Enter the client ID of your Spotify app first, then sign in.',
      );
    }
    const abort = new AbortController();
    const attempt: SignInAttempt = { abort, done: this.#runSignIn(clientId, abort.signal) };
    this.#signIn = attempt;
    void attempt.done.finally(() => {
      if (this.#signIn === attempt) this.#signIn = null;
    });
    return attempt.done;
  }

  /** Never rejects: failures land in `signInError`. */
  async #runSignIn(clientId: string, signal: AbortSignal): Promise<AppState> {
    const before = this.#fields.account;
    const generation = ++this.#generation;
    this.#update({ account: 'signing-in', signInError: null });
    let session: AuthSession;
    let config: AuthConfig;
    try {
      config = this.#config(clientId);
      // Checked here too: a settings file from an older build may hold an https redirect URI.
      desktopRedirectUri(config.redirectUri);
      session = await signInWithPkce({
        ...this.#way(),
        config,
        openBrowser: this.#open,
        cache: this.#cacheFor(clientId),
        clock: this.#clock,
        signal,
        timeoutMs: this.#deps.signInTimeoutMs ?? DEFAULT_SIGN_IN_TIMEOUT_MS,
        showDialog: this.#showDialog,
      });
    } catch (error) {
      if (generation === this.#generation) {
        // Cancelled by the user: no error to show, just back to where it was.
        const signInError = signal.aborted ? null : signInErrorOf(error);
        this.#update({ account: before, signInError });
      }
      return this.getState();
    }
    if (generation !== this.#generation) {
      // Signed out, switched apps or quit meanwhile: this late sign-in must not stay behind.
      if (!this.#stopped) await this.#forgetSession(session);
      return this.getState();
    }
    this.#showDialog = false;
    await this.#connect(session, config);
    return this.getState();
  }

  async #cancelSignIn(): Promise<void> {
    const attempt = this.#signIn;
    if (!attempt) return;
    attempt.abort.abort();
    await attempt.done;
  }

  async #signOut(): Promise<AppState> {
    await this.#endSession(true);
    this.#showDialog = true;
    this.#update({
      account: this.#clientId() === null ? 'no-client-id' : 'signed-out',
      userName: null,
      signInError: null,
      reconnectBy: null,
    });
    this.#emitIdleSnapshot();
    return this.getState();
  }

  /** Ends whatever is going on: a sign-in is cancelled, the player stopped, the grant forgotten if `forget`. */
  async #endSession(forget: boolean): Promise<void> {
    this.#generation++;
    await this.#cancelSignIn();
    const session = this.#connection?.session;
    await this.#disconnect();
    if (!forget || !session) return;
    await this.#forgetSession(session);
  }

  /** Signs the session out and forgets its saved grant; a grant left in the keychain becomes a warning. */
  async #forgetSession(session: AuthSession): Promise<void> {
    try {
      await session.signOut();
    } catch (error) {
      // Signed out anyway; only the saved copy may be left behind.
      if (!(error instanceof KeychainUnavailableError)) {
        this.#update({ keychainWarning: KEYCHAIN_LEFT_BEHIND });
      }
    }
  }

  async #connect(session: AuthSession, config: AuthConfig): Promise<void> {
    // The tray's Devices submenu reads the snapshot's list: filled once here, then as devices change.
    const devices = new DeviceListFollower(() => connection.engine.refreshDevices());
    const connection: SpotifyConnection = new SpotifyConnection({
      session,
      apiUrl: config.apiUrl,
      clock: this.#clock,
      scheduler: this.#scheduler,
      visible: this.#visible,
      lastDeviceId: this.#lastDeviceId,
      budget: this.#budget,
      apiClient: { ...this.#deps.apiClient, ...this.#way() },
      engine: this.#deps.engine,
      onSnapshot: (snapshot) => {
        if (this.#connection !== connection) return;
        this.#events.emit('player:snapshot', snapshot);
        devices.saw(snapshot);
        this.#figuresPush.request(); // the next read may have moved
      },
      onReconnectNeeded: (error) => this.#reconnectNeeded(connection, error),
      onCacheError: (error) => {
        if (this.#connection === connection) this.#update({ keychainWarning: cacheWarning(error) });
      },
    });
    this.#connection = connection;
    if (!this.#online) connection.engine.setOnline(false);
    this.#update({
      account: 'signed-in',
      signInError: null,
      keychainWarning: session.cacheError ? cacheWarning(session.cacheError) : null,
    });
    this.#armReconnectWarning();
    await Promise.all([
      connection.start().then(() => {
        if (this.#connection === connection) devices.started(connection.engine.getSnapshot());
      }),
      this.#loadUserName(connection),
    ]);
  }

  async #loadUserName(connection: SpotifyConnection): Promise<void> {
    try {
      const profile = await connection.profile();
      if (this.#connection === connection) this.#update({ userName: profile.display_name ?? profile.id });
    } catch {
      // The name is decoration: the player shows what is wrong with the connection.
    }
  }

  #reconnectNeeded(connection: SpotifyConnection, error: ReconnectNeededError): void {
    if (this.#connection !== connection) return;
    void this.#disconnect();
    this.#update({
      account: 'reconnect-needed',
      userName: null,
      reconnectBy: null,
      signInError: { code: error.code, message: error.message },
    });
    this.#emitIdleSnapshot();
  }

  async #disconnect(): Promise<void> {
    this.#clearWarningTimer();
    const connection = this.#connection;
    if (!connection) return;
    this.#connection = null;
    this.#lastDeviceId = connection.engine.getSnapshot().lastDeviceId ?? this.#lastDeviceId;
    await connection.close();
  }

  /** `reconnectBy` appears 14 days before the refresh token's 6-month end; checked by a (chained) timer. */
  #armReconnectWarning(): void {
    this.#clearWarningTimer();
    const connection = this.#connection;
    if (!connection) return;
    const expiresAt = connection.session.refreshTokenExpiresAt;
    const wait = expiresAt - RECONNECT_WARNING_MS - this.#clock.now();
    if (wait <= 0) {
      this.#update({ reconnectBy: expiresAt });
      return;
    }
    this.#update({ reconnectBy: null });
    this.#warningTimer = this.#scheduler.setTimeout(
      () => {
        this.#warningTimer = undefined;
        this.#armReconnectWarning();
      },
      Math.min(wait, MAX_TIMER_MS),
    );
  }

  #clearWarningTimer(): void {
    if (this.#warningTimer !== undefined) this.#scheduler.clearTimeout(this.#warningTimer);
    this.#warningTimer = undefined;
  }

  // --- player and library --------------------------------------------------------------------------

  #command(
    source: PlayerError['source'],
    run: (engine: PlayerEngine) => Promise<CommandResult>,
  ): Promise<CommandResult> {
    const engine = this.#connection?.engine;
    if (!engine)
      return Promise.resolve(notConnectedResult(this.#notConnectedMessage(), source, this.#clock.now()));
    return run(engine);
  }

  #requireConnection(): SpotifyConnection {
    if (!this.#connection) throw notConnectedError(this.#fields.account, this.#notConnectedMessage());
    return this.#connection;
  }

  async #addCurrentToPlaylist(playlistId: string): Promise<CommandResult> {
    const connection = this.#connection;
    const now = this.#clock.now();
    if (!connection) return notConnectedResult(this.#notConnectedMessage(), PLAYLIST_SOURCE, now);
    const snapshot = connection.engine.getSnapshot();
    // Never a placeholder URI (ads, unsupported items), a local file or nothing: the rules the button has.
    const allowed = controlState(snapshot, 'addToPlaylist');
    const item = snapshot.item;
    if (!allowed.enabled || item === null) {
      const message = allowed.reason ?? 'Nothing is playing that could be added to a playlist.';
      return {
        ok: false,
        error: { kind: 'refused', message, source: PLAYLIST_SOURCE, at: now, until: null },
      };
    }
    try {
      await connection.api.addToPlaylist(playlistId, [item.uri], {}, FAIL_FAST);
      return { ok: true };
    } catch (error) {
      if (!(error instanceof SpotifyApiError)) throw error;
      return {
        ok: false,
        error: {
          kind: error.kind,
          message: error.message,
          source: PLAYLIST_SOURCE,
          at: this.#clock.now(),
          until: error.rateLimitedUntil ?? null,
        },
      };
    }
  }

  // --- settings ----------------------------------------------------------------------------------------

  #updateSettings(patch: SettingsPatch): Settings {
    const { shortcuts, redirectUri, dailyRequestBudget, ...rest } = definedOnly(patch);
    const changes: Partial<Settings> = rest;
    // Checked here as well as by the IPC contract: the in-memory store validates nothing.
    if (dailyRequestBudget !== undefined) {
      if (!dailyRequestBudgetSchema.safeParse(dailyRequestBudget).success) {
        throw new UserFacingError('validation', DAILY_REQUEST_BUDGET_HINT);
      }
      changes.dailyRequestBudget = dailyRequestBudget;
    }
    // A redirect URI the loopback listener cannot serve (https, localhost, http off loopback) is stopped
    // here, not at sign-in.
    if (redirectUri !== undefined) changes.redirectUri = desktopRedirectUri(redirectUri);
    if (shortcuts !== undefined) {
      changes.shortcuts = { ...this.#deps.settings.get().shortcuts, ...definedOnly(shortcuts) };
    }
    return this.#deps.settings.update(changes);
  }

  // --- state -------------------------------------------------------------------------------------------

  #update(changes: Partial<AccountFields>): void {
    this.#fields = { ...this.#fields, ...changes };
    this.#emitState();
  }

  #emitState(): void {
    const state = this.getState();
    const key = JSON.stringify(state);
    if (key === this.#lastStateKey) return;
    this.#lastStateKey = key;
    this.#events.emit('app:state', state);
  }

  #requestFigures(): RequestFigures {
    const now = this.#clock.now();
    return Object.freeze({
      lastHour: this.#budget.usedInLastHour(now),
      today: this.#budget.usedToday(now),
      dailyBudget: this.#budget.dailyBudget,
      nextReadAt: this.#connection?.engine.nextReadAt ?? null,
    });
  }

  #emitIdleSnapshot(): void {
    if (!this.#connection) this.#events.emit('player:snapshot', this.getSnapshot());
  }

  #notConnectedMessage(): string {
    const { account, signInError } = this.#fields;
    if (account === 'reconnect-needed' && signInError !== null) return signInError.message;
    return notConnectedMessage(account);
  }

  /** The client ID from the settings, else from TRAYTUNE_CLIENT_ID. */
  #clientId(): string | null {
    return this.#deps.settings.get().clientId ?? (this.#env['TRAYTUNE_CLIENT_ID']?.trim() || null);
  }

  #config(clientId: string): AuthConfig {
    return loadAuthConfig({ clientId, redirectUri: this.#deps.settings.get().redirectUri }, this.#env);
  }

  /** The configured accounts service (the simulator in development), whose pages may be opened too. */
  #accountsUrl(): string | null {
    return this.#env['TRAYTUNE_ACCOUNTS_URL']?.trim() || null;
  }

  /** The shared dispatcher as an option, when the desktop gave one. */
  #way(): { dispatcher?: Dispatcher } {
    return this.#deps.dispatcher ? { dispatcher: this.#deps.dispatcher } : {};
  }

  #cacheFor(clientId: string): TokenCache {
    let cache = this.#caches.get(clientId);
    if (!cache) {
      cache = this.#deps.createTokenCache(clientId);
      this.#caches.set(clientId, cache);
    }
    return cache;
  }

  // --- channels ----------------------------------------------------------------------------------------

  #createHandlers(): AppHandlers {
    const engineCall = (fn: (engine: PlayerEngine) => void): Promise<void> =>
      attempt(() => {
        const engine = this.#connection?.engine;
        if (engine) fn(engine);
      });
    return {
      'app:getState': () => attempt(() => this.getState()),
      'app:setClientId': (input) => this.#setClientId(input),
      'app:openDashboard': () => this.#open(DASHBOARD_URL),
      'app:installUpdate': () => attempt(() => this.#desktop.installUpdate()),
      'auth:signIn': () => attempt(() => this.#startSignIn()),
      'auth:cancelSignIn': () => this.#cancelSignIn(),
      'auth:signOut': () => this.#signOut(),

      'player:getSnapshot': () => attempt(() => this.getSnapshot()),
      'player:togglePlay': () => this.#command('play', (engine) => engine.togglePlay()),
      'player:next': () => this.#command('next', (engine) => engine.next()),
      'player:previous': () => this.#command('previous', (engine) => engine.previous()),
      'player:seek': ({ positionMs }) => this.#command('seek', (engine) => engine.seek(positionMs)),
      'player:setVolume': ({ percent }) => this.#command('volume', (engine) => engine.setVolume(percent)),
      'player:setShuffle': ({ on }) => this.#command('shuffle', (engine) => engine.setShuffle(on)),
      'player:setRepeat': ({ mode }) => this.#command('repeat', (engine) => engine.setRepeat(mode)),
      'player:toggleLike': () => this.#command('like', (engine) => engine.toggleLike()),
      'player:transfer': ({ deviceId, play }) =>
        this.#command('transfer', (engine) =>
          engine.transferTo(deviceId, play === undefined ? {} : { play }),
        ),
      'player:refreshDevices': () => this.#command('devices', (engine) => engine.refreshDevices()),
      'player:playTrack': ({ uri }) => this.#command('play-items', (engine) => engine.playUris([uri])),
      'player:dismissError': () => engineCall((engine) => engine.dismissError()),
      // The user's "try again" (quota used up, Premium required): resetConnection() and one prompt read.
      'player:retry': () => this.#command('sync', (engine) => engine.retry()),

      'library:likedSongs': async ({ offset, limit }) => {
        const page = await this.#requireConnection().api.getSavedTracks({ offset, limit }, FAIL_FAST);
        return toPage(page, (saved) => toLibraryTrack(saved.track));
      },
      'library:playlists': async ({ offset, limit }) => {
        const connection = this.#requireConnection();
        const [page, profile] = await Promise.all([
          connection.api.getMyPlaylists({ offset, limit }, FAIL_FAST),
          connection.profile(FAIL_FAST),
        ]);
        return toPage(page, (playlist) => toPlaylistSummary(playlist, profile.id));
      },
      'library:addCurrentToPlaylist': ({ playlistId }) => this.#addCurrentToPlaylist(playlistId),
      'library:queue': async () => toQueueView(await this.#requireConnection().api.getQueue(FAIL_FAST)),
      'library:addToQueue': ({ uri }) => this.#command('queue', (engine) => engine.addToQueue(uri)),

      'settings:get': () => attempt(() => this.#deps.settings.get()),
      'settings:update': (patch) => attempt(() => this.#updateSettings(patch)),
      'settings:shortcutStatus': () => attempt(() => this.#deps.shortcutStatus?.() ?? ALL_OFF),
      'settings:openAccessibility': () => attempt(() => this.#desktop.openAccessibilitySettings()),
      'ui:setVisible': ({ visible }) =>
        engineCall((engine) => {
          engine.setVisible(visible);
        }).finally(() => {
          // Remembered for the engine of the next sign-in.
          this.#visible = visible;
        }),
      'ui:hide': () => attempt(() => this.#desktop.hideMiniPlayer()),
      'ui:copyText': ({ text }) => attempt(() => this.#desktop.copyText(text)),
      // TODO(issue 10): placeholders while the services are written; each is replaced in this change.
      'auth:switchAccount': notYet,
      'player:playContext': notYet,
      'library:playlistItems': notYet,
      'library:savedAlbums': notYet,
      'library:albumTracks': notYet,
      'library:recentlyPlayed': notYet,
      'library:search': notYet,
      'library:addToPlaylist': notYet,
      'library:setLiked': notYet,
      'library:likedState': notYet,
      'ui:openInSpotify': notYet,
    };
  }
}

function notYet(): Promise<never> {
  return Promise.reject(new UserFacingError('validation', 'Not available yet.'));
}

/** Runs `fn` so that a synchronous throw becomes a rejection, like an async function's. */
function attempt<T>(fn: () => T | PromiseLike<T>): Promise<T> {
  return new Promise<T>((resolve) => resolve(fn()));
}

/** What sign-in shows for a failure: the typed error's own text, except where it offers what the app lacks. */
function signInErrorOf(error: unknown): AppError {
  if (error instanceof BrowserOpenError) return { code: error.code, message: BROWSER_OPEN_MESSAGE };
  return toAppError(error);
}

function cacheWarning(error: AuthError): string {
  if (error instanceof KeychainUnavailableError) return error.message;
  return `${error.message} Traytune stays signed in until it quits.`;
}
