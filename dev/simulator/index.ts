/**
 * The Spotify simulator: a dev/test-only loopback stand-in for accounts.spotify.com and api.spotify.com
 * (docs/SPOTIFY.md, dev/spotify/openapi.yml). Never imported by src/, never shipped.
 */
export { SEED_CLIENT_ID, SEED_CLIENT_SECRET, SEED_REDIRECT_URIS, SEED_USER_ID } from './seed.ts';
export { startSimulator, type SimulatorTlsOptions } from './simulator.ts';
export { CODE_TTL_MS, refreshTokenExpiry } from './tokens.ts';
export { realTimeClock } from './clock.ts';
export { COMMAND_TEXT_BODY } from './web-api/player.ts';
export type { LoggedRequest, PlayerSnapshot, Simulator, SimulatorOptions } from './types.ts';
