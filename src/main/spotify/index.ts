/** Public API of the Spotify Web API client (plain Node, no Electron). */
import { SpotifyApiClient, type SpotifyApiClientOptions } from './api-client.ts';
import { SpotifyWebApi } from './web-api.ts';

export {
  SPOTIFY_API_URL,
  SpotifyApiClient,
  parseRetryAfter,
  type ApiRequest,
  type CallOptions,
  type RateLimitOptions,
  type SpotifyApiClientOptions,
  type Timeouts,
} from './api-client.ts';
export { parseErrorBody, type ErrorBodyDetails } from './error-body.ts';
export {
  SpotifyApiError,
  errorFromResponse,
  isSpotifyApiError,
  kindFor,
  type SpotifyApiErrorInit,
  type SpotifyApiErrorKind,
} from './errors.ts';
export { OPERATIONS, type OperationDef, type OperationName } from './operations.ts';
export { RateLimitGate, realSleep, type RateLimitGateEvents, type Sleep } from './rate-limit-gate.ts';
export { DEFAULT_BACKOFF, type BackoffOptions, type RetryClass } from './retry-policy.ts';
export type * from './schemas.ts';
export {
  LIMITS,
  SpotifyWebApi,
  type DeviceTarget,
  type PageOptions,
  type PlayOptions,
  type RecentlyPlayedOptions,
  type SearchOptions,
  type SearchType,
} from './web-api.ts';

/** The client and its typed operations in one go. Close with `api.client.close()`. */
export function createSpotifyApi(options: SpotifyApiClientOptions): SpotifyWebApi {
  return new SpotifyWebApi(new SpotifyApiClient(options));
}
