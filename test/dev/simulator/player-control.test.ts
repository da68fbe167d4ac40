import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEED_USER_ID, realTimeClock, startSimulator, type Simulator } from '../../../dev/simulator/index.ts';
import { loadOpenApiContract, type OpenApiContract } from '../../../dev/simulator/openapi-contract.ts';
import { call, userToken, type PlaybackBody } from './helpers.ts';

let contract: OpenApiContract;
let sim: Simulator;
beforeAll(async () => {
  contract = await loadOpenApiContract();
});
beforeEach(async () => {
  sim = await startSimulator({ contract });
});
afterEach(async () => {
  expect(sim.contractViolations).toEqual([]);
  await sim.close();
});

const tracks = (): string[] => sim.player.catalogue().map((t) => t.uri);
const duration = (uri: string): number => sim.player.catalogue().find((t) => t.uri === uri)?.durationMs ?? 0;
const deviceNamed = (name: string): string => sim.player.devices().find((d) => d.name === name)?.id ?? '';

describe('the seeded library', () => {
  it('has ~50 catalogue tracks of 2–5 minutes, 30 liked songs and 3 playlists', () => {
    const catalogue = sim.player.catalogue();
    expect(catalogue.length).toBe(50);
    expect(new Set(catalogue.map((t) => t.uri)).size).toBe(50);
    for (const track of catalogue) {
      expect(track.uri).toMatch(/^spotify:track:[0-9A-Za-z]{22}$/);
      expect(track.durationMs).toBeGreaterThanOrEqual(120_000);
      expect(track.durationMs).toBeLessThanOrEqual(300_000);
      expect(track.name).not.toBe('');
    }
    expect(sim.player.likedUris().length).toBe(30);
    expect(new Set(sim.player.likedUris()).size).toBe(30);
    expect(sim.player.playlists().map((p) => [p.name, p.itemUris.length])).toEqual([
      ['Morning Commute', 12],
      ['Kitchen Disco', 10],
      ['Road Trip (shared)', 15],
    ]);
  });

  it('progresses on wall time with realTimeClock (the standalone --real-time mode)', async () => {
    const live = await startSimulator({ clock: realTimeClock() });
    try {
      live.player.externalPlay();
      const before = live.player.snapshot().progressMs;
      live.clock.advance(60_000);
      expect(live.player.snapshot().progressMs).toBeGreaterThanOrEqual(before + 60_000);
      live.clock.set(0);
      expect(live.clock.now()).toBeLessThan(60_000);
    } finally {
      await live.close();
    }
  });

  it('is the same on every start', async () => {
    const other = await startSimulator();
    try {
      expect(other.player.catalogue()).toEqual(sim.player.catalogue());
      expect(other.player.likedUris()).toEqual(sim.player.likedUris());
      expect(other.player.playlists()).toEqual(sim.player.playlists());
      expect(other.player.devices()).toEqual(sim.player.devices());
    } finally {
      await other.close();
    }
  });
});

