import { ApiError } from '../errors.ts';
import { isSpotifyId } from '../ids.ts';
import { json } from '../http.ts';
import type { Route } from '../router.ts';
import type { SimState } from '../state.ts';
import { withToken } from './auth.ts';
import { trackObject } from './objects.ts';
import { renderingFor } from './rendering.ts';

/** GET /tracks/{id}: any valid token (app or user). Malformed ID → 400, unknown → 404. */
export function trackRoutes(state: SimState, api: string): Route[] {
  return [
    {
      method: 'GET',
      pattern: '/v1/tracks/{id}',
      handler: withToken(state, (req, caller) => {
        const id = req.params['id'] ?? '';
        if (!isSpotifyId(id)) throw new ApiError(400, 'Invalid base62 id');
        const track = state.media.catalogue.trackById(id);
        if (!track) throw new ApiError(404, 'Resource not found');
        return json(200, trackObject(api, track, renderingFor(state, req, caller.user)));
      }),
    },
  ];
}
