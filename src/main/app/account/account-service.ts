import type { Dispatcher } from 'undici';
import type { AppError, AppState } from '../../../shared/app-state.ts';
import type { ChannelInput } from '../../../shared/ipc/contract.ts';
import {
  ConfigError,
  DEFAULT_SIGN_IN_TIMEOUT_MS,
  KeychainUnavailableError,
  loadAuthConfig,
  type AuthConfig,
  type AuthSession,
  type Env,
  type ReconnectNeededError,
  type TokenCache,
} from '../../auth/index.ts';
import type { Scheduler } from '../../spotify/player/index.ts';
import type { SettingsStore } from '../../settings/settings-store.ts';
import type { Clock } from '../../util/clock.ts';
import { safeCause } from '../../util/safe-cause.ts';
import type { AccountFields, AppStateService } from '../app-state-service.ts';
import type { SpotifyConnection } from '../connection.ts';
import type { CurrentConnection } from '../current-connection.ts';
import { UserFacingError, isInternal, toAppError } from '../errors.ts';
import type { OpenExternal } from '../external-links.ts';
import { desktopRedirectUri } from '../redirect-uri.ts';
import { signInThroughBrowser } from './browser-sign-in.ts';
import { configuredClientId } from './client-id.ts';
import {
  BLANK_CLIENT_ID,
  KEYCHAIN_LEFT_BEHIND,
  NEW_PERMISSIONS,
  NO_CLIENT_ID_YET,
  browserNotOpened,
  cacheWarning,
  signInErrorOf,
} from './messages.ts';
import { ReconnectWarning } from './reconnect-warning.ts';
import { restoreSavedSession } from './restore.ts';
import { SessionCache } from './session-cache.ts';

export interface AccountServiceOptions {
  settings: SettingsStore;
  env: Env;
  clock: Clock;
  scheduler: Scheduler;
  /** The store for one client ID's grant (desktop: the keychain; tests: memory). */
  createTokenCache: (clientId: string) => TokenCache;
  /** The allow-listed system browser. */
  open: OpenExternal;
  signInTimeoutMs?: number | undefined;
  dispatcher?: Dispatcher | undefined;
  state: AppStateService;
  connection: CurrentConnection;
}

/** What no sign-in in progress shows. */
const ENDED = Object.freeze({ signInLink: null, switchingAccount: false });

interface SignInAttempt {
  readonly abort: AbortController;
  readonly done: Promise<AppState>;
}

/**
 * The account lifecycle: the client ID, sign-in (and "Switch account"), restore at start, sign-out,
 * reconnect-needed, the reconnect warning and the keychain warnings. While signed in it keeps a
 * SpotifyConnection current (CurrentConnection); everything it decides lands in the AppState fields.
 */
export class AccountService {
  readonly #options: AccountServiceOptions;
  readonly #state: AppStateService;
  readonly #connection: CurrentConnection;
  readonly #caches = new Map<string, TokenCache>();
  /** Each session's own view of the cache, so a replaced session can be signed out harmlessly. */
  readonly #sessionCaches = new WeakMap<AuthSession, SessionCache>();
  readonly #warning: ReconnectWarning;
  #attempt: SignInAttempt | null = null;
  /** Bumped whenever work in flight (a sign-in, a restore) must not land any more. */
  #generation = 0;
  /** After a sign-out, the next sign-in shows Spotify's consent page, so another account can be chosen. */
  #showDialog = false;
  #stopped = false;

