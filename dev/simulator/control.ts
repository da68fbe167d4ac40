import { json, type SimRequest, type SimResponse } from './http.ts';
import type { Route } from './router.ts';
import type { Fault, Simulator } from './types.ts';

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
  const get = (pattern: string, read: () => unknown): Route => ({
    method: 'GET',
    pattern,
    handler: () => answer(read),
  });
  return [
    get('/__sim', () => ({ endpoints: ENDPOINTS })),
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
  ];
}

const ENDPOINTS = [
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

function rotationOf(body: Record<string, unknown>): 'rotate' | 'never' {
  const mode = body['mode'];
  if (mode !== 'rotate' && mode !== 'never') throw new Error('mode must be "rotate" or "never"');
  return mode;
}
