import { EventEmitter } from 'node:events';
import { systemClock, type Clock } from '../util/clock.ts';
import { AuthError, NetworkError, OAuthError, ReconnectNeededError, SignedOutError } from './errors.ts';
import { REFRESH_TOKEN_LIFETIME_MONTHS, addCalendarMonths, refreshRefusedReason } from './refresh-refused.ts';
import { DEFAULT_TOKEN_TIMEOUT_MS, type OAuthClient, type TokenEndpoint } from './token-endpoint.ts';
import { clearIfHolds, type TokenCache } from './token-cache.ts';
import { DEFAULT_EXPIRY_MARGIN_MS, isExpired, type StoredGrant, type Token } from './token.ts';

/** Anything that hands out access tokens for API calls (user session or app-only). */
export interface AccessTokenProvider {
  getAccessToken(): Promise<string>;
  /** After a 401 with this token: the next getAccessToken() fetches a new one (once, however many 401s). */
  invalidate(rejectedAccessToken?: string): void;
}

/** What listeners learn about the current token: never the token itself. */
export interface TokenInfo {
  scopes: readonly string[];
  expiresAt: number;
  authorizedAt: number;
  refreshTokenExpiresAt: number;
}

export interface AuthSessionEvents {
  'token-updated': [info: TokenInfo];
  /**
   * The refresh token is expired, revoked or replaced, or Spotify no longer accepts the client ID; the
   * cache was cleared if it still held the refused token. The UI should offer sign-in.
   */
  'reconnect-needed': [error: ReconnectNeededError];
  /**
   * Persisting or clearing the grant failed; the session carries on in memory. A failed save is retried
   * (with backoff) until it succeeds: see `cache-recovered`.
   */
  'cache-error': [error: AuthError];
  /** A save that had failed has now succeeded: the grant is safe in the cache again. */
  'cache-recovered': [];
}

/** How a failed save of the grant is retried: doubling from `firstDelayMs` up to `maxDelayMs`. */
export interface PersistRetryOptions {
  firstDelayMs?: number;
  maxDelayMs?: number;
}

export interface AuthSessionOptions {
  client: OAuthClient;
  endpoint: TokenEndpoint;
  cache: TokenCache;
  clock?: Clock;
  /** Refresh this long before expiry. */
  expiryMarginMs?: number;
  /**
   * How long getAccessToken() waits for a refresh before it rejects with a NetworkError. The refresh
   * itself goes on (up to the endpoint's refresh timeout): its answer may hold a rotated refresh token,
   * so it still lands in the session and the cache.
   */
  refreshWaitMs?: number;
  persistRetry?: PersistRetryOptions;
}

export { REFRESH_TOKEN_LIFETIME_MONTHS, addCalendarMonths };

const DEFAULT_PERSIST_RETRY = { firstDelayMs: 1_000, maxDelayMs: 60_000 };
/** What a quit waits at most for a grant whose save failed (AuthSession.flush). */
export const DEFAULT_FLUSH_TIMEOUT_MS = 3_000;

type SessionState = 'active' | 'reconnect-needed' | 'signed-out';

/**
 * The signed-in user's tokens. Holds the access token in memory, refreshes it ahead of expiry with at
 * most one refresh in flight, persists rotated refresh tokens, and turns `invalid_grant`, `invalid_client`
 * and `unauthorized_client` into `reconnect-needed`. Transient failures (network, 5xx, 429) reject the
 * caller but never discard the refresh token. Cache saves and clears run one at a time, in order.
 *
 * Never losing the grant: a refresh answer that arrives after the caller stopped waiting still lands; a
 * save that failed is retried with backoff until it succeeds (and once more by `flush()` at quit); a
 * refused refresh token clears the cache only if the cache still holds that token, and a newer one
 * found there (saved by another session) is used instead.
 */
export class AuthSession extends EventEmitter<AuthSessionEvents> implements AccessTokenProvider {
  readonly client: OAuthClient;
  readonly #endpoint: TokenEndpoint;
  readonly #cache: TokenCache;
  readonly #clock: Clock;
  readonly #marginMs: number;
  readonly #refreshWaitMs: number;
  readonly #retryFirstMs: number;
  readonly #retryMaxMs: number;

  #accessToken: string | undefined;
  #expiresAt = 0;
  #refreshToken: string | undefined;
  #scopes: readonly string[];
  #authorizedAt: number;
  #state: SessionState = 'active';
  #reconnectReason = '';
  #inflight: Promise<string> | undefined;
  /** The last failure to save the grant (the session then lives in memory only), if any. */
  cacheError: AuthError | undefined;
  // Bumped by sign-out and reconnect-needed so a refresh that finishes afterwards changes nothing.
  #generation = 0;
  // Every cache save and clear runs on this chain, one after the other, in the order they were asked
  // for: a sign-out's clear can never be overtaken by an earlier save still in flight.
  #cacheQueue: Promise<unknown> = Promise.resolve();
  // True while the grant in memory is not known to be in the cache (its last save failed).
  #unsaved = false;
  #retryTimer: NodeJS.Timeout | undefined;
  #retryDelayMs = 0;

