import { EventEmitter } from 'node:events';
import { systemClock, type Clock } from '../util/clock.ts';
import { AuthError, OAuthError, ReconnectNeededError, SignedOutError } from './errors.ts';
import type { OAuthClient, TokenEndpoint } from './token-endpoint.ts';
import type { TokenCache } from './token-cache.ts';
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
   * The refresh token is expired or revoked, or Spotify no longer accepts the client ID; the cache was
   * cleared. The UI should offer sign-in.
   */
  'reconnect-needed': [error: ReconnectNeededError];
  /** Persisting or clearing the grant failed; the session carries on in memory. */
  'cache-error': [error: AuthError];
}

export interface AuthSessionOptions {
  client: OAuthClient;
  endpoint: TokenEndpoint;
  cache: TokenCache;
  clock?: Clock;
  /** Refresh this long before expiry. */
  expiryMarginMs?: number;
}

/** Refresh tokens die this many calendar months after the original consent (docs/SPOTIFY.md). */
export const REFRESH_TOKEN_LIFETIME_MONTHS = 6;

type SessionState = 'active' | 'reconnect-needed' | 'signed-out';

/**
 * The signed-in user's tokens. Holds the access token in memory, refreshes it ahead of expiry with at
 * most one refresh in flight, persists rotated refresh tokens, and turns `invalid_grant`, `invalid_client`
 * and `unauthorized_client` into `reconnect-needed`. Transient failures (network, 5xx, 429) reject the
 * caller but never discard the refresh token. Cache saves and clears run one at a time, in order.
 */
export class AuthSession extends EventEmitter<AuthSessionEvents> implements AccessTokenProvider {
  readonly client: OAuthClient;
  readonly #endpoint: TokenEndpoint;
  readonly #cache: TokenCache;
  readonly #clock: Clock;
  readonly #marginMs: number;

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

  /** Starts from a fresh token (after sign-in) or from a stored grant (no access token yet). */
  constructor(options: AuthSessionOptions, initial: Token | StoredGrant) {
    super();
    this.client = options.client;
    this.#endpoint = options.endpoint;
    this.#cache = options.cache;
    this.#clock = options.clock ?? systemClock;
    this.#marginMs = options.expiryMarginMs ?? DEFAULT_EXPIRY_MARGIN_MS;
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
    return this.#refreshOnce();
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

  async #refresh(): Promise<string> {
    const generation = this.#generation;
    const refreshToken = this.#refreshToken;
    if (refreshToken === undefined) {
      throw await this.#needReconnect('There is no saved Spotify sign-in to renew.');
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
        throw await this.#needReconnect(reconnectReason(error.errorDescription));
      }
      if (error instanceof OAuthError && CLIENT_REJECTED.has(error.error)) {
        // Retrying cannot help: the app was deleted, its ID mistyped, or it may not use this grant.
        throw await this.#needReconnect(clientRejectedReason(error.error, this.client));
      }
      throw error; // NetworkError, TokenRateLimitedError and the like: the refresh token stays.
    }
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
      this.cacheError = undefined;
      return undefined;
    } catch (error) {
      const failure = asAuthError(error, 'Saving the Spotify sign-in failed.');
      this.cacheError = failure;
      this.emit('cache-error', failure);
      return failure;
    }
  }

  async #needReconnect(reason: string): Promise<ReconnectNeededError> {
    this.#forget('reconnect-needed');
    this.#reconnectReason = reason;
    try {
      await this.#cacheOp(() => this.#cache.clear());
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
  }

  #inactiveError(): ReconnectNeededError | SignedOutError {
    return this.#state === 'reconnect-needed'
      ? new ReconnectNeededError(this.#reconnectReason)
      : new SignedOutError();
  }
}

/** The user-facing reason for an `invalid_grant` on refresh (descriptions seen: "Refresh token revoked"…). */
export function reconnectReason(errorDescription: string | undefined): string {
  return /revoked/i.test(errorDescription ?? '')
    ? 'Spotify access for Traytune was revoked.'
    : 'The saved Spotify sign-in has expired (Spotify ends sign-ins after six months).';
}

/** Token-endpoint errors on refresh that mean Spotify rejects the app itself: final, like invalid_grant. */
const CLIENT_REJECTED: ReadonlySet<string> = new Set(['invalid_client', 'unauthorized_client']);

/** The user-facing reason for `invalid_client` / `unauthorized_client` on refresh. */
export function clientRejectedReason(error: string, client: OAuthClient): string {
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

/** Adds calendar months in UTC, clamping to the month's last day (31 Aug + 6 months → 28/29 Feb). */
export function addCalendarMonths(epochMs: number, months: number): number {
  const d = new Date(epochMs);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d.getTime();
}

function asAuthError(error: unknown, fallback: string): AuthError {
  return error instanceof AuthError
    ? error
    : new AuthError('token_cache', `${fallback} Try signing in again.`);
}
