import { fileURLToPath } from 'node:url';
import SwaggerParser from '@apidevtools/swagger-parser';
import { beforeAll, afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_SPEC_URL,
  loadOpenApiContract,
  type OpenApiContract,
} from '../../../dev/simulator/openapi-contract.ts';
import { KNOWN_SCOPES } from '../../../dev/simulator/scopes.ts';
import { SEED_CLIENT_ID, startSimulator, type Simulator } from '../../../dev/simulator/index.ts';
import { deviationProblems } from '../../../dev/simulator/contract-deviations.ts';
import { getMe, pkceParams, postToken, seedBasic, signIn } from './helpers.ts';

let contract: OpenApiContract;
beforeAll(async () => {
  contract = await loadOpenApiContract();
});

const json = 'application/json; charset=utf-8';

describe('openapi.yml', () => {
  it('is a valid OpenAPI 3.0 document', async () => {
    const api = await SwaggerParser.validate(fileURLToPath(DEFAULT_SPEC_URL));
    expect(api.info.version).toBe('2026.5.31');
    expect(contract.version).toBe('2026.5.31');
  });

  it('names the same scopes the accounts service knows', () => {
    expect([...KNOWN_SCOPES.keys()].sort()).toEqual(contract.scopes);
  });
});

describe('finding operations', () => {
  it('maps concrete paths to templates, literal segments first', () => {
    expect(contract.findOperation('GET', '/v1/playlists/abc123/items')?.template).toBe(
      '/playlists/{playlist_id}/items',
    );
    expect(contract.findOperation('POST', '/v1/playlists/abc123/items')?.operationId).toBe(
      'add-items-to-playlist',
    );
    expect(contract.findOperation('GET', '/v1/me/tracks/contains')?.template).toBe('/me/tracks/contains');
    expect(contract.findOperation('GET', '/v1/me')).toMatchObject({
      operationId: 'get-current-users-profile',
    });
    expect(contract.findOperation('get', '/me/player/devices')?.scopes).toEqual(['user-read-playback-state']);
    expect(contract.findOperation('GET', '/v1/me/tracks/contains')?.deprecated).toBe(true);
  });

  it('finds nothing for undescribed paths or methods', () => {
    expect(contract.findOperation('GET', '/v1/nope')).toBeUndefined();
    expect(contract.findOperation('DELETE', '/v1/me')).toBeUndefined();
    expect(contract.findOperation('GET', '/v1/playlists//items')).toBeUndefined();
    expect(contract.findOperation('POST', '/api/token')).toBeUndefined();
  });

  it('checks a request’s method, path and query parameter names', () => {
    expect(contract.checkRequest('GET', '/v1/me/player/recently-played', ['limit', 'after'])).toEqual([]);
    expect(contract.checkRequest('GET', '/v1/me/player/recently-played', ['limit', 'page'])).toEqual([
      'query parameter "page" is not described',
    ]);
    expect(contract.checkRequest('GET', '/v1/me/library/contains', [])).toEqual([
      'query parameter "uris" is required',
    ]);
    expect(contract.checkRequest('PUT', '/v1/me/player/volume', ['volume_percent', 'device_id'])).toEqual([]);
    expect(contract.checkRequest('POST', '/v1/me/player/volume')).toEqual([
      'POST /v1/me/player/volume is not described by openapi.yml',
    ]);
  });
});

