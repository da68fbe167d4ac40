import { Pool, type Dispatcher } from 'undici';
import { SpotifyDispatcher, explainNetworkFailure, type TraytuneNetworkError } from '../net/index.ts';
import type { z } from 'zod';
import type { AccessTokenProvider } from '../auth/session.ts';
import { AuthError, TokenRateLimitedError } from '../auth/errors.ts';
import { systemClock, type Clock } from '../util/clock.ts';
import { parseRetryAfter } from '../util/retry-after.ts';
import { safeCause } from '../util/safe-cause.ts';
import {
  SpotifyApiError,
  errorFromResponse,
  type SpotifyApiErrorInit,
  type SpotifyApiErrorKind,
} from './errors.ts';
import { OPERATIONS, fillPath, type OperationName } from './operations.ts';
import { RateLimitGate, type Sleep } from './rate-limit-gate.ts';
import type { RequestRecorder } from './request-budget.ts';
import { createRetryingDispatcher, type BackoffOptions } from './retry-policy.ts';

export { parseRetryAfter };

const SPOTIFY_API_URL = 'https://api.spotify.com/v1';

interface Timeouts {
  /** TCP + TLS connect. Default 10 s. */
  connectMs?: number;
  /** From sending the request to the end of the response headers. Default 10 s. */
  headersMs?: number;
  /** Longest gap between two chunks of the response body. Default 10 s. */
  bodyMs?: number;
}

interface RateLimitOptions {
  /** A Retry-After longer than this is not waited out: the request fails with 'rate-limited'. Default 30 s. */
  maxWaitMs?: number;
  /** How many 429s one request waits out before giving up. Default 2. */
  maxRetries?: number;
  /** Pause used when a 429 has no usable Retry-After. Default 5 s. */
  defaultRetryAfterMs?: number;
}

export interface SpotifyApiClientOptions {
  tokens: AccessTokenProvider;
  /** Default: `env.TRAYTUNE_API_URL`, else https://api.spotify.com/v1. */
  baseUrl?: string;
  env?: Readonly<Record<string, string | undefined>>;
  clock?: Clock;
  /** Used to wait out a shared Retry-After pause. */
  sleep?: Sleep;
  timeouts?: Timeouts;
  /** 5xx / network backoff for repeatable operations (undici RetryAgent). */
  backoff?: BackoffOptions;
  rateLimit?: RateLimitOptions;
  /** Keep-alive connections to the API host at most. Default 4. */
  connections?: number;
  /**
   * Told the clock time of every HTTP request sent to the API host, each retry included (the request
   * budget). Token requests go to the accounts service, not through this client.
   */
  recorder?: RequestRecorder;
  /**
   * The shared way out (a SpotifyDispatcher: proxy, trusted CAs) instead of a pool of the client's own.
   * A SpotifyDispatcher is forked (the client closes its fork, the shared one stays open); any other is
   * used as it is and never closed. `connections` and `timeouts.connectMs` are then the dispatcher's.
   */
  dispatcher?: Dispatcher;
}

/** Per call. */
export interface CallOptions {
  signal?: AbortSignal;
  /**
   * While requests are paused by a 429: true (default) waits for the pause to end; false fails fast with a
   * 'rate-limited' error carrying `rateLimitedUntil` (e.g. for polls, which will come round again anyway).
   */
  waitIfRateLimited?: boolean;
}

type QueryValue = string | number | boolean | undefined;