  /** Starts from a fresh token (after sign-in) or from a stored grant (no access token yet). */
  constructor(options: AuthSessionOptions, initial: Token | StoredGrant) {
    super();
    this.client = options.client;
    this.#endpoint = options.endpoint;
    this.#cache = options.cache;
    this.#clock = options.clock ?? systemClock;
    this.#marginMs = options.expiryMarginMs ?? DEFAULT_EXPIRY_MARGIN_MS;
    this.#refreshWaitMs = options.refreshWaitMs ?? DEFAULT_TOKEN_TIMEOUT_MS;
    this.#retryFirstMs = options.persistRetry?.firstDelayMs ?? DEFAULT_PERSIST_RETRY.firstDelayMs;
    this.#retryMaxMs = options.persistRetry?.maxDelayMs ?? DEFAULT_PERSIST_RETRY.maxDelayMs;
    this.#refreshToken = initial.refreshToken;
    this.#scopes = [...initial.scopes];
    this.#authorizedAt = initial.authorizedAt;
    if ('accessToken' in initial) {
      this.#accessToken = initial.accessToken;
      this.#expiresAt = initial.expiresAt;
    }
  }

  /** A session from the cache alone, or null when nothing (or another app's grant) is stored. */
  static async restore(options: AuthSessionOptions): Promise<AuthSession | null> {
    const grant = await options.cache.load();
    if (grant === null || grant.clientId !== options.client.clientId) return null;
    return new AuthSession(options, grant);
  }

  get scopes(): readonly string[] {
    return this.#scopes;
  }

  get authorizedAt(): number {
    return this.#authorizedAt;
  }

