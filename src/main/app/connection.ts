import type { AuthError, AuthSession, ReconnectNeededError } from '../auth/index.ts';
import {
  SpotifyApiClient,
  SpotifyWebApi,
  type CallOptions,
  type SpotifyApiClientOptions,
  type User,
} from '../spotify/index.ts';
import {
  PlayerEngine,
  type PlayerEngineOptions,
  type PlayerSnapshot,
  type Scheduler,
} from '../spotify/player/index.ts';
import type { RequestBudget } from '../spotify/request-budget.ts';
import type { Clock } from '../util/clock.ts';

/** Knobs of the Web API client the app passes through (tests: fake sleep, fast backoff). */
export type ApiClientTuning = Pick<
  SpotifyApiClientOptions,
  'sleep' | 'backoff' | 'timeouts' | 'rateLimit' | 'connections' | 'dispatcher'
>;
/** Knobs of the player engine the app passes through. */
export type EngineTuning = Pick<PlayerEngineOptions, 'sync' | 'autoTransfer'>;

export interface ConnectionOptions {
  session: AuthSession;
  apiUrl: string;
  clock: Clock;
  scheduler: Scheduler;
  visible: boolean;
  lastDeviceId: string | null;
  /** The app's one request budget: the client records into it, the engine reads from it. */
  budget: RequestBudget;
  apiClient?: ApiClientTuning | undefined;
  engine?: EngineTuning | undefined;
  onSnapshot: (snapshot: PlayerSnapshot) => void;
  onReconnectNeeded: (error: ReconnectNeededError) => void;
  onCacheError: (error: AuthError) => void;
}

/**
 * Everything that exists while signed in: the session, its Web API client and the player engine.
 * Made on sign-in (or restore) and closed on sign-out, reconnect-needed or quit, so nothing of one account
 * outlives it (a new sign-in gets a fresh pool, gate and engine).
 */
export class SpotifyConnection {
  readonly session: AuthSession;
  readonly api: SpotifyWebApi;
  readonly engine: PlayerEngine;
  #profile: Promise<User> | null = null;
  #closed = false;
  readonly #detach: () => void;

  constructor(options: ConnectionOptions) {
    this.session = options.session;
    const client = new SpotifyApiClient({
      ...options.apiClient,
      tokens: options.session,
      baseUrl: options.apiUrl,
      clock: options.clock,
      recorder: options.budget,
    });
    this.api = new SpotifyWebApi(client);
    this.engine = new PlayerEngine({
      ...options.engine,
      api: this.api,
      clock: options.clock,
      scheduler: options.scheduler,
      session: options.session,
      visible: options.visible,
      lastDeviceId: options.lastDeviceId,
      budget: options.budget,
    });
    const unsubscribe = this.engine.subscribe(options.onSnapshot);
    const { onReconnectNeeded, onCacheError } = options;
    options.session.on('reconnect-needed', onReconnectNeeded);
    options.session.on('cache-error', onCacheError);
    this.#detach = () => {
      unsubscribe();
      options.session.off('reconnect-needed', onReconnectNeeded);
      options.session.off('cache-error', onCacheError);
    };
  }

  /** Starts the engine; resolves after its first read (never rejects). */
  start(): Promise<void> {
    return this.engine.start();
  }

  /**
   * The user's profile, fetched once; a failed fetch is forgotten so the next call tries again. `options`
   * apply to the fetch this call starts (none when one is already under way or done).
   */
  profile(options?: CallOptions): Promise<User> {
    if (this.#profile === null) {
      const fetching = this.api.getProfile(options);
      this.#profile = fetching;
      fetching.catch(() => {
        if (this.#profile === fetching) this.#profile = null;
      });
    }
    return this.#profile;
  }

  /** Stops the engine and closes the connection pool. The session itself is left as it is. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#detach();
    this.engine.stop();
    try {
      await this.api.client.close();
    } catch (error) {
      // Closing a pool only fails when it is already closed: nothing to tell the user.
      console.warn('[app] closing the Web API client failed:', error instanceof Error ? error.name : error);
    }
  }
}
