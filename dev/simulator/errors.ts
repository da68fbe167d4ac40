import { STATUS_CODES } from 'node:http';
import { json, type SimResponse } from './http.ts';

/** Web API error body: `{"error":{"status","message","reason"?}}` (docs/SPOTIFY.md). */
export function webApiError(
  status: number,
  message: string,
  reason?: string,
  headers: Record<string, string> = {},
): SimResponse {
  const error = reason === undefined ? { status, message } : { status, message, reason };
  return json(status, { error }, headers);
}

/** Accounts-service error body: `{"error","error_description"}`. */
export function oauthError(status: number, error: string, description: string): SimResponse {
  return json(status, { error, error_description: description }, { 'cache-control': 'no-store' });
}

/** 401 as api.spotify.com sends it, including the bearer challenge header. */
export function unauthorized(message: string): SimResponse {
  return webApiError(401, message, undefined, {
    'www-authenticate': `Bearer realm="spotify", error="invalid_token", error_description="${message}"`,
  });
}

/** The message Spotify puts in error bodies it has no specific text for. */
export function defaultMessage(status: number): string {
  if (status === 429) return 'API rate limit exceeded';
  return STATUS_CODES[status] ?? 'Error';
}

/**
 * A Web API refusal thrown by handlers and the player; `withUser`/`withToken` turn it into an answer.
 * `bare` sends the ErrorObject without the `{"error":…}` wrapper, as some 400s come (docs/SPOTIFY.md).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly reason: string | undefined;
  readonly bare: boolean;

  constructor(status: number, message: string, reason?: string, bare = false) {
    super(message);
    this.status = status;
    this.reason = reason;
    this.bare = bare;
  }
}

export function apiErrorResponse(error: ApiError): SimResponse {
  if (!error.bare) return webApiError(error.status, error.message, error.reason);
  const body = error.reason === undefined ? {} : { reason: error.reason };
  return json(error.status, { status: error.status, message: error.message, ...body });
}
