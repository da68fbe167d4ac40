import { request, type Dispatcher } from 'undici';
import { SpotifyDispatcher, explainNetworkFailure } from '../net/index.ts';
import { systemClock, type Clock } from '../util/clock.ts';
import { joinPath } from './authorize-url.ts';
import { parseRetryAfter } from '../util/retry-after.ts';
import { safeCause } from '../util/safe-cause.ts';
import { AuthError, NetworkError, OAuthError, SignInAbortedError, TokenRateLimitedError } from './errors.ts';
import { refreshRefusedReason } from './refresh-refused.ts';
import { parseScopes } from './scopes.ts';
import { scrubSecrets } from './scrub.ts';
import type { Token } from './token.ts';

/**
 * Client for `POST {accountsUrl}/api/token` (RFC 6749 §4.1.3, §6, §4.4 + RFC 7636).
 * Form values (codes, verifiers, tokens, secrets) never reach an error message, field or cause.
 */

export const DEFAULT_TOKEN_TIMEOUT_MS = 15_000;
/**
 * A refresh may take this long. Longer than any caller waits on purpose: the server may already have
 * rotated the refresh token, so its answer is the only copy of the grant and must not be cut off
 * (AuthSession stops waiting after its own, shorter, deadline and lets the answer land later).
 */
export const DEFAULT_REFRESH_TIMEOUT_MS = 120_000;

/** The registered app. A secret is only present for the classic (confidential) flows. */
export interface OAuthClient {
  clientId: string;
  clientSecret?: string | undefined;
}

export interface TokenEndpointOptions {
  accountsUrl: string;
  /** A pool or agent (tests, keep-alive); undici's global dispatcher otherwise. */
  dispatcher?: Dispatcher;
  clock?: Clock;
  /** Time allowed for a code exchange or an app-only token request. */
  timeoutMs?: number;
  /** Time allowed for a refresh request (see DEFAULT_REFRESH_TIMEOUT_MS). */
  refreshTimeoutMs?: number;
}

export interface ExchangeCodeParams {
  client: OAuthClient;
  code: string;
  /** Byte-identical to the one sent to /authorize. */
  redirectUri: string;
  /** PKCE verifier. Required when the client has no secret. */
  codeVerifier?: string;
  /** Epoch ms of consent; now when omitted. */
  authorizedAt?: number;
  /** The scopes asked for at /authorize: the token's scopes when the answer has no `scope` (RFC 6749 §5.1). */
  scopes?: readonly string[];
  signal?: AbortSignal;
}

export interface RefreshParams {
  client: OAuthClient;
  refreshToken: string;
  /** The grant's scopes: kept when the answer has no `scope` field (RFC 6749 §5.1). */
  scopes?: readonly string[];
  /** The original consent time: refreshing does not move it. */
  authorizedAt: number;
  signal?: AbortSignal;
}

type GrantKind = 'authorization_code' | 'refresh_token' | 'client_credentials';

interface PostRequest {
  grant: GrantKind;
  client: OAuthClient;
  form: URLSearchParams;
  callerSignal: AbortSignal | undefined;
  /** The token's scopes when the answer has no `scope` field. */
  fallbackScopes: readonly string[];
  authorizedAt: number;
  timeoutMs: number;
}

export class TokenEndpoint {
  readonly url: string;
  readonly #dispatcher: Dispatcher | undefined;
  readonly #clock: Clock;
  readonly #timeoutMs: number;
  readonly #refreshTimeoutMs: number;

  constructor(options: TokenEndpointOptions) {
    this.url = joinPath(options.accountsUrl, 'api/token');
    this.#dispatcher = options.dispatcher;
    this.#clock = options.clock ?? systemClock;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TOKEN_TIMEOUT_MS;
    this.#refreshTimeoutMs = options.refreshTimeoutMs ?? DEFAULT_REFRESH_TIMEOUT_MS;
  }

