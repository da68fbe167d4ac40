import type { SimState } from './state.ts';

/** 32 hex characters, like a real Spotify client ID. */
export const SEED_CLIENT_ID = 'c0ffee00c0ffee00c0ffee00c0ffee00';
export const SEED_CLIENT_SECRET = '5ec7e75ec7e75ec7e75ec7e75ec7e700';
export const SEED_USER_ID = 'traytune-tester';
/** Registered without a port, so any loopback port matches (RFC 8252 §7.3). */
export const SEED_REDIRECT_URIS: readonly string[] = ['http://127.0.0.1/callback', 'http://[::1]/callback'];

/**
 * The seed app (development mode, everyone allowed) and its Premium tester, logged in to the browser,
 * with the standard library and devices: "Traytune Desktop" active, a track loaded and paused at 0.
 */
export function seed(state: SimState): void {
  state.registerApp({
    clientId: SEED_CLIENT_ID,
    clientSecret: SEED_CLIENT_SECRET,
    name: 'Traytune',
    redirectUris: [...SEED_REDIRECT_URIS],
  });
  state.addUser({ id: SEED_USER_ID, displayName: 'Traytune Tester', premium: true });
  state.setConsentUser(SEED_USER_ID);
  state.media.forUser(SEED_USER_ID);
}