  /** When the refresh token dies: the original consent + 6 calendar months. Refreshing does not move it. */
  get refreshTokenExpiresAt(): number {
    return addCalendarMonths(this.#authorizedAt, REFRESH_TOKEN_LIFETIME_MONTHS);
  }

  get isSignedIn(): boolean {
    return this.#state === 'active';
  }

  info(): TokenInfo {
    return {
      scopes: this.#scopes,
      expiresAt: this.#expiresAt,
      authorizedAt: this.#authorizedAt,
      refreshTokenExpiresAt: this.refreshTokenExpiresAt,
    };
  }

  /** A valid access token, refreshed first when it expires within the margin. */
  async getAccessToken(): Promise<string> {
    if (this.#state !== 'active') throw this.#inactiveError();
    if (
      this.#accessToken !== undefined &&
      !isExpired({ expiresAt: this.#expiresAt }, this.#clock.now(), this.#marginMs)
    ) {
      return this.#accessToken;
    }
    return this.#waitAtMost(this.#refreshOnce());
  }

  /** The refresh, or a NetworkError after refreshWaitMs; the refresh itself is not cut off. */
  #waitAtMost(refresh: Promise<string>): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(
          new NetworkError(
            'Spotify’s sign-in service is answering slowly. Traytune keeps waiting for its answer in the ' +
              'background; try again in a moment.',
          ),
        );
      }, this.#refreshWaitMs);
      timer.unref();
      refresh.then(resolve, reject).finally(() => clearTimeout(timer));
    });
  }

  /**
   * Forces the next getAccessToken() to refresh (e.g. after a 401). Pass the token that was rejected:
   * if a refresh already replaced it, nothing happens, so many 401s still cause one refresh.
   */
  invalidate(rejectedAccessToken?: string): void {
    if (rejectedAccessToken !== undefined && rejectedAccessToken !== this.#accessToken) return;
    this.#expiresAt = 0;
  }

  /** Forgets the tokens in memory and in the cache (after any save still in flight has finished). */
  async signOut(): Promise<void> {
    this.#forget('signed-out');
    await this.#cacheOp(() => this.#cache.clear());
  }

  /** True while the grant in memory is not in the cache yet (its save failed and is being retried). */
  get hasUnsavedGrant(): boolean {
    return this.#unsaved;
  }

  /**
   * For quitting: if the grant's last save failed, tries it again now (and again with backoff) for at
   * most `timeoutMs`, and waits for any save in flight. Resolves undefined once the grant is in the cache
   * (or nothing needed saving), else the last failure; it never rejects and never waits longer.
   */
  async flush(options: { timeoutMs?: number } = {}): Promise<AuthError | undefined> {
    const deadline = Date.now() + (options.timeoutMs ?? DEFAULT_FLUSH_TIMEOUT_MS);
    const remaining = (): number => Math.max(0, deadline - Date.now());
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    let delayMs = Math.min(this.#retryFirstMs, 250);
    for (;;) {
      if (!this.#unsaved || this.#state !== 'active') {
        // Nothing to retry: just let a save (or clear) already queued finish, within the bound.
        await raceTimeout(
          this.#cacheQueue.then(() => undefined),
          remaining(),
        );
        return this.#unsaved ? this.cacheError : undefined;
      }
      const failure = await raceTimeout(this.#writeCurrentGrant(), remaining());
      if (!this.#unsaved) return undefined;
      if (remaining() === 0) {
        this.#scheduleRetry();
        return failure ?? this.cacheError;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(delayMs, remaining())).unref());
      delayMs = Math.min(delayMs * 2, this.#retryMaxMs);
    }
  }

  #refreshOnce(): Promise<string> {
    if (this.#inflight) return this.#inflight;
    const inflight = this.#refresh();
    this.#inflight = inflight;
    const done = (): void => {
      if (this.#inflight === inflight) this.#inflight = undefined;
    };
    inflight.then(done, done);
    return inflight;
  }

  async #refresh(adoptedNewer = false): Promise<string> {
    const generation = this.#generation;
    const refreshToken = this.#refreshToken;
    if (refreshToken === undefined) {
      throw await this.#needReconnect('There is no saved Spotify sign-in to renew.', undefined);
    }
    let token: Token;
    try {
      token = await this.#endpoint.refresh({
        client: this.client,
        refreshToken,
        scopes: this.#scopes,
        authorizedAt: this.#authorizedAt,
      });
    } catch (error) {
      if (generation !== this.#generation) throw this.#inactiveError();
      if (error instanceof OAuthError && error.error === 'invalid_grant') {
        // Another session (another Traytune, a script on the same cache) may have rotated the token and
        // saved the new one: use that instead of giving up.
        if (!adoptedNewer && (await this.#adoptNewerCachedGrant(refreshToken, generation))) {
          return this.#refresh(true);
        }
        throw await this.#needReconnect(
          reconnectReason(error.errorDescription, this.#authorizedAt, this.#clock.now()),
          refreshToken,
        );
      }
      if (error instanceof OAuthError && CLIENT_REJECTED.has(error.error)) {
        // Retrying cannot help: the app was deleted, its ID mistyped, or it may not use this grant.
        throw await this.#needReconnect(clientRejectedReason(error.error, this.client), refreshToken);
      }
      throw error; // NetworkError, TokenRateLimitedError and the like: the refresh token stays.
    }
    // Even when every caller stopped waiting, the answer lands here (it may hold a rotated token).
    if (generation !== this.#generation) throw this.#inactiveError();

    this.#accessToken = token.accessToken;
    this.#expiresAt = token.expiresAt;
    if (token.scopes.length > 0) this.#scopes = token.scopes;
    // Rotation: persist a new refresh token whenever one comes back, otherwise keep the old one.
    if (token.refreshToken !== undefined && token.refreshToken !== refreshToken) {
      this.#refreshToken = token.refreshToken;
      await this.persist();
      // Signed out (or told to reconnect) while saving: the cache has been cleared after the save.
      if (generation !== this.#generation) throw this.#inactiveError();
    }
    this.emit('token-updated', this.info());
    return token.accessToken;
  }

  /**
   * Saves the grant (refresh token + metadata) to the cache. A failure does not end the session: it is
   * kept in `cacheError`, emitted as `cache-error` and returned.
   */
  async persist(): Promise<AuthError | undefined> {
    const failure = await this.#writeCurrentGrant();
    if (failure) {
      this.emit('cache-error', failure);
      this.#scheduleRetry();
    }
    return failure;
  }

  /** One attempt to save the grant in memory; records the outcome in `cacheError` and `#unsaved`. */
  async #writeCurrentGrant(): Promise<AuthError | undefined> {
    if (this.#refreshToken === undefined) return undefined;
    const generation = this.#generation;
    const grant: StoredGrant = {
      clientId: this.client.clientId,
      refreshToken: this.#refreshToken,
      scopes: this.#scopes,
      authorizedAt: this.#authorizedAt,
    };
    try {
      await this.#cacheOp(async () => {
        // Forgotten while waiting for an earlier cache operation: its clear is queued behind; skip the save.
        if (generation === this.#generation) await this.#cache.save(grant);
      });
    } catch (error) {
      const failure = asAuthError(error, 'Saving the Spotify sign-in failed.');
      // A newer grant (or a sign-out) took over meanwhile: its own save decides.
      if (generation !== this.#generation || grant.refreshToken !== this.#refreshToken) return failure;
      this.#unsaved = true;
      this.cacheError = failure;
      return failure;
    }
    if (generation !== this.#generation || grant.refreshToken !== this.#refreshToken) return undefined;
    const recovered = this.#unsaved;
    this.#unsaved = false;
    this.cacheError = undefined;
    this.#retryDelayMs = 0;
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    if (recovered) this.emit('cache-recovered');
    return undefined;
  }

  /** Retries a failed save after a doubling delay, until it succeeds or the session ends. */
  #scheduleRetry(): void {
    if (this.#retryTimer !== undefined || !this.#unsaved || this.#state !== 'active') return;
    this.#retryDelayMs =
      this.#retryDelayMs === 0 ? this.#retryFirstMs : Math.min(this.#retryDelayMs * 2, this.#retryMaxMs);
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      void this.#writeCurrentGrant().then((failure) => {
        if (failure) this.#scheduleRetry();
      });
    }, this.#retryDelayMs);
    // Never keeps the process alive on its own: quitting calls flush() instead.
    this.#retryTimer.unref();
  }

  /**
   * After `refused` got invalid_grant: if the cache holds a different grant of this client, another
   * session saved it after rotating; take it over (true). Never throws: a cache that cannot be read
   * simply has nothing newer.
   */
  async #adoptNewerCachedGrant(refused: string, generation: number): Promise<boolean> {
    let stored: StoredGrant | null;
    try {
      stored = await this.#cacheOp(() => this.#cache.load());
    } catch {
      return false;
    }
    if (generation !== this.#generation || this.#refreshToken !== refused) return false;
    if (stored === null || stored.clientId !== this.client.clientId || stored.refreshToken === refused) {
      return false;
    }
    this.#refreshToken = stored.refreshToken;
    this.#scopes = [...stored.scopes];
    this.#authorizedAt = stored.authorizedAt;
    this.#unsaved = false;
    return true;
  }

  /** Ends the session; the cache is cleared only if it still holds `refused` (compare-and-delete). */
  async #needReconnect(reason: string, refused: string | undefined): Promise<ReconnectNeededError> {
    this.#forget('reconnect-needed');
    this.#reconnectReason = reason;
    try {
      if (refused !== undefined) await this.#cacheOp(() => clearIfHolds(this.#cache, refused));
    } catch (error) {
      this.emit('cache-error', asAuthError(error, 'Removing the expired Spotify sign-in failed.'));
    }
    const error = new ReconnectNeededError(reason);
    this.emit('reconnect-needed', error);
    return error;
  }

  /** Runs `op` after every cache operation asked for before it (whether that one failed or not). */
  #cacheOp<T>(op: () => Promise<T>): Promise<T> {
    const result = this.#cacheQueue.then(op, op);
    this.#cacheQueue = result.catch(() => undefined);
    return result;
  }

  #forget(state: SessionState): void {
    this.#generation++;
    this.#state = state;
    this.#accessToken = undefined;
    this.#refreshToken = undefined;
    this.#expiresAt = 0;
    this.#inflight = undefined;
    this.#unsaved = false;
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
  }

  #inactiveError(): ReconnectNeededError | SignedOutError {
    return this.#state === 'reconnect-needed'
      ? new ReconnectNeededError(this.#reconnectReason)
      : new SignedOutError();
  }
}

