import { USER_MESSAGES } from '../../shared/messages.ts';
import { parseErrorBody } from './error-body.ts';

/**
 * The one error type of the Web API client. `kind` is what callers branch on; `message` is written for the
 * user and says what to do. Rule: no access token ever reaches a message, field or cause.
 */
export const SPOTIFY_API_ERROR_KINDS = [
  'rate-limited',
  'quota-exceeded',
  'premium-required',
  'no-active-device',
  'unauthorized',
  'reconnect-needed',
  'signed-out',
  'forbidden',
  'not-found',
  'restricted',
  'bad-request',
  'server',
  'network',
  'timeout',
  'malformed-response',
  'aborted',
] as const;

export type SpotifyApiErrorKind = (typeof SPOTIFY_API_ERROR_KINDS)[number];

/** Player reasons Spotify sends with a 403 "Player command failed: Restriction violated" and the like. */
const RESTRICTION_REASONS = new Set([
  'NO_PREV_TRACK',
  'NO_NEXT_TRACK',
  'NO_SPECIFIC_TRACK',
  'ALREADY_PAUSED',
  'NOT_PAUSED',
  'NOT_PLAYING_LOCALLY',
  'NOT_PLAYING_TRACK',
  'NOT_PLAYING_CONTEXT',
  'ENDLESS_CONTEXT',
  'CONTEXT_DISALLOW',
  'ALREADY_PLAYING',
  'RATE_LIMITED',
  'REMOTE_CONTROL_DISALLOW',
  'DEVICE_NOT_CONTROLLABLE',
  'VOLUME_CONTROL_DISALLOW',
  'UNKNOWN',
]);

export interface SpotifyApiErrorInit {
  kind: SpotifyApiErrorKind;
  /** HTTP status, when Spotify answered. */
  status?: number | undefined;
  /** Spotify's `reason` (e.g. `NO_ACTIVE_DEVICE`), or the `error` code of a wrapper-less body. */
  reason?: string | undefined;
  /** Spotify's own (scrubbed) message, for logs and for the user where it helps. */
  detail?: string | undefined;
  /** From `Retry-After`. */
  retryAfterMs?: number | undefined;
  /** Epoch ms until which requests are held back ('rate-limited'). */
  rateLimitedUntil?: number | undefined;
  /** The client operation, e.g. `next`. */
  operation?: string | undefined;
  /** Overrides the message derived from kind and reason. */
  message?: string | undefined;
  cause?: unknown;
}

export class SpotifyApiError extends Error {
  override readonly name = 'SpotifyApiError';
  readonly kind: SpotifyApiErrorKind;
  readonly status: number | undefined;
  readonly reason: string | undefined;
  readonly detail: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly rateLimitedUntil: number | undefined;
  readonly operation: string | undefined;