describe('validating responses', () => {
  const me = (status: number, body: unknown, contentType = json) =>
    contract.validateResponse({
      method: 'GET',
      path: '/v1/me',
      status,
      contentType,
      body: JSON.stringify(body),
    });

  it('accepts conforming bodies', () => {
    expect(me(200, { id: 'x', display_name: 'X', type: 'user', images: [] })).toEqual([]);
    expect(me(401, { error: { status: 401, message: 'Invalid access token' } })).toEqual([]);
    expect(me(429, { error: { status: 429, message: 'x', reason: 'QUOTA_EXCEEDED' } })).toEqual([]);
  });

  it('catches deliberately wrong bodies, statuses and content types', () => {
    expect(me(200, { id: 42 })).toEqual(['/id must be string']);
    expect(me(200, { images: [{ url: 'x' }] })).toEqual([
      "/images/0 must have required property 'height'",
      "/images/0 must have required property 'width'",
    ]);
    expect(me(401, { error: { status: 200, message: 'x' } })).toEqual(['/error/status must be >= 400']);
    expect(me(401, { status: 401, message: 'unwrapped' })).toEqual([
      "(body) must have required property 'error'",
    ]);
    expect(me(418, {})).toEqual(['status 418 is not described for GET /me']);
    expect(me(200, { id: 'x' }, 'text/plain')).toEqual([
      'content type is "text/plain", the spec says application/json',
    ]);
    expect(
      contract.validateResponse({ method: 'GET', path: '/v1/me', status: 200, contentType: json, body: '{' }),
    ).toEqual(['body is not valid JSON']);
    expect(
      contract.validateResponse({ method: 'PUT', path: '/v1/me/player/pause', status: 204, body: 'done' }),
    ).toEqual(['a 204 response must have no body']);
    expect(
      contract.validateResponse({ method: 'PUT', path: '/v1/me/player/pause', status: 204, body: '' }),
    ).toEqual([]);
  });

  it('picks queue items by their `type` discriminator (tracks and episodes)', () => {
    const queue = (items: unknown[]) =>
      contract.validateResponse({
        method: 'GET',
        path: '/v1/me/player/queue',
        status: 200,
        contentType: json,
        body: JSON.stringify({ currently_playing: items[0], queue: items }),
      });
    expect(queue([track, episode])).toEqual([]);
    expect(queue([{ ...episode, show: undefined }]).join('\n')).toContain(
      "must have required property 'show'",
    );
    expect(queue([{ ...track, type: 'album' }]).join('\n')).toContain(
      'must be equal to one of the allowed values',
    );
    expect(queue([{ ...track, type: undefined }]).join('\n')).toContain("must have required property 'type'");
    expect(queue([{ ...track, duration_ms: 'long' }]).join('\n')).toContain('/duration_ms must be integer');
  });

  it('lets a `fields`-filtered (partial) body leave out required fields, never break the rest', () => {
    const items = (body: unknown, partial: boolean) =>
      contract.validateResponse({
        method: 'GET',
        path: '/v1/playlists/abc/items',
        status: 200,
        contentType: json,
        body: JSON.stringify(body),
        partial,
      });
    const filtered = { items: [{ track: { uri: 'spotify:track:x' } }], next: null, total: 1 };
    expect(items(filtered, true)).toEqual([]);
    expect(items(filtered, false).join('\n')).toContain("must have required property 'href'");
    expect(items({ ...filtered, total: 'one' }, true)).toEqual(['/total must be integer']);
    expect(
      items({ items: [{ track: { uri: 'spotify:track:x', type: 'album' } }] }, true).join('\n'),
    ).toContain('must be equal to one of the allowed values');
  });
});

