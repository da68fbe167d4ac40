import { afterEach, beforeAll, beforeEach, expect } from 'vitest';
import {
  SEED_CLIENT_ID,
  SEED_CLIENT_SECRET,
  startSimulator,
  type Simulator,
} from '../../../dev/simulator/index.ts';
import { loadOpenApiContract, type OpenApiContract } from '../../../dev/simulator/openapi-contract.ts';

/** RFC 7636 Appendix B. */
export const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
export const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
export const REDIRECT_URI = 'http://127.0.0.1:53682/callback';

/** Asymmetric matchers typed as `unknown` (vitest types them `any`). */
export const anyString: unknown = expect.any(String);
export const anyNumber: unknown = expect.any(Number);
export const matching = (pattern: RegExp | string): unknown =>
  typeof pattern === 'string' ? expect.stringContaining(pattern) : expect.stringMatching(pattern);

export type Params = Record<string, string | undefined>;

export function authorizeUrl(sim: Simulator, params: Params): string {
  const url = new URL('/authorize', sim.accountsUrl);
  for (const [name, value] of Object.entries(params))
    if (value !== undefined) url.searchParams.set(name, value);
  return url.href;
}

/** The usual PKCE authorization request for the seed app; override or drop (undefined) any parameter. */
export function pkceParams(overrides: Params = {}): Params {
  return {
    client_id: SEED_CLIENT_ID,
    response_type: 'code',
    redirect_uri: REDIRECT_URI,
    scope: 'user-read-private user-read-playback-state',
    state: 'st-123',
    code_challenge_method: 'S256',
    code_challenge: CHALLENGE,
    ...overrides,
  };
}

export function getAuthorize(sim: Simulator, params: Params): Promise<Response> {
  return fetch(authorizeUrl(sim, params), { redirect: 'manual' });
}

/** The pending-request id the consent page's form carries. */
export function requestIdOf(page: string): string {
  const match = /<input type="hidden" name="request" value="([^"]+)">/.exec(page);
  if (!match?.[1]) throw new Error(`no consent form in page:\n${page}`);
  return match[1];
}

export function postDecision(sim: Simulator, requestId: string, decision: string): Promise<Response> {
  return fetch(new URL('/authorize/decision', sim.accountsUrl), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ request: requestId, decision }).toString(),
  });
}

/** Opens /authorize and, if the consent page shows, answers it; returns the final redirect's Location. */
export async function authorize(sim: Simulator, params: Params, decision = 'agree'): Promise<URL> {
  const first = await getAuthorize(sim, params);
  if (first.status === 302) return new URL(first.headers.get('location') ?? '');
  if (first.status !== 200) throw new Error(`authorize answered ${first.status}: ${await first.text()}`);
  const answer = await postDecision(sim, requestIdOf(await first.text()), decision);
  if (answer.status !== 302) throw new Error(`decision answered ${answer.status}`);
  return new URL(answer.headers.get('location') ?? '');
}

export async function codeFor(sim: Simulator, params: Params = pkceParams()): Promise<string> {
  const location = await authorize(sim, params);
  const code = location.searchParams.get('code');
  if (!code) throw new Error(`no code in ${location.href}`);
  return code;
}

export interface TokenAnswer {
  status: number;
  body: Record<string, unknown>;
}

export async function postToken(
  sim: Simulator,
  form: Params,
  basic?: [string, string],
): Promise<TokenAnswer> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (basic) headers['authorization'] = `Basic ${Buffer.from(`${basic[0]}:${basic[1]}`).toString('base64')}`;
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) if (value !== undefined) body.set(name, value);
  const res = await fetch(new URL('/api/token', sim.accountsUrl), {
    method: 'POST',
    headers,
    body: body.toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

export const seedBasic: [string, string] = [SEED_CLIENT_ID, SEED_CLIENT_SECRET];

/** A full PKCE sign-in for the seed app: the token endpoint's answer. */
export async function signIn(
  sim: Simulator,
  params: Params = pkceParams(),
): Promise<Record<string, unknown>> {
  const code = await codeFor(sim, params);
  const answer = await postToken(sim, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: params['redirect_uri'],
    client_id: params['client_id'],
    code_verifier: VERIFIER,
  });
  if (answer.status !== 200) throw new Error(`token exchange failed: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

export async function getMe(
  sim: Simulator,
  accessToken?: string,
): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> =
    accessToken === undefined ? {} : { authorization: `Bearer ${accessToken}` };
  const res = await fetch(`${sim.apiUrl}/me`, { headers });
  return { status: res.status, body: await res.json() };
}

/** Every scope the player, library and playlist routes need. */
const ALL_SCOPES = [
  'user-read-private',
  'user-read-playback-state',
  'user-modify-playback-state',
  'user-read-currently-playing',
  'user-read-recently-played',
  'user-library-read',
  'user-library-modify',
  'user-follow-read',
  'user-follow-modify',
  'playlist-read-private',
  'playlist-modify-public',
  'playlist-modify-private',
].join(' ');

/** A user access token for the seed app (the consent user), with `scope` (default: all of ALL_SCOPES). */
export async function userToken(sim: Simulator, scope = ALL_SCOPES): Promise<string> {
  return String((await signIn(sim, pkceParams({ scope })))['access_token']);
}

/** An app access token for the seed app (client credentials: no user, no scopes). */
export async function appToken(sim: Simulator): Promise<string> {
  return String((await postToken(sim, { grant_type: 'client_credentials' }, seedBasic)).body['access_token']);
}

export interface ApiAnswer {
  status: number;
  contentType: string | null;
  text: string;
  /** The parsed body, or `undefined` when empty or not JSON. */
  body: unknown;
}

/** Calls the Web API (`path` below /v1) with a bearer token; a `json` body is sent as JSON. */
export async function call(
  sim: Simulator,
  token: string | undefined,
  method: string,
  path: string,
  json?: unknown,
): Promise<ApiAnswer> {
  const headers: Record<string, string> = {};
  if (token !== undefined) headers['authorization'] = `Bearer ${token}`;
  if (json !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${sim.apiUrl}${path}`, {
    method,
    headers,
    ...(json === undefined ? {} : { body: typeof json === 'string' ? json : JSON.stringify(json) }),
  });
  const text = await res.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, contentType: res.headers.get('content-type'), text, body };
}