export interface ApiRequest {
  operation: OperationName;
  pathParams?: Record<string, string>;
  query?: Record<string, QueryValue>;
  /** Sent as JSON. */
  body?: unknown;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_RATE_LIMIT_RETRIES = 2;
const DEFAULT_RETRY_AFTER_MS = 5_000;

/**
 * The Web API transport: one keep-alive pool to the API host, bearer tokens from the session (401 →
 * invalidate, one refresh, one retry), the shared 429 gate, retry classes per operation, and the error
 * model. Typed operations live in web-api.ts. Plain Node: no Electron.
 */
export class SpotifyApiClient {
  readonly baseUrl: string;
  /** Rate-limit and quota state, with events for the UI ("rate limited until …"). */
  readonly gate: RateLimitGate;
  readonly #tokens: AccessTokenProvider;
  readonly #clock: Clock;
  readonly #origin: string;
  readonly #basePath: string;
  readonly #pool: Dispatcher;
  readonly #ownsPool: boolean;
  /** The pool, with every dispatch recorded when a recorder is given. Every request goes through it. */
  readonly #direct: Dispatcher;
  readonly #retrying: Dispatcher;
  readonly #headersTimeout: number;
  readonly #bodyTimeout: number;
  readonly #rateLimitRetries: number;
  readonly #defaultRetryAfterMs: number;

  constructor(options: SpotifyApiClientOptions) {
    this.baseUrl = (options.baseUrl ?? options.env?.['TRAYTUNE_API_URL'] ?? SPOTIFY_API_URL).replace(
      /\/+$/,
      '',
    );
    const url = new URL(this.baseUrl);
    this.#origin = url.origin;
    this.#basePath = url.pathname.replace(/\/+$/, '');
    this.#tokens = options.tokens;
    this.#clock = options.clock ?? systemClock;
    this.#headersTimeout = options.timeouts?.headersMs ?? DEFAULT_TIMEOUT_MS;
    this.#bodyTimeout = options.timeouts?.bodyMs ?? DEFAULT_TIMEOUT_MS;
    this.#rateLimitRetries = options.rateLimit?.maxRetries ?? DEFAULT_RATE_LIMIT_RETRIES;
    this.#defaultRetryAfterMs = options.rateLimit?.defaultRetryAfterMs ?? DEFAULT_RETRY_AFTER_MS;
    this.gate = new RateLimitGate({
      clock: this.#clock,
      ...(options.sleep && { sleep: options.sleep }),
      ...(options.rateLimit?.maxWaitMs !== undefined && { maxWaitMs: options.rateLimit.maxWaitMs }),
    });
    const shared = options.dispatcher;
    this.#ownsPool = shared === undefined || shared instanceof SpotifyDispatcher;
    this.#pool =
      (shared instanceof SpotifyDispatcher ? shared.fork() : shared) ??
      new Pool(this.#origin, {
        connections: options.connections ?? 4,
        connect: { timeout: options.timeouts?.connectMs ?? DEFAULT_TIMEOUT_MS },
        headersTimeout: this.#headersTimeout,
        bodyTimeout: this.#bodyTimeout,
      });
    this.#direct = options.recorder
      ? this.#pool.compose(recording(options.recorder, this.#clock))
      : this.#pool;
    // Over the recording dispatcher, so each of RetryAgent's attempts is counted as Spotify counts it.
    this.#retrying = createRetryingDispatcher(this.#direct, options.backoff);
  }

  /** A JSON answer, validated by `schema`. A 204 or an unreadable body is a 'malformed-response' error. */
  async read<S extends z.ZodType>(
    request: ApiRequest,
    schema: S,
    options?: CallOptions,
  ): Promise<z.output<S>> {
    const result = await this.readOrNull(request, schema, options);
    if (result === null) throw malformed(request.operation, 'an empty answer');
    return result;
  }