  /** Authorization code → tokens. PKCE: client_id + code_verifier in the body; with a secret: HTTP Basic. */
  async exchangeCode(params: ExchangeCodeParams): Promise<Token> {
    const form = new URLSearchParams({
      grant_type: 'authorization_code',
      code: params.code,
      redirect_uri: params.redirectUri,
    });
    if (params.codeVerifier !== undefined) form.set('code_verifier', params.codeVerifier);
    if (params.client.clientSecret === undefined && params.codeVerifier === undefined) {
      throw new AuthError('config', 'Sign-in without a client secret needs PKCE. Update Traytune.');
    }
    const authorizedAt = params.authorizedAt ?? this.#clock.now();
    return this.#post({
      grant: 'authorization_code',
      client: params.client,
      form,
      callerSignal: params.signal,
      fallbackScopes: params.scopes ?? [],
      authorizedAt,
      timeoutMs: this.#timeoutMs,
    });
  }

  /** Refresh token → new access token (and sometimes a new refresh token: rotation). */
  async refresh(params: RefreshParams): Promise<Token> {
    const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: params.refreshToken });
    return this.#post({
      grant: 'refresh_token',
      client: params.client,
      form,
      callerSignal: params.signal,
      fallbackScopes: params.scopes ?? [],
      authorizedAt: params.authorizedAt,
      timeoutMs: this.#refreshTimeoutMs,
    });
  }

  /** App-only token (no user, no refresh token). Needs the client secret. */
  async clientCredentials(params: { client: OAuthClient; signal?: AbortSignal }): Promise<Token> {
    if (params.client.clientSecret === undefined) {
      throw new AuthError('config', 'App-only access needs the client secret of your Spotify app.');
    }
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    return this.#post({
      grant: 'client_credentials',
      client: params.client,
      form,
      callerSignal: params.signal,
      fallbackScopes: [],
      authorizedAt: this.#clock.now(),
      timeoutMs: this.#timeoutMs,
    });
  }

  async #post(call: PostRequest): Promise<Token> {
    const { grant, client, form, callerSignal, fallbackScopes, authorizedAt } = call;
    // What the client sends that a server might echo back in error_description.
    const sentSecrets = [
      form.get('refresh_token') ?? undefined,
      form.get('code') ?? undefined,
      form.get('code_verifier') ?? undefined,
      client.clientSecret,
    ];
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    };
    if (client.clientSecret !== undefined) {
      headers['authorization'] = basicAuth(client.clientId, client.clientSecret);
    } else {
      form.set('client_id', client.clientId);
    }
    if (callerSignal?.aborted) throw new SignInAbortedError();
    const timeout = AbortSignal.timeout(call.timeoutMs);
    const signal = callerSignal ? AbortSignal.any([callerSignal, timeout]) : timeout;

    let status: number;
    let text: string;
    let retryAfter: string | string[] | undefined;
    try {
      const response = await request(this.url, {
        method: 'POST',
        headers,
        body: form.toString(),
        signal,
        ...(this.#dispatcher ? { dispatcher: this.#dispatcher } : {}),
      });
      status = response.statusCode;
      retryAfter = response.headers['retry-after'];
      text = await response.body.text();
    } catch (error) {
      if (callerSignal?.aborted) throw new SignInAbortedError();
      if (timeout.aborted) {
        throw new NetworkError(
          'Spotify’s sign-in service did not answer in time. Check your internet connection and try again.',
          undefined,
          { cause: safeCause(error) },
        );
      }
      // A proxy that refused, or a certificate nobody here trusts: say which, and what to check.
      const origin = new URL(this.url).origin;
      const proxy = this.#dispatcher instanceof SpotifyDispatcher ? this.#dispatcher.proxyFor(origin) : null;
      const explained = explainNetworkFailure(error, new URL(origin).host, proxy);
      if (explained) throw new NetworkError(explained.message, undefined, { cause: explained });
      throw new NetworkError(
        'Spotify’s sign-in service could not be reached. Check your internet connection and try again.',
        undefined,
        { cause: safeCause(error) },
      );
    }

    const body = parseJson(text);
    if (status >= 200 && status < 300) {
      const token =
        body === undefined ? undefined : toToken(body, this.#clock.now(), fallbackScopes, authorizedAt);
      if (token === undefined) {
        throw new NetworkError(
          'Spotify’s sign-in service gave an answer Traytune could not read. Try again.',
          status,
        );
      }
      return token;
    }
    if (status === 429) {
      // Not a network problem and not final: Spotify asked to slow down. The refresh token stays.
      throw new TokenRateLimitedError(parseRetryAfter(retryAfter, this.#clock.now()));
    }
    if (status >= 400 && status < 500 && isRecord(body) && typeof body['error'] === 'string') {
      const error = body['error'];
      const description =
        typeof body['error_description'] === 'string'
          ? scrubSecrets(body['error_description'], sentSecrets)
          : undefined;
      const reason =
        grant === 'refresh_token' && error === 'invalid_grant'
          ? `${refreshRefusedReason(description, authorizedAt, this.#clock.now())} Sign in again.`
          : oauthMessage(error, description, client);
      throw new OAuthError(error, description, status, reason);
    }
    throw new NetworkError(
      status >= 500
        ? `Spotify’s sign-in service had a problem (HTTP ${status}). Try again in a moment.`
        : `Spotify’s sign-in service gave an unexpected answer (HTTP ${status}). Try again.`,
      status,
    );
  }
}

function basicAuth(clientId: string, clientSecret: string): string {
  // RFC 6749 §2.3.1: both parts form-encoded before base64.
  const enc = (s: string): string => encodeURIComponent(s).replace(/%20/g, '+');
  return `Basic ${Buffer.from(`${enc(clientId)}:${enc(clientSecret)}`).toString('base64')}`;
}

function toToken(
  body: unknown,
  now: number,
  fallbackScopes: readonly string[],
  authorizedAt: number,
): Token | undefined {
  if (!isRecord(body)) return undefined;
  const accessToken = body['access_token'];
  const tokenType = body['token_type'];
  if (typeof accessToken !== 'string' || accessToken === '') return undefined;
  if (typeof tokenType !== 'string' || tokenType.toLowerCase() !== 'bearer') return undefined;
  const rawExpires = body['expires_in'];
  // RFC 6749 makes expires_in optional; Spotify always sends 3600.
  const expiresIn = rawExpires === undefined ? 3600 : Number(rawExpires);
  if (!Number.isFinite(expiresIn) || expiresIn < 0) return undefined;
  const scope = body['scope'];
  const refreshToken = body['refresh_token'];
  const token: Token = {
    accessToken,
    tokenType: 'Bearer',
    scopes: typeof scope === 'string' ? parseScopes(scope) : [...fallbackScopes],
    expiresAt: now + expiresIn * 1000,
    authorizedAt,
  };
  if (typeof refreshToken === 'string' && refreshToken !== '') token.refreshToken = refreshToken;
  return token;
}

function oauthMessage(error: string, description: string | undefined, client: OAuthClient): string {
  const desc = description ?? '';
  switch (error) {
    case 'invalid_grant':
      // (A refused refresh token is explained by refreshRefusedReason, which knows the grant's age.)
      if (/verifier/i.test(desc))
        return 'Spotify could not verify this sign-in attempt. Start sign-in again.';
      if (/redirect/i.test(desc)) {
        return 'The redirect URI did not match the one used to start sign-in. Start sign-in again.';
      }
      return 'Spotify did not accept the sign-in code (it may have expired or been used). Start sign-in again.';
    case 'invalid_client':
      return client.clientSecret === undefined
        ? 'Spotify did not accept the client ID. Check the client ID in Traytune against your app in the ' +
            'Spotify developer dashboard.'
        : 'Spotify did not accept the client ID or secret. Check both against your app in the Spotify ' +
            'developer dashboard.';
    case 'invalid_request':
      return (
        'Spotify rejected the sign-in request. Check that the redirect URI is registered for your app in ' +
        'the Spotify developer dashboard, then sign in again.'
      );
    case 'unauthorized_client':
      return (
        'Your Spotify app is not allowed to use this kind of sign-in. Check its settings in the Spotify ' +
        'developer dashboard.'
      );
    case 'unsupported_grant_type':
      return 'Spotify does not support this kind of sign-in for your app. Update Traytune.';
    case 'invalid_scope':
      return 'Spotify did not accept the permissions Traytune asked for. Update Traytune.';
    default: {
      const shown = /^[a-z_]{1,64}$/.test(error) ? error : 'unknown error';
      return `Spotify refused the request (${shown}). Sign in again; if it keeps happening, try later.`;
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // The SyntaxError quotes the body, which may hold a token: never keep it.
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
