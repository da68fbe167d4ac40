import { STATUS_CODES } from 'node:http';
import { json, type SimResponse } from './http.ts';

/** Web API error body: `{"error":{"status","message","reason"?}}` (FACTS.md). */
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