  /** Like `read`, but "nothing" (204, or an empty 200) is `null`: GET /me/player with no active playback. */
  async readOrNull<S extends z.ZodType>(
    request: ApiRequest,
    schema: S,
    options?: CallOptions,
  ): Promise<z.output<S> | null> {
    const response = await this.#exchange(request, options);
    const text = await readText(response, request.operation);
    if (response.statusCode === 204 || text.trim() === '') return null;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw malformed(request.operation, 'an answer that is not JSON');
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const where = parsed.error.issues[0]?.path.map(String).join('.') || '(body)';
      throw malformed(request.operation, `an answer that does not fit at ${where}`);
    }
    return parsed.data;
  }

  /**
   * A command: any 2xx is success. The body (204 empty, often 200 with non-JSON text) is drained, never
   * parsed, so the connection goes back to the pool.
   */
  async command(request: ApiRequest, options?: CallOptions): Promise<void> {
    const response = await this.#exchange(request, options);
    await drain(response);
  }

  /** The concrete path (with the base path) and query a request goes out with. */
  target(request: ApiRequest): { method: string; path: string; query: URLSearchParams } {
    const def = OPERATIONS[request.operation];
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) query.append(name, String(value));
    }
    const path = this.#basePath + fillPath(def.path, request.pathParams, request.operation);
    return { method: def.method, path, query };
  }

  async close(): Promise<void> {
    if (this.#ownsPool) await this.#pool.close();
  }

  /** A proxy or certificate failure, in words the user can act on (undefined for anything else). */
  #explain(error: unknown): TraytuneNetworkError | undefined {
    const proxy = this.#pool instanceof SpotifyDispatcher ? this.#pool.proxyFor(this.#origin) : null;
    return explainNetworkFailure(error, new URL(this.#origin).host, proxy);
  }

  /** Sends until an answer is final: 2xx returned, anything else thrown as a SpotifyApiError. */
  async #exchange(request: ApiRequest, options: CallOptions = {}): Promise<Dispatcher.ResponseData> {
    const operation = request.operation;
    const target = this.target(request); // A request that cannot be built fails before anything is sent.
    let refreshed = false;
    let rateLimited = 0;
    for (;;) {
      await this.#pass(operation, options);
      let token: string;
      try {
        token = await this.#tokens.getAccessToken();
      } catch (error) {
        if (!(error instanceof TokenRateLimitedError)) throw tokenError(error, operation);
        // The accounts service asked to slow down: pause every request (the engine shows "rate limited").
        const until = this.gate.pause(error.retryAfterMs ?? this.#defaultRetryAfterMs);
        if (this.#canWait(until, rateLimited, options)) {
          rateLimited++;
          continue;
        }
        throw this.#rateLimitedError(until, operation, { cause: safeCause(error) });
      }
      const response = await this.#send(request, target, token, options.signal);
      const status = response.statusCode;
      if (status >= 200 && status < 300) return response;

      const body = await readText(response, operation);
      if (status === 401 && !refreshed) {
        // The token may have been revoked or expired early: one refresh, one retry.
        this.#tokens.invalidate(token);
        refreshed = true;
        continue;
      }
      const retryAfterMs =
        status === 429
          ? (parseRetryAfter(response.headers['retry-after'], this.#clock.now()) ?? this.#defaultRetryAfterMs)
          : undefined;
      const error = errorFromResponse({ status, body, retryAfterMs, operation });
      if (error.kind === 'quota-exceeded') {
        this.gate.tripQuota(error);
        throw error;
      }
      if (error.kind === 'rate-limited') {
        const until = this.gate.pause(retryAfterMs ?? 0);
        if (this.#canWait(until, rateLimited, options)) {
          rateLimited++;
          continue; // Spotify did not carry it out: send again once the shared pause is over.
        }
        throw this.#rateLimitedError(until, operation, { reason: error.reason, detail: error.detail });
      }
      throw error;
    }
  }

  #canWait(until: number, rateLimited: number, options: CallOptions): boolean {
    return (
      options.waitIfRateLimited !== false &&
      rateLimited < this.#rateLimitRetries &&
      until - this.#clock.now() <= this.gate.maxWaitMs
    );
  }

  #rateLimitedError(
    until: number,
    operation: string,
    extra: Pick<SpotifyApiErrorInit, 'reason' | 'detail' | 'cause'>,
  ): SpotifyApiError {
    return new SpotifyApiError({
      kind: 'rate-limited',
      status: 429,
      retryAfterMs: until - this.#clock.now(),
      rateLimitedUntil: until,
      operation,
      ...extra,
    });
  }

  async #pass(operation: string, options: CallOptions): Promise<void> {
    try {
      await this.gate.pass({ wait: options.waitIfRateLimited, signal: options.signal, operation });
    } catch (error) {
      if (error instanceof SpotifyApiError) throw error;
      throw new SpotifyApiError({ kind: 'aborted', operation, cause: safeCause(error) });
    }
  }

  async #send(
    request: ApiRequest,
    target: { path: string; query: URLSearchParams },
    token: string,
    signal: AbortSignal | undefined,
  ): Promise<Dispatcher.ResponseData> {
    const def = OPERATIONS[request.operation];
    const { path, query } = target;
    const search = query.toString();
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
    let body: string | undefined;
    if (request.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(request.body);
    }
    const dispatcher = def.retry === 'repeatable' ? this.#retrying : this.#direct;
    try {
      return await dispatcher.request({
        origin: this.#origin,
        path: search === '' ? path : `${path}?${search}`,
        method: def.method,
        headers,
        body: body ?? null,
        headersTimeout: this.#headersTimeout,
        bodyTimeout: this.#bodyTimeout,
        signal: signal ?? null,
      });
    } catch (error) {
      throw transportError(error, request.operation, signal, this.#explain(error));
    }
  }
}