describe('external controls (another device), never logged', () => {
  it('plays, pauses, resumes, skips, seeks and transfers', () => {
    const [a, b, c] = tracks() as [string, string, string];
    const phone = deviceNamed('Pixel Phone');
    sim.player.externalPlay({ uris: [a, b, c], deviceId: phone, positionMs: 10_000 });
    expect(sim.player.snapshot()).toMatchObject({
      deviceId: phone,
      itemUri: a,
      isPlaying: true,
      progressMs: 10_000,
      contextUri: null,
      queue: [b, c],
    });
    sim.clock.advance(5_000);
    sim.player.externalPause();
    expect(sim.player.snapshot()).toMatchObject({ isPlaying: false, progressMs: 15_000 });
    sim.player.externalResume();
    sim.player.externalSkip();
    expect(sim.player.snapshot()).toMatchObject({ itemUri: b, progressMs: 0, isPlaying: true });
    sim.player.externalSeek(90_000);
    expect(sim.player.snapshot().progressMs).toBe(90_000);
    const speaker = deviceNamed('Kitchen Speaker');
    sim.player.externalTransfer(speaker, false);
    expect(sim.player.snapshot()).toMatchObject({ deviceId: speaker, isPlaying: false, progressMs: 90_000 });
    sim.player.externalTransfer(deviceNamed('Traytune Desktop'), true);
    expect(sim.player.snapshot()).toMatchObject({ isPlaying: true, volumePercent: 65 });
    sim.player.externalShuffle(true);
    sim.player.externalRepeat('context');
    sim.player.externalQueue(a);
    sim.player.externalVolume(12);
    expect(sim.player.snapshot()).toMatchObject({
      shuffle: true,
      repeat: 'context',
      userQueue: [a],
      volumePercent: 12,
    });
    expect(sim.requests.count()).toBe(0);
  });

  it('plays a context, or resumes what is loaded when given nothing', () => {
    const playlist = sim.player.playlists()[2];
    sim.player.externalPlay({ contextUri: `spotify:playlist:${playlist?.id}` });
    expect(sim.player.snapshot()).toMatchObject({ itemUri: playlist?.itemUris[0], isPlaying: true });
    sim.player.externalPause();
    sim.player.externalPlay();
    expect(sim.player.snapshot().isPlaying).toBe(true);
  });

  it('skips past the end of the context by stopping, as the phone would', () => {
    const [a] = tracks() as [string];
    sim.player.externalPlay({ uris: [a] });
    sim.clock.advance(3_000);
    sim.player.externalSkip();
    expect(sim.player.snapshot()).toMatchObject({ itemUri: a, isPlaying: false, progressMs: 0 });
    expect(sim.player.history()[0]).toMatchObject({ uri: a, playedAt: sim.clock.now(), contextUri: null });
  });

  it('is seen by the next poll: the app learns of changes only by polling', async () => {
    const token = await userToken(sim);
    sim.player.externalPlay({ uris: [tracks()[7] as string] });
    sim.clock.advance(2_500);
    const state = (await call(sim, token, 'GET', '/me/player')).body as PlaybackBody;
    expect(state).toMatchObject({ is_playing: true, progress_ms: 2_500, item: { uri: tracks()[7] } });
    expect(sim.requests.count({ path: '/v1/me/player' })).toBe(1);
  });

  it('deactivates: GET /me/player answers 204 until a device plays again', async () => {
    const token = await userToken(sim);
    sim.player.deactivate();
    expect(sim.player.snapshot()).toMatchObject({ deviceId: null, isPlaying: false, volumePercent: null });
    expect((await call(sim, token, 'GET', '/me/player')).status).toBe(204);
    expect(() => sim.player.externalPause()).toThrow(/no active device/);
    sim.player.externalTransfer(deviceNamed('Pixel Phone'));
    expect((await call(sim, token, 'GET', '/me/player')).status).toBe(200);
  });

  it('replaces the device list', async () => {
    const token = await userToken(sim);
    sim.player.setDevices([
      { id: 'tv', name: 'Living Room TV', type: 'TV', volumePercent: 20, isActive: true },
      { id: 'car', name: 'Car', type: 'Automobile', isRestricted: true, supportsVolume: false },
    ]);
    expect(sim.player.snapshot()).toMatchObject({ deviceId: 'tv', volumePercent: 20 });
    const devices = (await call(sim, token, 'GET', '/me/player/devices')).body;
    expect(devices).toEqual({
      devices: [
        {
          id: 'tv',
          is_active: true,
          is_private_session: false,
          is_restricted: false,
          name: 'Living Room TV',
          supports_volume: true,
          type: 'TV',
          volume_percent: 20,
        },
        {
          id: 'car',
          is_active: false,
          is_private_session: false,
          is_restricted: true,
          name: 'Car',
          supports_volume: false,
          type: 'Automobile',
          volume_percent: null,
        },
      ],
    });
    // The active device vanishing leaves none active.
    sim.player.setDevices([{ id: 'car', name: 'Car', type: 'Automobile' }]);
    expect(sim.player.snapshot().deviceId).toBeNull();
    expect(() =>
      sim.player.setDevices([
        { id: 'x', name: 'X', type: 'TV' },
        { id: 'x', name: 'Y', type: 'TV' },
      ]),
    ).toThrow(/unique/);
  });

  it('throws on nonsense', () => {
    expect(() => sim.player.externalTransfer('nope')).toThrow(/unknown device/);
    expect(() => sim.player.externalPlay({ uris: ['spotify:track:nope'] })).toThrow(/not in the catalogue/);
    expect(() => sim.player.externalPlay({ contextUri: 'spotify:album:x' })).toThrow(/Context not found/);
    expect(() => sim.player.externalSeek(-1)).toThrow(/positionMs/);
    expect(() => sim.player.externalVolume(101)).toThrow(/volume/);
    expect(() => sim.playerFor('nobody').snapshot()).toThrow(/unknown user/);
  });

  it('reaches other users through playerFor', () => {
    sim.addUser({ id: 'amy' });
    const amy = sim.playerFor('amy');
    amy.externalPlay({ uris: [tracks()[3] as string] });
    expect(amy.snapshot().itemUri).toBe(tracks()[3]);
    expect(sim.player.snapshot().isPlaying).toBe(false);
    expect(sim.playerFor(SEED_USER_ID).snapshot()).toEqual(sim.player.snapshot());
    expect(amy.playlists().map((p) => p.id)).not.toEqual(sim.player.playlists().map((p) => p.id));
  });
});