  constructor(options: AccountServiceOptions) {
    this.#options = options;
    this.#state = options.state;
    this.#connection = options.connection;
    this.#warning = new ReconnectWarning({
      clock: options.clock,
      scheduler: options.scheduler,
      onChange: (reconnectBy) => this.#state.update({ reconnectBy }),
    });
  }

  /** The client ID in use (settings, else TRAYTUNE_CLIENT_ID). */
  #clientId(): string | null {
    return configuredClientId(this.#options.settings, this.#options.env);
  }

  // --- lifecycle -------------------------------------------------------------------------------------

  /** Onboarding when no client ID is set; else restores the saved sign-in (and starts the player). */
  async start(): Promise<void> {
    // Stopped while the app was still starting (the OS logging out at launch): nothing is restored.
    if (this.#stopped) return;
    const clientId = this.#clientId();
    if (clientId === null) {
      this.#state.update({ account: 'no-client-id' });
      return;
    }
    await this.#restore(clientId);
  }

  /** Cancels a sign-in and stops the player; a grant whose keychain write failed is written once more. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#generation++;
    await this.cancelSignIn();
    const session = this.#connection.current?.session;
    await this.#disconnect();
    // A rotated refresh token whose keychain write failed is written once more (bounded) before quitting.
    await session?.flush();
  }

  /** Resolves when no sign-in runs. */
  async settled(): Promise<void> {
    await this.#attempt?.done;
  }

  // --- channels ----------------------------------------------------------------------------------------

  async setClientId(input: ChannelInput<'app:setClientId'>): Promise<AppState> {
    const clientId = input.clientId.trim();
    if (clientId === '') throw new ConfigError(BLANK_CLIENT_ID);
    this.#config(clientId); // ConfigError with a message for the user when it cannot be one
    if (clientId === this.#clientId() && this.#state.fields.account !== 'no-client-id') {
      this.#options.settings.update({ clientId });
      return this.#state.getState();
    }
    // Another app: leave the old one's account (its saved grant is forgotten) before switching.
    await this.#endSession(true);
    this.#options.settings.update({ clientId });
    this.#state.update({ account: 'signed-out', userName: null, signInError: null, reconnectBy: null });
    return this.#state.getState();
  }

  /** Signs in (a request while one runs joins it); resolves with the state once it ended. */
  signIn(): Promise<AppState> {
    return this.#begin(false);
  }

  /**
   * Signs in another account while the current one goes on playing (and stays in the keychain); only a
   * successful sign-in replaces it. Without a current connection it is a plain sign-in with the chooser.
   */
  switchAccount(): Promise<AppState> {
    return this.#begin(true);
  }

  async cancelSignIn(): Promise<void> {
    const attempt = this.#attempt;
    if (!attempt) return;
    attempt.abort.abort();
    await attempt.done;
  }

  async signOut(): Promise<AppState> {
    await this.#endSession(true);
    this.#showDialog = true;
    this.#state.update({
      account: this.#clientId() === null ? 'no-client-id' : 'signed-out',
      userName: null,
      signInError: null,
      reconnectBy: null,
    });
    return this.#state.getState();
  }

  // --- sign-in -----------------------------------------------------------------------------------------

  #begin(switching: boolean): Promise<AppState> {
    if (this.#attempt) return this.#attempt.done;
    const current = this.#connection.current?.session ?? null;
    if (this.#stopped || (!switching && this.#state.fields.account === 'signed-in')) {
      return Promise.resolve(this.#state.getState());
    }
    const clientId = this.#clientId();
    if (clientId === null) throw new UserFacingError('no-client-id', NO_CLIENT_ID_YET);
    const abort = new AbortController();
    const done =
      switching && current !== null
        ? this.#runSwitch(clientId, current, abort.signal)
        : this.#runSignIn(clientId, abort.signal, switching || this.#showDialog);
    const attempt: SignInAttempt = { abort, done };
    this.#attempt = attempt;
    void done.finally(() => {
      if (this.#attempt === attempt) this.#attempt = null;
    });
    return done;
  }

  /** Never rejects: failures land in `signInError`. */
  async #runSignIn(clientId: string, signal: AbortSignal, showDialog: boolean): Promise<AppState> {
    const before = this.#state.fields.account;
    const generation = ++this.#generation;
    this.#state.update({ account: 'signing-in', signInError: null });
    let session: AuthSession;
    let config: AuthConfig;
    try {
      config = this.#config(clientId);
      session = await this.#browserSignIn(clientId, config, signal, showDialog, generation);
    } catch (error) {
      this.#failed(generation, signal, error, { account: before });
      return this.#state.getState();
    }
    if (generation !== this.#generation) {
      // Signed out, switched apps or quit meanwhile: this late sign-in must not stay behind.
      this.#state.update(ENDED);
      if (!this.#stopped) await this.#forgetSession(session);
      return this.#state.getState();
    }
    this.#showDialog = false;
    await this.#connect(session, config, ENDED);
    return this.#state.getState();
  }

  /**
   * "Switch account": `previous` keeps playing while the other account's consent is awaited. The new
   * grant is saved over the previous one (one keychain entry per client ID), so whichever session loses
   * is detached from the cache before it is signed out, and the winner writes its grant once more (a
   * save of the loser's may have finished after the winner's).
   */
  async #runSwitch(clientId: string, previous: AuthSession, signal: AbortSignal): Promise<AppState> {
    const generation = ++this.#generation;
    this.#state.update({ switchingAccount: true, signInError: null });
    let session: AuthSession;
    let config: AuthConfig;
    try {
      config = this.#config(clientId);
      session = await this.#browserSignIn(clientId, config, signal, true, generation);
    } catch (error) {
      this.#failed(generation, signal, error);
      return this.#state.getState();
    }
    if (generation !== this.#generation) {
      this.#state.update(ENDED);
      // Signed out, switched apps or quit meanwhile: the new sign-in is dropped. While the previous
      // session is still in use, its grant is put back (whatever ended the switch decides its fate);
      // otherwise the new grant is cleared like any late sign-in's.
      const previousInUse = this.#connection.current?.session === previous;
      if (previousInUse) this.#sessionCaches.get(session)?.detach();
      await this.#forgetSession(session);
      if (previousInUse) await previous.persist();
      return this.#state.getState();
    }
    this.#sessionCaches.get(previous)?.detach();
    await this.#disconnect();
    await this.#forgetSession(previous);
    await session.persist();
    this.#showDialog = false;
    await this.#connect(session, config, { userName: null, ...ENDED });
    return this.#state.getState();
  }

  /** A sign-in or switch ended without a session: back to `changes`, the failure shown (none if cancelled). */
  #failed(
    generation: number,
    signal: AbortSignal,
    error: unknown,
    changes: Partial<AccountFields> = {},
  ): void {
    // Something else (a sign-out, another client ID, quitting) ended it: that sets the state.
    if (generation !== this.#generation) {
      this.#state.update(ENDED);
      return;
    }
    const signInError = signal.aborted ? null : signInErrorOf(error);
    if (signInError !== null) logIfBug('sign-in', signInError, error);
    this.#state.update({ ...changes, signInError, ...ENDED });
  }

  /** The PKCE sign-in for this app, with the consent link shown while it waits. */
  #browserSignIn(
    clientId: string,
    config: AuthConfig,
    signal: AbortSignal,
    showDialog: boolean,
    generation: number,
  ): Promise<AuthSession> {
    // Checked here too: a settings file from an older build may hold an https redirect URI.
    desktopRedirectUri(config.redirectUri);
    const cache = this.#newSessionCache(clientId);
    const current = (): boolean => generation === this.#generation && !signal.aborted;
    return signInThroughBrowser({
      config,
      cache,
      clock: this.#options.clock,
      dispatcher: this.#options.dispatcher,
      signal,
      timeoutMs: this.#options.signInTimeoutMs ?? DEFAULT_SIGN_IN_TIMEOUT_MS,
      showDialog,
      open: this.#options.open,
      onLink: (signInLink) => {
        if (current()) this.#state.update({ signInLink });
      },
      onBrowserFailed: (error) => {
        if (current()) this.#state.update({ signInError: browserNotOpened(error) });
      },
    }).then((session) => {
      this.#sessionCaches.set(session, cache);
      return session;
    });
  }

  // --- restore, connect, end -----------------------------------------------------------------------------

  async #restore(clientId: string): Promise<void> {
    const generation = this.#generation;
    let sessionCache: SessionCache | undefined;
    const outcome = await restoreSavedSession({
      config: () => this.#config(clientId),
      cache: () => (sessionCache = this.#newSessionCache(clientId)),
      clock: this.#options.clock,
      dispatcher: this.#options.dispatcher,
    });
    if (generation !== this.#generation) return;
    switch (outcome.kind) {
      case 'no-keychain':
        this.#state.update({ account: 'signed-out', keychainWarning: outcome.error.message });
        return;
      case 'failed': {
        const signInError = toAppError(outcome.error);
        logIfBug('restoring the sign-in', signInError, outcome.error);
        this.#state.update({ account: 'signed-out', signInError });
        return;
      }
      case 'nothing':
        this.#state.update({ account: 'signed-out' });
        return;
      case 'missing-scopes':
        this.#state.update({
          account: 'reconnect-needed',
          userName: null,
          reconnectBy: null,
          signInError: { code: 'reconnect-needed', message: NEW_PERMISSIONS },
        });
        return;
      case 'session':
        if (sessionCache) this.#sessionCaches.set(outcome.session, sessionCache);
        await this.#connect(outcome.session, this.#config(clientId));
    }
  }

  /** Makes `session`'s connection current and starts it; `changes` land in the same state push. */
  async #connect(
    session: AuthSession,
    config: AuthConfig,
    changes: Partial<AccountFields> = {},
  ): Promise<void> {
    const connection = this.#connection.open(session, config.apiUrl, {
      onReconnectNeeded: (error) => this.#reconnectNeeded(error),
      onCacheError: (error) => this.#state.update({ keychainWarning: cacheWarning(error) }),
    });
    this.#state.update({
      ...changes,
      account: 'signed-in',
      signInError: null,
      keychainWarning: session.cacheError ? cacheWarning(session.cacheError) : null,
    });
    this.#warning.watch(session.refreshTokenExpiresAt);
    await Promise.all([this.#connection.start(connection), this.#loadUserName(connection)]);
  }

  async #loadUserName(connection: SpotifyConnection): Promise<void> {
    try {
      const profile = await connection.profile();
      if (this.#connection.current === connection) {
        this.#state.update({ userName: profile.display_name ?? profile.id });
      }
    } catch {
      // The name is decoration: the player shows what is wrong with the connection.
    }
  }

  #reconnectNeeded(error: ReconnectNeededError): void {
    void this.#disconnect();
    this.#state.update({
      account: 'reconnect-needed',
      userName: null,
      reconnectBy: null,
      signInError: { code: error.code, message: error.message },
    });
  }

  /** Ends whatever is going on: a sign-in is cancelled, the player stopped, the grant forgotten if `forget`. */
  async #endSession(forget: boolean): Promise<void> {
    this.#generation++;
    await this.cancelSignIn();
    const session = this.#connection.current?.session;
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
        this.#state.update({ keychainWarning: KEYCHAIN_LEFT_BEHIND });
      }
    }
  }

  async #disconnect(): Promise<void> {
    this.#warning.stop();
    await this.#connection.close();
  }

  // --- configuration -----------------------------------------------------------------------------------

  #config(clientId: string): AuthConfig {
    return loadAuthConfig(
      { clientId, redirectUri: this.#options.settings.get().redirectUri },
      this.#options.env,
    );
  }

  /** A fresh view of the client ID's one cache, for one session. */
  #newSessionCache(clientId: string): SessionCache {
    let cache = this.#caches.get(clientId);
    if (!cache) {
      cache = this.#options.createTokenCache(clientId);
      this.#caches.set(clientId, cache);
    }
    return new SessionCache(cache);
  }
}

/**
 * A failure that is a bug (no typed error) is shown with the generic sentence: logged here, or nobody
 * would ever learn what it was. Only its name and code (safeCause): auth errors may quote tokens.
 */
function logIfBug(doing: string, shown: AppError, error: unknown): void {
  if (isInternal(shown)) console.error(`[account] ${doing} failed with a bug:`, safeCause(error));
}
