import type { ClockSource } from './clock.ts';
import type { ContractViolation, OpenApiContract } from './openapi-contract.ts';
import type { ProfileOptions, SimProfile } from './profile.ts';
import type { RedundantCommandStyle } from './player-state.ts';

export type RotationMode = 'rotate' | 'never';

/**
 * How successful player commands answer: 204 (documented), 200 with a short non-JSON text body, or 202
 * with no body (accepted, carried out later). The realistic profile mixes them (profile.ts).
 */
export type CommandResponseStyle = '204' | '200-text' | '202';

/** What pause-when-paused and resume-when-playing answer (see player-state.ts). */
export interface PlayerSnapshot {
  /** The active device, `null` when none (GET /me/player → 204). */
  deviceId: string | null;
  isPlaying: boolean;
  itemUri: string | null;
  progressMs: number;
  /** The active device's volume; `null` without an active device or when it reports none. */
  volumePercent: number | null;
  shuffle: boolean;
  repeat: 'off' | 'track' | 'context';
  /** What GET /me/player/queue lists: user-queued items first, then the context's next items (≤ 20). */
  queue: string[];
  /** Only the items queued by the user (POST /me/player/queue, externalQueue). */
  userQueue: string[];
  contextUri: string | null;
  /** The `timestamp` field: simulator time of the last change. */
  timestamp: number;
}

export interface DeviceSetup {
  id: string;
  name: string;
  type: string;
  isRestricted?: boolean;
  supportsVolume?: boolean;
  volumePercent?: number;
  /** Make this device the active one. Otherwise the active device stays if it is still listed. */
  isActive?: boolean;
}

interface DeviceInfo {
  id: string;
  name: string;
  type: string;
  isActive: boolean;
  isRestricted: boolean;
  supportsVolume: boolean;
  volumePercent: number | null;
}

/**
 * One user's player, driven "from another device" (the phone, the speaker): none of these calls is an
 * API request, so none is logged. Nonsense (unknown device, nothing active) throws an Error.
 */
export interface PlayerControl {
  snapshot(): PlayerSnapshot;
  externalPlay(options?: {
    uris?: string[];
    contextUri?: string;
    deviceId?: string;
    positionMs?: number;
  }): void;
  externalPause(): void;
  externalResume(): void;
  /** Next item, as from the phone; at the end of the context (repeat off) playback stops. */
  externalSkip(): void;
  externalSeek(positionMs: number): void;
  externalTransfer(deviceId: string, play?: boolean): void;
  externalShuffle(on: boolean): void;
  externalRepeat(mode: 'off' | 'track' | 'context'): void;
  externalQueue(uri: string): void;
  externalVolume(percent: number, deviceId?: string): void;
  /** No active device (GET /me/player → 204); what was loaded stays for a later play or transfer. */
  deactivate(): void;
  setDevices(devices: DeviceSetup[]): void;
  devices(): DeviceInfo[];
  /** Forces a device into (true) or out of (false) /me/player/devices; `undefined` = its seeded rhythm. */
  setDeviceAvailable(deviceId: string, available: boolean | undefined): void;
  /**
   * Plays one item whose `type` no client knows (default "audiobook-chapter") and returns its URI.
   * openapi.yml allows only tracks and episodes there: its answers are contract violations on purpose.
   */
  playUnknownItem(type?: string): string;
  /** Plays that finished or were skipped, newest first (what GET /me/player/recently-played serves). */
  history(): { uri: string; playedAt: number; contextUri: string | null }[];
  catalogue(): readonly { uri: string; durationMs: number; name: string }[];
  /** Liked songs, most recently added first. */
  likedUris(): readonly string[];
  playlists(): readonly { id: string; name: string; itemUris: readonly string[] }[];
}

/** `profile` (default 'lenient'), `randomSeed` and `realism` overrides: see profile.ts. */
export interface SimulatorOptions extends ProfileOptions {
  clock?: ClockSource;
  /** 0 or absent = a free port. */
  port?: number;
  /** Register the seed app and user (default true). */
  seed?: boolean;
  /** Check every response on a route openapi.yml describes; failures land in `contractViolations`. */
  contract?: OpenApiContract;
}

export interface AppRegistration {
  clientId: string;
  clientSecret?: string;
  redirectUris: string[];
  /** `undefined` = everyone. */
  allowListedUserIds?: string[];
  /** Shown on the consent page. */
  name?: string;
  /** Development mode (default) hides `product`, `email`, `country`, `followers` from /me. */
  mode?: 'development' | 'extended';
}

export interface UserRegistration {
  id: string;
  displayName?: string;
  /** Default true. */
  premium?: boolean;
  email?: string;
  country?: string;
}

export interface Fault {
  method?: string;
  /** Exact request path, e.g. `/api/token` or `/v1/me`. */
  path: string;
  status?: number;
  /** Seconds, sent as `Retry-After`. */
  retryAfter?: number;
  /** Spotify error `reason` (Web API) or OAuth `error` (accounts paths). */
  reason?: string;
  message?: string;
  /** Raw body to send instead of an error body. */
  body?: string;
  /** Real-time delay before answering. */
  delayMs?: number;
  /** Destroy the socket without an answer. */
  reset?: boolean;
  /** Default 1; Infinity allowed. */
  times?: number;
}

export interface LoggedRequest {
  method: string;
  path: string;
  /** Secrets (`code`, `code_verifier`, tokens, `client_secret`) are replaced by `[redacted]`. */
  query: Record<string, string>;
  /** 0 when the connection was reset by a fault. */
  status: number;
  /** Simulator clock when the request arrived. */
  at: number;
}

export interface RequestLogView {
  readonly entries: readonly LoggedRequest[];
  count(filter?: { method?: string; path?: string; status?: number }): number;
  reset(): void;
}

export interface Simulator {
  /** The resolved profile; `describeProfile(sim.profile)` (profile.ts) lists every setting. */
  readonly profile: SimProfile;
  url: string;
  accountsUrl: string;
  apiUrl: string;
  clock: { now(): number; advance(ms: number): void; set(ms: number): void };
  registerApp(app: AppRegistration): void;
  addUser(user: UserRegistration): void;
  setConsentUser(userId: string): void;
  setRotation(mode: RotationMode): void;
  revokeRefreshTokens(userId?: string): void;
  injectFault(fault: Fault): void;
  clearFaults(): void;
  requests: RequestLogView;
  connections: { count(): number; reset(): void };
  /** The seed user's (`SEED_USER_ID`) player and library; `playerFor` reaches any other user's. */
  player: PlayerControl;
  playerFor(userId: string): PlayerControl;
  setPremium(userId: string, premium: boolean): void;
  /** Pins every successful command's answer to one style (the realistic profile otherwise mixes them). */
  setCommandResponseStyle(style: CommandResponseStyle): void;
  /** Default 'succeed'; 'reason' → 403 ALREADY_PAUSED / NOT_PAUSED; 'restriction-violated' → 403 UNKNOWN. */
  setRedundantCommandStyle(style: RedundantCommandStyle): void;
  /** Responses that broke openapi.yml (only recorded when `options.contract` was given). */
  readonly contractViolations: readonly ContractViolation[];
  close(): Promise<void>;
}