describe('request log counting', () => {
  it('counts each Web API call by method and path, with its status', async () => {
    const token = await userToken(sim);
    sim.requests.reset();
    const [a] = tracks() as [string];
    await call(sim, token, 'GET', '/me/player');
    await call(sim, token, 'PUT', '/me/player/play');
    await call(sim, token, 'GET', '/me/player');
    await call(sim, token, 'POST', `/me/player/queue?uri=${a}`);
    await call(sim, token, 'PUT', '/me/player/volume?volume_percent=500');
    await call(sim, token, 'GET', '/me/tracks?limit=5');
    sim.player.externalSkip();
    expect(sim.requests.count()).toBe(6);
    expect(sim.requests.count({ path: '/v1/me/player' })).toBe(2);
    expect(sim.requests.count({ method: 'PUT' })).toBe(2);
    expect(sim.requests.entries.map((e) => [e.method, e.path, e.status])).toEqual([
      ['GET', '/v1/me/player', 200],
      ['PUT', '/v1/me/player/play', 204],
      ['GET', '/v1/me/player', 200],
      ['POST', '/v1/me/player/queue', 204],
      ['PUT', '/v1/me/player/volume', 400],
      ['GET', '/v1/me/tracks', 200],
    ]);
    expect(sim.requests.entries[3]?.query).toEqual({ uri: a });
  });

  it('logs injected faults on the new routes too', async () => {
    const token = await userToken(sim);
    sim.requests.reset();
    sim.injectFault({ path: '/v1/me/player/next', status: 429, retryAfter: 2 });
    expect((await call(sim, token, 'POST', '/me/player/next')).status).toBe(429);
    expect((await call(sim, token, 'POST', '/me/player/next')).status).toBe(204);
    expect(sim.requests.count({ path: '/v1/me/player/next' })).toBe(2);
  });
});

describe('player controls over HTTP (/__sim/player…)', () => {
  const control = async (path: string, body?: unknown): Promise<{ status: number; body: unknown }> => {
    const res = await fetch(`${sim.url}/__sim${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: await res.json() };
  };

  it('reads the snapshot, devices, catalogue, liked songs, playlists and history', async () => {
    expect((await control('/player')).body).toEqual(sim.player.snapshot());
    expect((await control('/player/devices')).body).toEqual({ devices: sim.player.devices() });
    expect((await control('/player/catalogue')).body).toEqual({ tracks: sim.player.catalogue() });
    expect((await control('/player/liked')).body).toEqual({ uris: sim.player.likedUris() });
    expect((await control('/player/playlists')).body).toEqual({ playlists: sim.player.playlists() });
    expect((await control('/player/history')).body).toEqual({ items: sim.player.history() });
    const index = (await control('')).body as { endpoints: string[] };
    expect(index.endpoints).toContain('POST /__sim/player/skip {userId?}');
  });

  it('drives the player like the programmatic API, without logging', async () => {
    const [a, b] = tracks() as [string, string];
    const phone = deviceNamed('Pixel Phone');
    expect(await control('/player/play', { uris: [a, b], deviceId: phone })).toEqual({
      status: 200,
      body: { ok: true },
    });
    await control('/player/seek', { positionMs: 1000 });
    await control('/player/pause', {});
    expect(sim.player.snapshot()).toMatchObject({
      deviceId: phone,
      itemUri: a,
      isPlaying: false,
      progressMs: 1000,
    });
    await control('/player/resume', {});
    await control('/player/skip', {});
    await control('/player/shuffle', { state: true });
    await control('/player/repeat', { state: 'track' });
    await control('/player/queue', { uri: a });
    await control('/player/transfer', { deviceId: deviceNamed('Kitchen Speaker'), play: true });
    await control('/player/volume', { percent: 33 });
    expect(sim.player.snapshot()).toMatchObject({
      itemUri: b,
      isPlaying: true,
      shuffle: true,
      repeat: 'track',
      userQueue: [a],
      volumePercent: 33,
    });
    await control('/player/devices', {
      devices: [{ id: 'solo', name: 'Solo', type: 'Speaker', isActive: true }],
    });
    expect(sim.player.snapshot().deviceId).toBe('solo');
    await control('/player/deactivate', {});
    expect(sim.player.snapshot().deviceId).toBeNull();
    expect(sim.requests.count()).toBe(0);
  });

  it('sets Premium and the command and redundant-command styles', async () => {
    const token = await userToken(sim);
    await control('/premium', { userId: SEED_USER_ID, premium: false });
    expect((await call(sim, token, 'PUT', '/me/player/play')).status).toBe(403);
    await control('/premium', { userId: SEED_USER_ID, premium: true });
    await control('/command-style', { style: '200-text' });
    expect((await call(sim, token, 'PUT', '/me/player/play')).status).toBe(200);
    await control('/command-style', { style: '204' });
    await control('/redundant-style', { style: 'reason' });
    expect((await call(sim, token, 'PUT', '/me/player/play')).body).toMatchObject({
      error: { reason: 'NOT_PAUSED' },
    });
    expect((await control('/command-style', { style: 'json' })).status).toBe(400);
  });

  it('answers 400 with the reason for bad control calls; targets other users by userId', async () => {
    expect(await control('/player/transfer', { deviceId: 'nope' })).toEqual({
      status: 400,
      body: { error: 'unknown device "nope"' },
    });
    expect((await control('/player/seek', { positionMs: 'soon' })).status).toBe(400);
    expect((await control('/player/devices', { devices: 'none' })).status).toBe(400);
    sim.addUser({ id: 'amy' });
    await control('/player/play', { userId: 'amy', uris: [tracks()[2]] });
    expect(sim.playerFor('amy').snapshot().itemUri).toBe(tracks()[2]);
    expect(((await control('/player?user=amy')).body as { itemUri: string }).itemUri).toBe(tracks()[2]);
    expect(duration(tracks()[2] ?? '')).toBeGreaterThan(0);
  });
});