/** A Spotify error answer: `{status, body: {error: {status, message, reason?}}}`. */
export function apiError(
  status: number,
  message: string,
  reason?: string,
): { status: number; body: unknown } {
  const error = reason === undefined ? { status, message } : { status, message, reason };
  return { status, body: { error } };
}

/** The parts of Web API bodies the tests read. */
export interface TrackBody {
  type: 'track';
  id: string;
  uri: string;
  name: string;
  duration_ms: number;
  album: { uri: string; name: string; images: { url: string }[] };
  artists: { name: string }[];
}

export interface PlaybackBody {
  device: { id: string; name: string; is_active: boolean; volume_percent: number | null };
  is_playing: boolean;
  progress_ms: number;
  timestamp: number;
  item: TrackBody;
  context?: { uri: string; type: string };
  shuffle_state: boolean;
  repeat_state: string;
  currently_playing_type: string;
  actions: { disallows: Record<string, boolean> };
}

export interface PageBody<T> {
  href: string;
  items: T[];
  limit: number;
  next: string | null;
  offset: number;
  previous: string | null;
  total: number;
}

/** What simulatorPerTest gives each test: its simulator, the seed user's token, and calls made with it. */
export interface SimulatorContext {
  /** This test's simulator (a new one for every test). */
  readonly sim: Simulator;
  /** The seed user's access token with every scope; '' with `token: false`. */
  readonly token: string;
  /** Calls the Web API as the seed user. */
  readonly api: (method: string, path: string, body?: unknown) => Promise<ApiAnswer>;
  /** Calls the Web API as the seed user and expects 204 with an empty body (a player command). */
  readonly ok: (method: string, path: string, body?: unknown) => Promise<void>;
  /** GET /me/player as the seed user, expecting 200. */
  readonly playback: () => Promise<PlaybackBody>;
}

/**
 * A fresh simulator for every test of the file (or describe), with openapi.yml checked on every answer it
 * sends, and (unless `token: false`) a user token for the seed user; read them from the returned context
 * inside a test. After each test, no answer may have broken the contract (or docs/SPOTIFY.md where the
 * two differ).
 */
export function simulatorPerTest(options: { token?: boolean } = {}): SimulatorContext {
  let contract: OpenApiContract;
  let sim: Simulator | undefined;
  let token = '';
  const started = (): Simulator => {
    if (sim === undefined) throw new Error('the simulator starts before each test: read it inside a test');
    return sim;
  };
  const api = (method: string, path: string, body?: unknown): Promise<ApiAnswer> =>
    call(started(), token, method, path, body);
  const ctx: SimulatorContext = {
    get sim() {
      return started();
    },
    get token() {
      return token;
    },
    api,
    ok: async (method, path, body) => {
      const answer = await api(method, path, body);
      expect(answer.status, `${method} ${path}: ${answer.text}`).toBe(204);
      expect(answer.text).toBe('');
    },
    playback: async () => {
      const answer = await api('GET', '/me/player');
      expect(answer.status).toBe(200);
      return answer.body as PlaybackBody;
    },
  };
  beforeAll(async () => {
    contract = await loadOpenApiContract();
  });
  beforeEach(async () => {
    sim = await startSimulator({ contract });
    token = options.token === false ? '' : await userToken(sim);
  });
  afterEach(async () => {
    const finished = started();
    sim = undefined;
    try {
      expect(finished.contractViolations).toEqual([]);
    } finally {
      await finished.close();
    }
  });
  return ctx;
}
