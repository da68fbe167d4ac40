import { RetryAgent, type Dispatcher } from 'undici';

/**
 * Which failures an operation may repeat on its own.
 * - 'repeatable': reads and absolute settings (seek to X, volume X, pause…). Sending one twice leaves the
 *   same result, so 5xx answers, connection resets and timeouts are retried with backoff.
 * - 'once': relative or additive commands (next, previous, add to queue/playlist, play a new context).
 *   A failure after sending may still have taken effect, so they are never repeated.
 * Independent of the class: a 401 is retried once after a token refresh and a plain 429 after the shared
 * Retry-After pause, since in both cases Spotify did not carry the request out.
 */
export type RetryClass = 'repeatable' | 'once';

export interface BackoffOptions {
  /** Retries after the first attempt. Default 2. */
  maxRetries?: number;
  /** Delay before the first retry, doubled (`factor`) for each next one. Default 300 ms. */
  minDelayMs?: number;
  maxDelayMs?: number;
  factor?: number;
}

const DEFAULT_BACKOFF: Required<BackoffOptions> = {
  maxRetries: 2,
  minDelayMs: 300,
  maxDelayMs: 3_000,
  factor: 2,
};

/** 429 is not here: the rate-limit gate handles it for all requests together. */
const RETRY_STATUS_CODES = [500, 502, 503, 504];

/** Connection failures and timeouts (undici's codes) that are worth another attempt. */
const RETRY_ERROR_CODES = [
  'ECONNRESET',
  'ECONNREFUSED',
  'ENOTFOUND',
  'ENETDOWN',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EHOSTUNREACH',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
];

/**
 * The dispatcher for 'repeatable' operations: undici's RetryAgent over the shared pool (same keep-alive
 * connections). No hand-written loop: RetryAgent already does exponential backoff on chosen status codes
 * and error codes. `throwOnError: false` hands the last 5xx answer through, so its error body is still
 * read; `retryAfter: false` keeps backoff bounded (Retry-After belongs to the 429 gate). POST is left out
 * of `methods` as a second guard: no repeatable operation uses it.
 */
export function createRetryingDispatcher(pool: Dispatcher, backoff: BackoffOptions = {}): Dispatcher {
  const options = { ...DEFAULT_BACKOFF, ...backoff };
  return new RetryAgent(pool, {
    maxRetries: options.maxRetries,
    minTimeout: options.minDelayMs,
    maxTimeout: options.maxDelayMs,
    timeoutFactor: options.factor,
    statusCodes: RETRY_STATUS_CODES,
    errorCodes: RETRY_ERROR_CODES,
    methods: ['GET', 'PUT', 'DELETE'],
    retryAfter: false,
    throwOnError: false,
  });
}
