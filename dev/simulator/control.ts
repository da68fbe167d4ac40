import { json, type SimRequest, type SimResponse } from './http.ts';
import { describeProfile } from './profile.ts';
import type { Route } from './router.ts';
import type { CommandResponseStyle, DeviceSetup, Fault, PlayerControl, Simulator } from './types.ts';

/**
 * The control surface over HTTP (`/__sim/*`, JSON in and out) for the standalone server and the browser
 * harness. Each call maps onto the programmatic `Simulator` API. Never logged, never faulted.
 */
export function controlRoutes(sim: Simulator): Route[] {
  const post = (pattern: string, act: (body: Record<string, unknown>) => unknown): Route => ({
    method: 'POST',
    pattern,
    handler: (req) => answer(() => act(bodyOf(req))),
  });
  const get = (pattern: string, read: (query: URLSearchParams) => unknown): Route => ({
    method: 'GET',
    pattern,
    handler: (req) => answer(() => read(req.query)),
  });
  /** The seed user's player, or `userId` (body) / `?user=` (query). */
  const playerOf = (userId: unknown): PlayerControl =>
    typeof userId === 'string' && userId !== '' ? sim.playerFor(userId) : sim.player;
  return [
    get('/__sim', () => ({ endpoints: ENDPOINTS })),
    get('/__sim/profile', () => describeProfile(sim.profile)),
    post('/__sim/fault', (body) => sim.injectFault(faultOf(body))),
    post('/__sim/clear-faults', () => sim.clearFaults()),
    get('/__sim/clock', () => ({ now: sim.clock.now() })),
    post('/__sim/clock/advance', (body) => sim.clock.advance(numberOf(body, 'ms'))),
    post('/__sim/clock/set', (body) => sim.clock.set(numberOf(body, 'ms'))),
    post('/__sim/rotation', (body) => sim.setRotation(rotationOf(body))),
    post('/__sim/revoke', (body) => sim.revokeRefreshTokens(optionalString(body, 'userId'))),
    post('/__sim/apps', (body) =>
      sim.registerApp(body as unknown as Parameters<Simulator['registerApp']>[0]),
    ),
    post('/__sim/users', (body) => sim.addUser(body as unknown as Parameters<Simulator['addUser']>[0])),
    post('/__sim/consent-user', (body) => sim.setConsentUser(String(body['userId']))),
    get('/__sim/requests', () => ({ entries: sim.requests.entries, connections: sim.connections.count() })),
    post('/__sim/reset-requests', () => {
      sim.requests.reset();
      sim.connections.reset();
    }),
    get('/__sim/contract-violations', () => ({ violations: sim.contractViolations })),
    post('/__sim/premium', (body) => sim.setPremium(String(body['userId']), body['premium'] === true)),
    post('/__sim/command-style', (body) =>
      sim.setCommandResponseStyle(body['style'] as CommandResponseStyle),
    ),
    post('/__sim/redundant-style', (body) =>
      sim.setRedundantCommandStyle(body['style'] as Parameters<Simulator['setRedundantCommandStyle']>[0]),
    ),
    get('/__sim/player', (query) => playerOf(query.get('user')).snapshot()),
    get('/__sim/player/devices', (query) => ({ devices: playerOf(query.get('user')).devices() })),
    get('/__sim/player/history', (query) => ({ items: playerOf(query.get('user')).history() })),
    get('/__sim/player/catalogue', () => ({ tracks: sim.player.catalogue() })),
    get('/__sim/player/liked', (query) => ({ uris: playerOf(query.get('user')).likedUris() })),
    get('/__sim/player/playlists', (query) => ({ playlists: playerOf(query.get('user')).playlists() })),
    post('/__sim/player/play', (body) => playerOf(body['userId']).externalPlay(body)),
    post('/__sim/player/pause', (body) => playerOf(body['userId']).externalPause()),
    post('/__sim/player/resume', (body) => playerOf(body['userId']).externalResume()),
    post('/__sim/player/skip', (body) => playerOf(body['userId']).externalSkip()),
    post('/__sim/player/seek', (body) => playerOf(body['userId']).externalSeek(numberOf(body, 'positionMs'))),
    post('/__sim/player/transfer', (body) =>
      playerOf(body['userId']).externalTransfer(String(body['deviceId']), optionalBoolean(body, 'play')),
    ),
    post('/__sim/player/shuffle', (body) => playerOf(body['userId']).externalShuffle(body['state'] === true)),
    post('/__sim/player/repeat', (body) =>
      playerOf(body['userId']).externalRepeat(body['state'] as 'off' | 'track' | 'context'),
    ),
    post('/__sim/player/queue', (body) => playerOf(body['userId']).externalQueue(String(body['uri']))),
    post('/__sim/player/volume', (body) =>
      playerOf(body['userId']).externalVolume(numberOf(body, 'percent'), optionalString(body, 'deviceId')),
    ),
    post('/__sim/player/deactivate', (body) => playerOf(body['userId']).deactivate()),
    post('/__sim/player/devices', (body) => {
      const devices = body['devices'];
      if (!Array.isArray(devices)) throw new Error('devices must be an array');
      playerOf(body['userId']).setDevices(devices as DeviceSetup[]);
    }),
  ];
}

