/**
 * The Spotify simulator: a dev/test-only loopback stand-in for accounts.spotify.com and api.spotify.com
 * (docs/SPOTIFY.md, dev/spotify/openapi.yml). Never imported by src/, never shipped.
 */
export { SEED_CLIENT_ID, SEED_CLIENT_SECRET, SEED_REDIRECT_URIS, SEED_USER_ID } from './seed.ts';
export { startSimulator, type SimulatorTlsOptions } from './simulator.ts';
export { ACCESS_TOKEN_TTL_S, CODE_TTL_MS, refreshTokenExpiry } from './tokens.ts';
export { s256 } from './pkce.ts';
export { realTimeClock } from './clock.ts';
export { COMMAND_TEXT_BODY } from './web-api/player.ts';
export { LIBRARY_URI_LIMIT } from './web-api/library.ts';
export { PLAYLIST_ADD_LIMIT } from './web-api/playlists.ts';
export { SEARCH_LIMIT_MAX } from './web-api/search.ts';
export type {
  AppRegistration,
  CommandResponseStyle,
  DeviceInfo,
  DeviceSetup,
  Fault,
  LoggedRequest,
  PlayerControl,
  PlayerSnapshot,
  RedundantCommandStyle,
  RequestLogView,
  RotationMode,
  Simulator,
  SimulatorOptions,
  UserRegistration,
} from './types.ts';
export type { ContractViolation, OpenApiContract } from './openapi-contract.ts';
