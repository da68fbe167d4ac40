/** Public API of the Spotify Web API client (plain Node, no Electron). */
import { SpotifyApiClient, type SpotifyApiClientOptions } from './api-client.ts';
import { SpotifyWebApi } from './web-api.ts';

export { SpotifyApiClient, type CallOptions, type SpotifyApiClientOptions } from './api-client.ts';
export { SpotifyApiError } from './errors.ts';
export type * from './schemas.ts';
export { SpotifyWebApi, type SearchType } from './web-api.ts';

/** The client and its typed operations in one go. Close with `api.client.close()`. */
export function createSpotifyApi(options: SpotifyApiClientOptions): SpotifyWebApi {
  return new SpotifyWebApi(new SpotifyApiClient(options));
}