  constructor(init: SpotifyApiErrorInit) {
    super(init.message ?? messageFor(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status;
    this.reason = init.reason;
    this.detail = init.detail;
    this.retryAfterMs = init.retryAfterMs;
    this.rateLimitedUntil = init.rateLimitedUntil;
    this.operation = init.operation;
  }

  /** True for failures a later attempt may fix without the user doing anything. */
  get transient(): boolean {
    return ['rate-limited', 'server', 'network', 'timeout'].includes(this.kind);
  }
}

export function isSpotifyApiError(value: unknown, kind?: SpotifyApiErrorKind): value is SpotifyApiError {
  return value instanceof SpotifyApiError && (kind === undefined || value.kind === kind);
}

/** The kind for an HTTP error answer: the reason decides first, then the status. */
export function kindFor(status: number, reason: string | undefined): SpotifyApiErrorKind {
  if (reason === 'QUOTA_EXCEEDED') return 'quota-exceeded';
  if (status === 429) return 'rate-limited';
  if (status === 401) return 'unauthorized';
  if (reason === 'PREMIUM_REQUIRED') return 'premium-required';
  if (reason === 'NO_ACTIVE_DEVICE') return 'no-active-device';
  if (reason !== undefined && RESTRICTION_REASONS.has(reason)) return 'restricted';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status >= 500) return 'server';
  return 'bad-request';
}

export interface HttpErrorInput {
  status: number;
  body: string;
  retryAfterMs?: number | undefined;
  rateLimitedUntil?: number | undefined;
  operation?: string | undefined;
}

/** A SpotifyApiError from an HTTP error answer (either body shape, or plain text, or nothing). */
export function errorFromResponse(input: HttpErrorInput): SpotifyApiError {
  const { message, reason } = parseErrorBody(input.body);
  return new SpotifyApiError({
    kind: kindFor(input.status, reason),
    status: input.status,
    reason,
    detail: message,
    retryAfterMs: input.retryAfterMs,
    rateLimitedUntil: input.rateLimitedUntil,
    operation: input.operation,
  });
}

const RESTRICTION_MESSAGES: Record<string, string> = {
  NO_PREV_TRACK:
    'This is the first track of what is playing, so there is nothing to go back to. Seek to the start instead.',
  NO_NEXT_TRACK:
    'This is the last track of what is playing. Turn on repeat, or choose something else to play.',
  ALREADY_PAUSED: 'Playback is already paused.',
  NOT_PAUSED: 'Playback is already playing.',
  ALREADY_PLAYING: 'Playback is already playing.',
  DEVICE_NOT_CONTROLLABLE: 'This device cannot be controlled from Traytune. Choose another device.',
  REMOTE_CONTROL_DISALLOW: 'This device cannot be controlled from Traytune. Choose another device.',
  VOLUME_CONTROL_DISALLOW: 'This device does not let Traytune change its volume. Use the device itself.',
};

function messageFor(init: SpotifyApiErrorInit): string {
  const said = init.detail === undefined ? '' : ` (Spotify said: "${init.detail}")`;
  switch (init.kind) {
    case 'rate-limited':
      return `Spotify asked Traytune to slow down. Try again ${whenText(init.retryAfterMs)}.`;
    case 'quota-exceeded':
      return USER_MESSAGES.quotaExceeded;
    case 'premium-required':
      return USER_MESSAGES.premiumRequired;
    case 'no-active-device':
      return 'No Spotify device is active. Start Spotify on a device (or pick one in Traytune) and try again.';
    case 'unauthorized':
      return `Spotify did not accept the sign-in. ${USER_MESSAGES.signInAgain}`;
    case 'reconnect-needed':
      return USER_MESSAGES.reconnectNeeded;
    case 'signed-out':
      return USER_MESSAGES.signedOut;
    case 'forbidden':
      return (
        `Spotify refused this request${said}. Sign in again to grant the permissions Traytune needs, and make ` +
        'sure your account is listed under User Management for your app in the Spotify developer dashboard.'
      );
    case 'not-found':
      return `Spotify could not find what was asked for${said}. Refresh and try again.`;
    case 'restricted':
      return (
        RESTRICTION_MESSAGES[init.reason ?? ''] ??
        `Spotify does not allow that right now${said}, for example during an ad or on this device.`
      );
    case 'bad-request':
      return `Spotify rejected the request${said}. Try again; if it keeps happening, update Traytune.`;
    case 'server':
      return `Spotify is having problems${init.status === undefined ? '' : ` (HTTP ${init.status})`}. Try again in a moment.`;
    case 'network':
      return 'Traytune could not reach Spotify. Check your internet connection and try again.';
    case 'timeout':
      return 'Spotify did not answer in time. Check your internet connection and try again.';
    case 'malformed-response':
      return 'Spotify sent an answer Traytune could not read. Try again; if it keeps happening, update Traytune.';
    case 'aborted':
      return 'The request to Spotify was cancelled.';
  }
}

function whenText(retryAfterMs: number | undefined): string {
  if (retryAfterMs === undefined) return 'in a moment';
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  if (seconds < 120) return `in ${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 120) return `in ${minutes} min`;
  return `in about ${Math.round(minutes / 60)} h`;
}