describe('the simulator against the contract', () => {
  let sim: Simulator;
  afterEach(() => sim.close());

  it('sends only conforming responses on described routes', async () => {
    sim = await startSimulator({ contract });
    const access = String((await signIn(sim))['access_token']);
    expect((await getMe(sim, access)).status).toBe(200);
    expect((await getMe(sim)).status).toBe(401);
    expect((await getMe(sim, 'BQbogus')).status).toBe(401);
    const app = await postToken(sim, { grant_type: 'client_credentials' }, seedBasic);
    expect((await getMe(sim, String(app.body['access_token']))).status).toBe(401);
    sim.injectFault({ path: '/v1/me', status: 429, retryAfter: 3, reason: 'QUOTA_EXCEEDED' });
    expect((await getMe(sim, access)).status).toBe(429);
    sim.injectFault({ path: '/v1/me', status: 503 });
    expect((await getMe(sim, access)).status).toBe(503);
    // A described route the simulator does not implement: 404 "Service not found", not checked.
    expect((await fetch(`${sim.apiUrl}/me/top/tracks`)).status).toBe(404);
    sim.clock.advance(3600_000);
    expect((await getMe(sim, access)).status).toBe(401);
    sim.registerApp({
      clientId: SEED_CLIENT_ID,
      redirectUris: ['http://127.0.0.1/callback'],
      mode: 'extended',
    });
    const extended = String((await signIn(sim))['access_token']);
    expect((await getMe(sim, extended)).body).toHaveProperty('product', 'premium');
    sim.registerApp({ clientId: SEED_CLIENT_ID, redirectUris: [], allowListedUserIds: [] });
    expect((await getMe(sim, extended)).status).toBe(403);

    expect(sim.requests.count({ path: '/v1/me' })).toBe(9);
    expect(sim.contractViolations).toEqual([]);
  });

  it('records a response that breaks the contract', async () => {
    sim = await startSimulator({ contract });
    sim.injectFault({ path: '/v1/me', status: 200, body: '{"id":42,"images":"none"}' });
    await getMe(sim);
    expect(sim.contractViolations).toEqual([
      {
        method: 'GET',
        path: '/v1/me',
        status: 200,
        problems: ['/id must be string', '/images must be array'],
      },
    ]);
  });

  it('holds statuses openapi.yml leaves out to docs/SPOTIFY.md: error bodies, 204, 200 text commands', async () => {
    sim = await startSimulator({ contract });
    const scope = 'user-modify-playback-state user-read-currently-playing';
    const access = String((await signIn(sim, pkceParams({ scope })))['access_token']);
    const auth = { authorization: `Bearer ${access}` };
    const put = (path: string) => fetch(`${sim.apiUrl}${path}`, { method: 'PUT', headers: auth });
    sim.player.deactivate();
    expect((await put('/me/player/pause')).status).toBe(404); // NO_ACTIVE_DEVICE
    expect((await fetch(`${sim.apiUrl}/me/player/currently-playing`, { headers: auth })).status).toBe(204);
    sim.player.externalTransfer(sim.player.devices()[0]?.id ?? '');
    sim.setCommandResponseStyle('200-text');
    expect((await put('/me/player/pause')).status).toBe(200);
    expect((await put('/me/player/seek')).status).toBe(400);
    expect(sim.contractViolations).toEqual([]);

    // The same statuses with wrong bodies are violations (checked directly: handlers cannot be broken).
    const check = (method: string, path: string, status: number, body: string, type = json) =>
      deviationProblems(contract, method, path, { status, headers: { 'content-type': type }, body });
    expect(check('PUT', '/v1/me/player/pause', 404, '{"message":"x"}')).toEqual([
      "(body) must have required property 'error'",
    ]);
    expect(check('PUT', '/v1/me/player/pause', 400, '{"status":400,"message":"bare is fine"}')).toEqual([]);
    expect(check('PUT', '/v1/me/player/pause', 404, '{"status":404,"message":"bare is not"}')).toEqual([
      "(body) must have required property 'error'",
    ]);
    expect(check('PUT', '/v1/me/player/pause', 404, 'nope')).toEqual(['error body is not valid JSON']);
    expect(check('GET', '/v1/me/player/currently-playing', 204, 'x')).toEqual([
      'a 204 response must have no body',
    ]);
    expect(check('PUT', '/v1/me/player/pause', 200, '{}')).toEqual([
      'a command\'s 200 body should be text/plain, got "application/json"',
    ]);
    expect(check('PUT', '/v1/me/player/pause', 200, 'Command sent', 'text/plain')).toEqual([]);
    expect(check('GET', '/v1/me/player/devices', 418, '')).toBeUndefined();
    expect(check('GET', '/v1/me/player', 200, '')).toBeUndefined();
  });

  it('records nothing without a contract', async () => {
    sim = await startSimulator();
    sim.injectFault({ path: '/v1/me', status: 200, body: '{"id":42}' });
    await getMe(sim);
    expect(sim.contractViolations).toEqual([]);
  });
});

const image = { url: 'https://i.scdn.co/image/x', height: 64, width: 64 };
const track = {
  type: 'track',
  id: '4iV5W9uYEdYUVa79Axb7Rh',
  uri: 'spotify:track:4iV5W9uYEdYUVa79Axb7Rh',
  name: 'A track',
  duration_ms: 200_000,
  explicit: false,
  artists: [
    { type: 'artist', id: 'a', name: 'Artist', uri: 'spotify:artist:a', href: 'x', external_urls: {} },
  ],
};
const episode = {
  type: 'episode',
  id: '512ojhOuo1ktJprKbVcKyQ',
  uri: 'spotify:episode:512ojhOuo1ktJprKbVcKyQ',
  name: 'An episode',
  audio_preview_url: null,
  description: 'd',
  html_description: '<p>d</p>',
  duration_ms: 1_000_000,
  explicit: false,
  external_urls: { spotify: 'https://open.spotify.com/episode/512ojhOuo1ktJprKbVcKyQ' },
  href: 'https://api.spotify.com/v1/episodes/512ojhOuo1ktJprKbVcKyQ',
  images: [image],
  is_externally_hosted: false,
  is_playable: true,
  languages: ['en'],
  release_date: '2026-01-01',
  release_date_precision: 'day',
  show: {
    type: 'show',
    id: '38bS44xjbVVZ3No3ByF1dJ',
    uri: 'spotify:show:38bS44xjbVVZ3No3ByF1dJ',
    name: 'A show',
    available_markets: ['SE'],
    copyrights: [],
    description: 'd',
    html_description: '<p>d</p>',
    explicit: false,
    external_urls: {},
    href: 'https://api.spotify.com/v1/shows/38bS44xjbVVZ3No3ByF1dJ',
    images: [image],
    is_externally_hosted: false,
    languages: ['en'],
    media_type: 'audio',
    publisher: 'P',
    total_episodes: 1,
  },
};
