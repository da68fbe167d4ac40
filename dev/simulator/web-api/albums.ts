import { CATALOGUE, type CatalogueAlbum } from '../catalogue.ts';
import { ApiError } from '../errors.ts';
import { isSpotifyId } from '../ids.ts';
import { json } from '../http.ts';
import type { Route } from '../router.ts';
import type { SimState } from '../state.ts';
import { withToken } from './auth.ts';
import { albumObject, paging, simplifiedTrack, type Rendering } from './objects.ts';
import { limitOffset } from './params.ts';
import { renderingFor } from './rendering.ts';

/** Tracks embedded in a full album object (Spotify embeds the first 50; `next` pages on). */
const EMBEDDED_TRACKS = 50;

/**
 * GET /albums/{id} and /albums/{id}/tracks: any valid token (app or user), like /tracks/{id}. Malformed
 * ID → 400 "Invalid base62 id", unknown → 404; tracks render with the request's `market` (relinking).
 */
export function albumRoutes(state: SimState, api: string): Route[] {
  const find = (id: string): CatalogueAlbum => {
    if (!isSpotifyId(id)) throw new ApiError(400, 'Invalid base62 id');
    const album = state.media.catalogue.album(id);
    if (!album) throw new ApiError(404, 'Resource not found');
    return album;
  };

  return [
    {
      method: 'GET',
      pattern: '/v1/albums/{id}',
      handler: withToken(state, (req, caller) => {
        const album = find(req.params['id'] ?? '');
        const rendering = renderingFor(state, req, caller.user);
        return json(200, fullAlbum(api, album, rendering));
      }),
    },
    {
      method: 'GET',
      pattern: '/v1/albums/{id}/tracks',
      handler: withToken(state, (req, caller) => {
        const album = find(req.params['id'] ?? '');
        const { limit, offset } = limitOffset(req, 50);
        const rendering = renderingFor(state, req, caller.user);
        return json(200, albumTracksPage(api, album, offset, limit, rendering));
      }),
    },
  ];
}

/** The full AlbumObject with its first page of tracks (also what GET /me/albums lists). */
export function fullAlbum(api: string, album: CatalogueAlbum, rendering: Rendering): Record<string, unknown> {
  return albumObject(api, album, albumTracksPage(api, album, 0, EMBEDDED_TRACKS, rendering));
}

function albumTracksPage(
  api: string,
  album: CatalogueAlbum,
  offset: number,
  limit: number,
  rendering: Rendering,
): Record<string, unknown> {
  const items = album.trackUris.slice(offset, offset + limit).flatMap((uri) => {
    const track = CATALOGUE.track(uri);
    return track ? [simplifiedTrack(api, track, rendering)] : [];
  });
  return paging(`${api}/albums/${album.id}/tracks`, items, offset, limit, album.trackUris.length);
}
