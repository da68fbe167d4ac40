import { authorizeRoutes } from './accounts/authorize.ts';
import { tokenRoutes } from './accounts/token.ts';
import type { Route } from './router.ts';
import type { SimState } from './state.ts';
import { albumRoutes } from './web-api/albums.ts';
import { libraryRoutes } from './web-api/library.ts';
import { playerRoutes } from './web-api/player.ts';
import { playlistRoutes } from './web-api/playlists.ts';
import { profileRoutes } from './web-api/profile.ts';
import { searchRoutes } from './web-api/search.ts';
import { trackRoutes } from './web-api/tracks.ts';

/** Every simulated Spotify route, by area. New Web API areas add their module here. */
export function simulatorRoutes(state: SimState, apiUrl: string): Route[] {
  return [
    ...authorizeRoutes(state),
    ...tokenRoutes(state),
    ...profileRoutes(state, apiUrl),
    ...playerRoutes(state, apiUrl),
    ...libraryRoutes(state, apiUrl),
    ...playlistRoutes(state, apiUrl),
    ...searchRoutes(state, apiUrl),
    ...trackRoutes(state, apiUrl),
    ...albumRoutes(state, apiUrl),
  ];
}
