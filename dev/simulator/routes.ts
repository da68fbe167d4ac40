import { authorizeRoutes } from './accounts/authorize.ts';
import { tokenRoutes } from './accounts/token.ts';
import type { Route } from './router.ts';
import type { SimState } from './state.ts';
import { profileRoutes } from './web-api/profile.ts';

/** Every simulated Spotify route, by area. New Web API areas add their module here. */
export function simulatorRoutes(state: SimState, apiUrl: string): Route[] {
  return [...authorizeRoutes(state), ...tokenRoutes(state), ...profileRoutes(state, apiUrl)];
}
