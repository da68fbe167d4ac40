import { systemClock, type Clock } from '../util/clock.ts';
import type { AccessTokenProvider } from './session.ts';
import type { OAuthClient, TokenEndpoint } from './token-endpoint.ts';
import { DEFAULT_EXPIRY_MARGIN_MS, isExpired } from './token.ts';

export interface ClientCredentialsSessionOptions {
  client: OAuthClient;
  endpoint: TokenEndpoint;
  clock?: Clock;
  expiryMarginMs?: number;
}

/**
 * App-only access (client credentials grant): no user, no refresh token, nothing cached. A new token is
 * fetched when the current one expires, one request at a time.
 */
export class ClientCredentialsSession implements AccessTokenProvider {
  readonly #client: OAuthClient;
  readonly #endpoint: TokenEndpoint;
  readonly #clock: Clock;
  readonly #marginMs: number;
  #accessToken: string | undefined;
  #expiresAt = 0;
  #inflight: Promise<string> | undefined;

  constructor(options: ClientCredentialsSessionOptions) {
    this.#client = options.client;
    this.#endpoint = options.endpoint;
    this.#clock = options.clock ?? systemClock;
    this.#marginMs = options.expiryMarginMs ?? DEFAULT_EXPIRY_MARGIN_MS;
  }

  get expiresAt(): number {
    return this.#expiresAt;
  }

  async getAccessToken(): Promise<string> {
    if (
      this.#accessToken !== undefined &&
      !isExpired({ expiresAt: this.#expiresAt }, this.#clock.now(), this.#marginMs)
    ) {
      return this.#accessToken;
    }
    if (this.#inflight) return this.#inflight;
    const inflight = this.#fetch();
    this.#inflight = inflight;
    const done = (): void => {
      if (this.#inflight === inflight) this.#inflight = undefined;
    };
    inflight.then(done, done);
    return inflight;
  }

  invalidate(rejectedAccessToken?: string): void {
    if (rejectedAccessToken !== undefined && rejectedAccessToken !== this.#accessToken) return;
    this.#expiresAt = 0;
  }

  async #fetch(): Promise<string> {
    const token = await this.#endpoint.clientCredentials({ client: this.#client });
    this.#accessToken = token.accessToken;
    this.#expiresAt = token.expiresAt;
    return token.accessToken;
  }
}
