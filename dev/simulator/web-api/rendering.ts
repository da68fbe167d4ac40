import { ApiError } from '../errors.ts';
import type { SimRequest } from '../http.ts';
import type { SimState, UserRecord } from '../state.ts';
import type { Rendering } from './objects.ts';

/**
 * How a request's items are rendered (objects.ts `Rendering`): the profile's `markets` setting and the
 * request's `market` parameter. `from_token` is the user's country; without a user token it is ignored.
 * Only the realistic `markets` setting reads the parameter: the lenient profile ignores it, as before.
 */
export function renderingFor(state: SimState, req: SimRequest, user: UserRecord | undefined): Rendering {
  const unknownItems = state.media.unknownItems;
  if (!state.profile.content.markets) return { unknownItems };
  const raw = req.query.get('market');
  if (raw === null || raw === '') return { markets: true, unknownItems };
  if (raw === 'from_token') return { markets: true, market: user?.country, unknownItems };
  if (!/^[A-Z]{2}$/.test(raw)) throw new ApiError(400, 'Invalid market code');
  return { markets: true, market: raw, unknownItems };
}