const ENDPOINTS = [
  'GET /__sim/profile (the profile and every setting: {profile, seed, settings: [{setting, value, meaning}]})',
  'POST /__sim/fault {path, method?, status?, retryAfter?, reason?, message?, body?, delayMs?, reset?, times?}',
  'POST /__sim/clear-faults',
  'GET /__sim/clock',
  'POST /__sim/clock/advance {ms}',
  'POST /__sim/clock/set {ms}',
  'POST /__sim/rotation {mode: "rotate" | "never"}',
  'POST /__sim/revoke {userId?}',
  'POST /__sim/apps {clientId, clientSecret?, redirectUris, allowListedUserIds?, name?, mode?}',
  'POST /__sim/users {id, displayName?, premium?}',
  'POST /__sim/consent-user {userId}',
  'GET /__sim/requests',
  'POST /__sim/reset-requests',
  'GET /__sim/contract-violations',
  'POST /__sim/premium {userId, premium}',
  'POST /__sim/command-style {style: "204" | "200-text" | "202"}',
  'POST /__sim/redundant-style {style: "succeed" | "reason" | "restriction-violated"}',
  'GET /__sim/player?user= (snapshot; the seed user unless user is given)',
  'GET /__sim/player/devices?user=',
  'GET /__sim/player/history?user=',
  'GET /__sim/player/catalogue',
  'GET /__sim/player/liked?user=',
  'GET /__sim/player/playlists?user=',
  'POST /__sim/player/play {uris?, contextUri?, deviceId?, positionMs?, userId?}',
  'POST /__sim/player/pause {userId?}',
  'POST /__sim/player/resume {userId?}',
  'POST /__sim/player/skip {userId?}',
  'POST /__sim/player/seek {positionMs, userId?}',
  'POST /__sim/player/transfer {deviceId, play?, userId?}',
  'POST /__sim/player/shuffle {state: boolean, userId?}',
  'POST /__sim/player/repeat {state: "off" | "track" | "context", userId?}',
  'POST /__sim/player/queue {uri, userId?}',
  'POST /__sim/player/volume {percent, deviceId?, userId?}',
  'POST /__sim/player/deactivate {userId?}',
  'POST /__sim/player/devices {devices: [{id, name, type, isRestricted?, supportsVolume?, volumePercent?}], userId?}',
];

/** 200 with the result (or `{"ok":true}`), 400 with the error message when the call throws. */
function answer(act: () => unknown): SimResponse {
  try {
    const result = act();
    return json(200, result === undefined ? { ok: true } : result);
  } catch (error) {
    return json(400, { error: error instanceof Error ? error.message : String(error) });
  }
}

function bodyOf(req: SimRequest): Record<string, unknown> {
  if (req.body.trim() === '') return {};
  const value: unknown = JSON.parse(req.body);
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new Error('body must be a JSON object');
  return value as Record<string, unknown>;
}

/** JSON has no Infinity: `times` may be the string "Infinity" (or -1). */
function faultOf(body: Record<string, unknown>): Fault {
  const times = body['times'];
  return { ...body, times: times === 'Infinity' || times === -1 ? Infinity : times } as Fault;
}

function numberOf(body: Record<string, unknown>, name: string): number {
  const value = body[name];
  if (typeof value !== 'number') throw new Error(`${name} must be a number`);
  return value;
}

function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value !== undefined && typeof value !== 'string') throw new Error(`${name} must be a string`);
  return value;
}

function optionalBoolean(body: Record<string, unknown>, name: string): boolean | undefined {
  const value = body[name];
  if (value !== undefined && typeof value !== 'boolean') throw new Error(`${name} must be a boolean`);
  return value;
}

function rotationOf(body: Record<string, unknown>): 'rotate' | 'never' {
  const mode = body['mode'];
  if (mode !== 'rotate' && mode !== 'never') throw new Error('mode must be "rotate" or "never"');
  return mode;
}