/** An undici interceptor that tells `recorder` when each request is dispatched. */
function recording(recorder: RequestRecorder, clock: Clock): Dispatcher.DispatcherComposeInterceptor {
  return (dispatch) => (options, handler) => {
    recorder.record(clock.now());
    return dispatch(options, handler);
  };
}

async function readText(response: Dispatcher.ResponseData, operation: string): Promise<string> {
  try {
    return await response.body.text();
  } catch (error) {
    throw transportError(error, operation, undefined);
  }
}

async function drain(response: Dispatcher.ResponseData): Promise<void> {
  try {
    await response.body.dump({ limit: 1024 * 1024 });
  } catch {
    // The command already succeeded; a broken body only costs the connection.
  }
}

const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

function transportError(
  error: unknown,
  operation: string,
  signal: AbortSignal | undefined,
  explained?: TraytuneNetworkError,
): SpotifyApiError {
  if (error instanceof SpotifyApiError) return error;
  if (explained && signal?.aborted !== true) {
    return new SpotifyApiError({ kind: 'network', operation, message: explained.message, cause: explained });
  }
  const code = codeOf(error);
  const aborted = signal?.aborted === true || code === 'UND_ERR_ABORTED' || nameOf(error) === 'AbortError';
  const kind = aborted ? 'aborted' : code !== undefined && TIMEOUT_CODES.has(code) ? 'timeout' : 'network';
  return new SpotifyApiError({ kind, operation, cause: safeCause(error) });
}

function malformed(operation: string, what: string): SpotifyApiError {
  return new SpotifyApiError({ kind: 'malformed-response', operation, detail: `Spotify sent ${what}` });
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function nameOf(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}

/** The session could not give a token: its errors already say what to do (sign in again, wait…). */
function tokenError(error: unknown, operation: string): SpotifyApiError {
  const kind = tokenFailureKind(error);
  const retryAfterMs = error instanceof TokenRateLimitedError ? error.retryAfterMs : undefined;
  return new SpotifyApiError({
    kind,
    ...(kind === 'rate-limited' && { status: 429, retryAfterMs }),
    operation,
    message: error instanceof AuthError ? error.message : undefined,
    cause: safeCause(error),
  });
}

/** Why the session could not give a token, as the client's error kind. */
function tokenFailureKind(error: unknown): SpotifyApiErrorKind {
  if (!(error instanceof AuthError)) return 'unauthorized';
  switch (error.code) {
    case 'network':
      return 'network';
    case 'rate-limited':
      return 'rate-limited';
    case 'reconnect-needed':
      return 'reconnect-needed';
    case 'signed-out':
      return 'signed-out';
    default:
      return 'unauthorized';
  }
}
