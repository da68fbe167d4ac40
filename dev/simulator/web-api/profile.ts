import { createHash } from 'node:crypto';
import { json } from '../http.ts';
import type { Route } from '../router.ts';
import type { AppRecord, SimState, UserRecord } from '../state.ts';
import { withUser } from './auth.ts';

/** GET /v1/me. No scope is enforced: Spotify answers /me without one (it only trims fields). */
export function profileRoutes(state: SimState, apiUrl: string): Route[] {
  return [
    {
      method: 'GET',
      pattern: '/v1/me',
      handler: withUser(state, (_req, { user, app }) => json(200, privateUser(user, app, apiUrl))),
    },
  ];
}

/** The PrivateUserObject. Development-mode apps get no `product`, `email`, `country`, `followers`. */
function privateUser(user: UserRecord, app: AppRecord, apiUrl: string): Record<string, unknown> {
  const profile: Record<string, unknown> = {
    account_id: createHash('sha256').update(`account:${user.id}`).digest('base64url').slice(0, 10),
    display_name: user.displayName,
    external_urls: { spotify: `https://open.spotify.com/user/${encodeURIComponent(user.id)}` },
    href: `${apiUrl}/users/${encodeURIComponent(user.id)}`,
    id: user.id,
    images: [],
    type: 'user',
    uri: `spotify:user:${user.id}`,
  };
  if (app.mode === 'extended') {
    Object.assign(profile, {
      country: user.country,
      email: user.email,
      explicit_content: { filter_enabled: false, filter_locked: false },
      followers: { href: null, total: 0 },
      product: user.premium ? 'premium' : 'free',
    });
  }
  return profile;
}