/**
 * The user-facing reason for an `invalid_grant` on refresh. Only a grant about six months old (by its
 * consent time) is called expired; otherwise it was revoked or replaced (see refresh-refused.ts).
 */
function reconnectReason(
  errorDescription: string | undefined,
  authorizedAt?: number,
  now: number = Date.now(),
): string {
  return refreshRefusedReason(errorDescription, authorizedAt, now);
}

/** Token-endpoint errors on refresh that mean Spotify rejects the app itself: final, like invalid_grant. */
const CLIENT_REJECTED: ReadonlySet<string> = new Set(['invalid_client', 'unauthorized_client']);

/** The user-facing reason for `invalid_client` / `unauthorized_client` on refresh. */
function clientRejectedReason(error: string, client: OAuthClient): string {
  if (error === 'unauthorized_client') {
    return (
      'Spotify no longer lets your Spotify app renew Traytune’s sign-in. Check the app’s settings and the ' +
      'client ID in the Spotify developer dashboard.'
    );
  }
  return client.clientSecret === undefined
    ? 'Spotify no longer accepts Traytune’s client ID. Check the client ID in Traytune against your app in ' +
        'the Spotify developer dashboard.'
    : 'Spotify no longer accepts Traytune’s client ID or secret. Check both against your app in the Spotify ' +
        'developer dashboard.';
}

/** `promise`'s outcome, or undefined once `ms` have passed (the promise is left to finish on its own). */
async function raceTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
    timer.unref();
  });
  try {
    return await Promise.race([promise.catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function asAuthError(error: unknown, fallback: string): AuthError {
  return error instanceof AuthError
    ? error
    : new AuthError('token-cache', `${fallback} Try signing in again.`);
}
