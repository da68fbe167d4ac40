import { describe, expect, it } from 'vitest';
import { SEED_USER_ID } from '../../../dev/simulator/index.ts';
import {
  apiError,
  call,
  simulatorPerTest,
  userToken,
  type PageBody,
  type PlaybackBody,
  type TrackBody,
} from './helpers.ts';

const ctx = simulatorPerTest();
const { api, ok, playback } = ctx;

const duration = (uri: string): number => {
  const track = ctx.sim.player.catalogue().find((t) => t.uri === uri);
  if (!track) throw new Error(`no ${uri}`);
  return track.durationMs;
};
const tracks = (): string[] => ctx.sim.player.catalogue().map((t) => t.uri);
const morningCommute = () => {
  const playlist = ctx.sim.player.playlists()[0];
  if (!playlist) throw new Error('no playlist');
  return playlist;
};

const COMMANDS: [string, string][] = [
  ['PUT', '/me/player/play'],
  ['PUT', '/me/player/pause'],
  ['POST', '/me/player/next'],
  ['POST', '/me/player/previous'],
  ['PUT', '/me/player/seek?position_ms=1000'],
  ['PUT', '/me/player/volume?volume_percent=50'],
  ['PUT', '/me/player/shuffle?state=true'],
  ['PUT', '/me/player/repeat?state=context'],
  ['POST', `/me/player/queue?uri=spotify:track:${'x'.repeat(22)}`],
];

describe('the seeded player', () => {
  it('has "Traytune Desktop" active with the first playlist’s first track paused at 0', async () => {
    const state = await playback();
    const playlist = morningCommute();
    expect(playlist.name).toBe('Morning Commute');
    expect(state).toMatchObject({
      device: { name: 'Traytune Desktop', is_active: true, volume_percent: 65 },
      is_playing: false,
      progress_ms: 0,
      shuffle_state: false,
      repeat_state: 'off',
      currently_playing_type: 'track',
      context: { type: 'playlist', uri: `spotify:playlist:${playlist.id}` },
      item: { uri: playlist.itemUris[0], type: 'track' },
      actions: { disallows: { pausing: true, skipping_prev: true } },
    });
    expect(state.item.album.images[0]?.url).toMatch(/^https:\/\/i\.scdn\.co\/image\/ab67616d0000b273/);
    expect(ctx.sim.player.snapshot()).toEqual({
      deviceId: state.device.id,
      isPlaying: false,
      itemUri: playlist.itemUris[0],
      progressMs: 0,
      volumePercent: 65,
      shuffle: false,
      repeat: 'off',
      queue: playlist.itemUris.slice(1),
      userQueue: [],
      contextUri: `spotify:playlist:${playlist.id}`,
      timestamp: state.timestamp,
    });
  });

  it('lists three devices, one active; the phone refuses remote volume', async () => {
    const answer = await api('GET', '/me/player/devices');
    expect(answer.status).toBe(200);
    const { devices } = answer.body as { devices: Record<string, unknown>[] };
    expect(devices.map((d) => [d['name'], d['type'], d['is_active'], d['supports_volume']])).toEqual([
      ['Traytune Desktop', 'Computer', true, true],
      ['Pixel Phone', 'Smartphone', false, false],
      ['Kitchen Speaker', 'Speaker', false, true],
    ]);
    for (const device of devices) expect(device['id']).toMatch(/^[0-9a-f]{40}$/);
  });

  it('answers currently-playing with the same item and no device fields', async () => {
    const answer = await api('GET', '/me/player/currently-playing');
    expect(answer.status).toBe(200);
    const body = answer.body as Record<string, unknown>;
    expect(body).toMatchObject({
      is_playing: false,
      progress_ms: 0,
      item: { uri: morningCommute().itemUris[0] },
    });
    expect(body).not.toHaveProperty('device');
    expect(body).not.toHaveProperty('shuffle_state');
  });
});

describe('progress on the simulator clock', () => {
  it('advances while playing, freezes while paused; timestamp is the last change', async () => {
    const started = ctx.sim.clock.now();
    await ok('PUT', '/me/player/play');
    ctx.sim.clock.advance(42_000);
    expect(await playback()).toMatchObject({ is_playing: true, progress_ms: 42_000, timestamp: started });
    await ok('PUT', '/me/player/pause');
    const paused = ctx.sim.clock.now();
    ctx.sim.clock.advance(60_000);
    expect(await playback()).toMatchObject({ is_playing: false, progress_ms: 42_000, timestamp: paused });
    await ok('PUT', '/me/player/play');
    ctx.sim.clock.advance(1_000);
    expect(ctx.sim.player.snapshot()).toMatchObject({ isPlaying: true, progressMs: 43_000 });
  });

  it('moves to the next item at the end of a track and records the finished one', async () => {
    const [first, second, third, fourth] = morningCommute().itemUris as [string, string, string, string];
    const started = ctx.sim.clock.now();
    await ok('PUT', '/me/player/play');
    ctx.sim.clock.advance(duration(first) + 5_000);
    const state = await playback();
    expect(state).toMatchObject({ item: { uri: second }, progress_ms: 5_000, is_playing: true });
    expect(state.timestamp).toBe(started + duration(first));
    const recent = await api('GET', '/me/player/recently-played?limit=1');
    expect(recent.body).toMatchObject({
      items: [{ track: { uri: first }, played_at: new Date(started + duration(first)).toISOString() }],
    });
    // Several track ends in one jump.
    ctx.sim.clock.advance(duration(second) - 5_000 + duration(third) + 1_234);
    expect(ctx.sim.player.snapshot()).toMatchObject({ itemUri: fourth, progressMs: 1_234 });
  });

  it('stops at the end of the context with repeat off: first item, paused at 0', async () => {
    const [a, b] = tracks() as [string, string];
    await ok('PUT', '/me/player/play', { uris: [a, b] });
    ctx.sim.clock.advance(duration(a) + duration(b) + 10_000);
    expect(ctx.sim.player.snapshot()).toMatchObject({ itemUri: a, isPlaying: false, progressMs: 0 });
    expect((await playback()).context).toBeUndefined();
    expect(
      ctx.sim.player
        .history()
        .slice(0, 2)
        .map((h) => h.uri),
    ).toEqual([b, a]);
  });

  it('replays the track with repeat track and wraps the context with repeat context', async () => {
    const [a, b] = tracks() as [string, string];
    await ok('PUT', '/me/player/play', { uris: [a, b] });
    await ok('PUT', '/me/player/repeat?state=track');
    ctx.sim.clock.advance(2 * duration(a) + 1_000);
    expect(ctx.sim.player.snapshot()).toMatchObject({ itemUri: a, progressMs: 1_000, repeat: 'track' });
    expect(
      ctx.sim.player
        .history()
        .slice(0, 2)
        .map((h) => h.uri),
    ).toEqual([a, a]);

    await ok('PUT', '/me/player/repeat?state=context');
    ctx.sim.clock.advance(duration(a) - 1_000 + duration(b) + 2_000);
    expect(ctx.sim.player.snapshot()).toMatchObject({ itemUri: a, progressMs: 2_000, isPlaying: true });
    expect((await playback()).repeat_state).toBe('context');
  });

  it('starts past the end of a track at the next item (position_ms, seek)', async () => {
    const [a, b, c] = tracks() as [string, string, string];
    await ok('PUT', '/me/player/play', { uris: [a, b, c], position_ms: duration(a) + 10 });
    expect(ctx.sim.player.snapshot()).toMatchObject({ itemUri: b, progressMs: 0 });
    await ok('PUT', '/me/player/pause');
    await ok('PUT', `/me/player/seek?position_ms=${duration(b) + 1}`);
    expect(ctx.sim.player.snapshot()).toMatchObject({ itemUri: c, progressMs: 0, isPlaying: false });
  });
});

describe('queue, next and previous', () => {
  it('plays user-queued items first, then continues the context', async () => {
    const items = morningCommute().itemUris;
    const queued = tracks().at(-1) as string;
    await ok('PUT', '/me/player/play');
    await ok('POST', `/me/player/queue?uri=${queued}`);
    const queue = await api('GET', '/me/player/queue');
    expect(queue.status).toBe(200);
    const body = queue.body as { currently_playing: TrackBody; queue: TrackBody[] };
    expect(body.currently_playing.uri).toBe(items[0]);
    expect(body.queue.map((t) => t.uri)).toEqual([queued, ...items.slice(1)]);
    expect(ctx.sim.player.snapshot().userQueue).toEqual([queued]);

    await ok('POST', '/me/player/next');
    expect(ctx.sim.player.snapshot()).toMatchObject({ itemUri: queued, userQueue: [] });
    ctx.sim.clock.advance(duration(queued));
    expect(ctx.sim.player.snapshot()).toMatchObject({ itemUri: items[1], progressMs: 0 });
    await ok('POST', '/me/player/previous');
    expect(ctx.sim.player.snapshot().itemUri).toBe(items[0]);
  });

  it('refuses previous at the start and next at the end: NO_PREV_TRACK, NO_NEXT_TRACK', async () => {
    const [a, b] = tracks() as [string, string];
    expect(await api('POST', '/me/player/previous')).toMatchObject(
      apiError(403, 'Player command failed: No previous track', 'NO_PREV_TRACK'),
    );
    await ok('PUT', '/me/player/play', { uris: [a, b] });
    await ok('POST', '/me/player/next');
    expect(await api('POST', '/me/player/next')).toMatchObject(
      apiError(403, 'Player command failed: No next track', 'NO_NEXT_TRACK'),
    );
    expect((await playback()).actions.disallows).toEqual({ resuming: true, skipping_next: true });
    // Repeat context wraps both ways.
    await ok('PUT', '/me/player/repeat?state=context');
    await ok('POST', '/me/player/next');
    expect(ctx.sim.player.snapshot().itemUri).toBe(a);
    await ok('POST', '/me/player/previous');
    expect(ctx.sim.player.snapshot().itemUri).toBe(b);
  });

  it('records skipped tracks that played in the history, newest first', async () => {
    const items = morningCommute().itemUris;
    await ok('PUT', '/me/player/play');
    ctx.sim.clock.advance(20_000);
    const skippedAt = ctx.sim.clock.now();
    await ok('POST', '/me/player/next');
    ctx.sim.clock.advance(1_000);
    await ok('POST', '/me/player/next');
    const recent = (await api('GET', '/me/player/recently-played?limit=2')).body as {
      items: { track: TrackBody; played_at: string; context?: { uri: string } }[];
    };
    expect(recent.items.map((i) => i.track.uri)).toEqual([items[1], items[0]]);
    expect(recent.items[1]?.played_at).toBe(new Date(skippedAt).toISOString());
    expect(recent.items[1]?.context?.uri).toBe(`spotify:playlist:${morningCommute().id}`);
  });

  it('shuffles: every item once, the offset item first, then NO_NEXT_TRACK', async () => {
    const first = (await playback()).item;
    const albumOrder = tracks().slice(0, 8); // the catalogue's first album, "Harbour Lights"
    expect(first.uri).toBe(albumOrder[0]);
    await ok('PUT', '/me/player/shuffle?state=true');
    await ok('PUT', '/me/player/play', { context_uri: first.album.uri, offset: { position: 0 } });
    const played = [ctx.sim.player.snapshot().itemUri];
    for (;;) {
      const next = await api('POST', '/me/player/next');
      if (next.status !== 204) {
        expect(next.body).toMatchObject({ error: { reason: 'NO_NEXT_TRACK' } });
        break;
      }
      played.push(ctx.sim.player.snapshot().itemUri);
    }
    expect(played[0]).toBe(first.uri);
    expect([...played].sort()).toEqual([...albumOrder].sort());
    expect(played).not.toEqual(albumOrder);
  });

  it('keeps the rest of the context in order after shuffle is turned off', async () => {
    const [a, b, c, d, e] = tracks() as [string, string, string, string, string];
    await ok('PUT', '/me/player/play', { uris: [a, b, c, d, e], offset: { uri: c } });
    await ok('PUT', '/me/player/shuffle?state=true');
    expect([...ctx.sim.player.snapshot().queue].sort()).toEqual([a, b, d, e].sort());
    await ok('PUT', '/me/player/shuffle?state=false');
    expect(ctx.sim.player.snapshot()).toMatchObject({ itemUri: c, queue: [d, e] });
  });
});

describe('play', () => {
  it('plays a context from an offset (position or uri) at position_ms', async () => {
    const playlist = ctx.sim.player.playlists()[1];
    if (!playlist) throw new Error('no playlist');
    await ok('PUT', '/me/player/play', {
      context_uri: `spotify:playlist:${playlist.id}`,
      offset: { position: 2 },
      position_ms: 30_000,
    });
    expect(ctx.sim.player.snapshot()).toMatchObject({
      itemUri: playlist.itemUris[2],
      progressMs: 30_000,
      isPlaying: true,
      contextUri: `spotify:playlist:${playlist.id}`,
    });
    await ok('PUT', '/me/player/play', {
      context_uri: `spotify:playlist:${playlist.id}`,
      offset: { uri: playlist.itemUris[4] },
    });
    expect(ctx.sim.player.snapshot()).toMatchObject({ itemUri: playlist.itemUris[4], progressMs: 0 });
  });

  it('plays an artist context, most popular tracks first', async () => {
    const item = (await playback()).item;
    const artist = ((await api('GET', `/tracks/${item.id}`)).body as { artists: { uri: string }[] })
      .artists[0];
    await ok('PUT', '/me/player/play', { context_uri: artist?.uri });
    expect((await playback()).context).toMatchObject({ type: 'artist', uri: artist?.uri });
  });

  it('rejects bad bodies with 400 and unknown items with 404', async () => {
    const unknownTrack = `spotify:track:${'Z'.repeat(22)}`;
    const cases: [unknown, number, string][] = [
      ['{not json', 400, 'Malformed json'],
      ['[1]', 400, 'Malformed json'],
      [{ context_uri: 'spotify:album:x', uris: [] }, 400, 'Only one of context_uri and uris may be given'],
      [{ context_uri: 'spotify:track:' + 'a'.repeat(22) }, 400, 'Invalid context uri'],
      [{ context_uri: 42 }, 400, 'Invalid context uri'],
      [{ uris: [] }, 400, 'Invalid uris'],
      [{ uris: ['spotify:track:nope'] }, 400, 'Invalid track uri: spotify:track:nope'],
      [{ uris: [unknownTrack] }, 404, `Track not found: ${unknownTrack}`],
      [{ context_uri: `spotify:album:${'Q'.repeat(22)}` }, 404, 'Context not found'],
      [{ uris: [tracks()[0]], offset: { position: 5 } }, 404, 'Offset out of range'],
      [{ uris: [tracks()[0]], offset: { uri: tracks()[1] } }, 404, 'Offset uri not found in context'],
      [{ uris: [tracks()[0]], offset: { position: -1 } }, 400, 'Invalid offset'],
      [{ uris: [tracks()[0]], offset: 'first' }, 400, 'Invalid offset'],
      [{ uris: [tracks()[0]], position_ms: -5 }, 400, 'Invalid position_ms'],
      [{ uris: [tracks()[0]], position_ms: 1.5 }, 400, 'Invalid position_ms'],
    ];
    for (const [body, status, message] of cases) {
      expect(await api('PUT', '/me/player/play', body), JSON.stringify(body)).toMatchObject(
        apiError(status, message),
      );
    }
    expect(ctx.sim.player.snapshot().isPlaying).toBe(false);
  });

  it('treats an empty JSON object as resume', async () => {
    await ok('PUT', '/me/player/play', {});
    expect(ctx.sim.player.snapshot()).toMatchObject({
      isPlaying: true,
      itemUri: morningCommute().itemUris[0],
    });
  });
});

describe('redundant pause and resume', () => {
  it('succeed by default', async () => {
    await ok('PUT', '/me/player/pause');
    await ok('PUT', '/me/player/play');
    await ok('PUT', '/me/player/play');
  });

  it('answer ALREADY_PAUSED / NOT_PAUSED in the "reason" style', async () => {
    ctx.sim.setRedundantCommandStyle('reason');
    expect(await api('PUT', '/me/player/pause')).toMatchObject(
      apiError(403, 'Player command failed: Already paused', 'ALREADY_PAUSED'),
    );
    await ok('PUT', '/me/player/play');
    expect(await api('PUT', '/me/player/play')).toMatchObject(
      apiError(403, 'Player command failed: Not paused', 'NOT_PAUSED'),
    );
    // A resume with a position is a seek, never redundant.
    await ok('PUT', '/me/player/play', { position_ms: 1000 });
  });

  it('answer "Restriction violated" (UNKNOWN) in the "restriction-violated" style', async () => {
    ctx.sim.setRedundantCommandStyle('restriction-violated');
    expect(await api('PUT', '/me/player/pause')).toMatchObject(
      apiError(403, 'Player command failed: Restriction violated', 'UNKNOWN'),
    );
    expect(() => ctx.sim.setRedundantCommandStyle('loud' as 'reason')).toThrow(/style must be/);
  });
});

describe('seek, volume, shuffle, repeat parameters', () => {
  it('seeks and validates position_ms', async () => {
    await ok('PUT', '/me/player/seek?position_ms=60000');
    expect(ctx.sim.player.snapshot().progressMs).toBe(60_000);
    for (const query of ['', '?position_ms=-1', '?position_ms=abc', '?position_ms=1.5']) {
      expect((await api('PUT', `/me/player/seek${query}`)).status, query).toBe(400);
    }
    expect(await api('PUT', '/me/player/seek')).toMatchObject(
      apiError(400, 'Missing required parameter: position_ms'),
    );
  });

  it('sets volume 0..100 on the active or a named device', async () => {
    await ok('PUT', '/me/player/volume?volume_percent=30');
    expect(ctx.sim.player.snapshot().volumePercent).toBe(30);
    await ok('PUT', '/me/player/volume?volume_percent=0');
    await ok('PUT', '/me/player/volume?volume_percent=100');
    for (const value of ['101', '-1', 'loud', '']) {
      expect(await api('PUT', `/me/player/volume?volume_percent=${value}`), value).toMatchObject({
        status: 400,
      });
    }
    expect(ctx.sim.player.snapshot().volumePercent).toBe(100);
  });

  it('refuses volume on a device without volume control: VOLUME_CONTROL_DISALLOW', async () => {
    const phone = ctx.sim.player.devices().find((d) => d.name === 'Pixel Phone');
    expect(await api('PUT', `/me/player/volume?volume_percent=50&device_id=${phone?.id}`)).toMatchObject(
      apiError(403, 'Player command failed: Cannot control device volume', 'VOLUME_CONTROL_DISALLOW'),
    );
    // A refused command does not move playback to the named device.
    expect(ctx.sim.player.snapshot().deviceId).not.toBe(phone?.id);
  });

  it('validates shuffle and repeat states', async () => {
    expect(await api('PUT', '/me/player/shuffle?state=yes')).toMatchObject(
      apiError(400, 'State must be true or false'),
    );
    expect(await api('PUT', '/me/player/repeat?state=all')).toMatchObject(
      apiError(400, 'State must be one of track, context or off'),
    );
    await ok('PUT', '/me/player/shuffle?state=true');
    await ok('PUT', '/me/player/repeat?state=track');
    expect(await playback()).toMatchObject({ shuffle_state: true, repeat_state: 'track' });
    await ok('PUT', '/me/player/repeat?state=off');
    expect(ctx.sim.player.snapshot().repeat).toBe('off');
  });

  it('queues only catalogue tracks', async () => {
    expect(await api('POST', '/me/player/queue')).toMatchObject(
      apiError(400, 'Missing required parameter: uri'),
    );
    expect(await api('POST', '/me/player/queue?uri=spotify:album:' + 'a'.repeat(22))).toMatchObject({
      status: 400,
    });
    expect(await api('POST', `/me/player/queue?uri=spotify:track:${'Z'.repeat(22)}`)).toMatchObject({
      status: 404,
    });
    expect(ctx.sim.player.snapshot().userQueue).toEqual([]);
  });
});

describe('devices and transfer', () => {
  const deviceNamed = (name: string): string => {
    const device = ctx.sim.player.devices().find((d) => d.name === name);
    if (!device) throw new Error(`no device ${name}`);
    return device.id;
  };

  it('transfers to one device, keeping or starting playback', async () => {
    const speaker = deviceNamed('Kitchen Speaker');
    await ok('PUT', '/me/player', { device_ids: [speaker] });
    expect(ctx.sim.player.snapshot()).toMatchObject({
      deviceId: speaker,
      isPlaying: false,
      volumePercent: 40,
    });
    const phone = deviceNamed('Pixel Phone');
    await ok('PUT', '/me/player', { device_ids: [phone], play: true });
    expect(ctx.sim.player.snapshot()).toMatchObject({
      deviceId: phone,
      isPlaying: true,
      volumePercent: null,
    });
    const devices = (await api('GET', '/me/player/devices')).body as { devices: { is_active: boolean }[] };
    expect(devices.devices.map((d) => d.is_active)).toEqual([false, true, false]);
  });

  it('refuses more than one device, bad bodies, unknown and restricted devices', async () => {
    const [desktop, phone] = [deviceNamed('Traytune Desktop'), deviceNamed('Pixel Phone')];
    expect(await api('PUT', '/me/player', { device_ids: [desktop, phone] })).toMatchObject(
      apiError(400, 'Only a single device_id is currently supported'),
    );
    expect(await api('PUT', '/me/player')).toMatchObject(apiError(400, 'Missing or invalid device_ids'));
    expect(await api('PUT', '/me/player', { device_ids: [] })).toMatchObject({ status: 400 });
    expect(await api('PUT', '/me/player', { device_ids: [phone], play: 'yes' })).toMatchObject(
      apiError(400, 'Invalid play'),
    );
    expect(await api('PUT', '/me/player', { device_ids: ['nope'] })).toMatchObject(
      apiError(404, 'Device not found'),
    );
    ctx.sim.player.setDevices([
      { id: 'desk', name: 'Desk', type: 'Computer', isActive: true },
      { id: 'car', name: 'Car', type: 'Automobile', isRestricted: true },
    ]);
    expect(await api('PUT', '/me/player', { device_ids: ['car'] })).toMatchObject(
      apiError(403, 'Player command failed: Device not controllable', 'DEVICE_NOT_CONTROLLABLE'),
    );
    expect(await api('PUT', '/me/player/pause?device_id=car')).toMatchObject({
      status: 403,
      body: { error: { reason: 'DEVICE_NOT_CONTROLLABLE' } },
    });
    expect(ctx.sim.player.snapshot().deviceId).toBe('desk');
  });

  it('takes device_id on commands: unknown → 404, an inactive device takes over', async () => {
    expect(await api('PUT', '/me/player/pause?device_id=nope')).toMatchObject(
      apiError(404, 'Device not found'),
    );
    const speaker = deviceNamed('Kitchen Speaker');
    await ok('PUT', `/me/player/play?device_id=${speaker}`);
    expect(ctx.sim.player.snapshot()).toMatchObject({ deviceId: speaker, isPlaying: true });
  });

  it('answers 204 and NO_ACTIVE_DEVICE without an active device; play with device_id resumes', async () => {
    const loaded = ctx.sim.player.snapshot().itemUri;
    ctx.sim.player.deactivate();
    expect(await api('GET', '/me/player')).toMatchObject({ status: 204, text: '' });
    expect(await api('GET', '/me/player/currently-playing')).toMatchObject({ status: 204, text: '' });
    expect(await api('GET', '/me/player/queue')).toMatchObject({ status: 200, body: { queue: [] } });
    const devices = (await api('GET', '/me/player/devices')).body as { devices: { is_active: boolean }[] };
    expect(devices.devices.map((d) => d.is_active)).toEqual([false, false, false]);
    for (const [method, path] of COMMANDS) {
      if (path.startsWith('/me/player/queue')) continue; // needs a catalogue track; checked below
      expect(await api(method, path), path).toMatchObject(
        apiError(404, 'Player command failed: No active device found', 'NO_ACTIVE_DEVICE'),
      );
    }
    expect(await api('POST', `/me/player/queue?uri=${tracks()[0]}`)).toMatchObject({
      status: 404,
      body: { error: { reason: 'NO_ACTIVE_DEVICE' } },
    });
    await ok('PUT', `/me/player/play?device_id=${deviceNamed('Pixel Phone')}`);
    expect(ctx.sim.player.snapshot()).toMatchObject({ itemUri: loaded, isPlaying: true });
  });
});

describe('access', () => {
  it('refuses every player command to a user without Premium; reads still work', async () => {
    ctx.sim.setPremium(SEED_USER_ID, false);
    for (const [method, path] of [...COMMANDS, ['PUT', '/me/player']] as [string, string][]) {
      expect(
        await api(method, path, path === '/me/player' ? { device_ids: ['x'] } : undefined),
        path,
      ).toEqual(
        expect.objectContaining(apiError(403, 'Player command failed: Premium required', 'PREMIUM_REQUIRED')),
      );
    }
    for (const path of [
      '/me/player',
      '/me/player/currently-playing',
      '/me/player/devices',
      '/me/player/queue',
      '/me/player/recently-played',
    ]) {
      expect((await api('GET', path)).status, path).toBe(200);
    }
    ctx.sim.setPremium(SEED_USER_ID, true);
    await ok('PUT', '/me/player/play');
    expect(() => ctx.sim.setPremium('nobody', true)).toThrow(/unknown user/);
  });

  it('applies to a free user added later, who has their own player', async () => {
    ctx.sim.addUser({ id: 'free-user', premium: false });
    ctx.sim.setConsentUser('free-user');
    const free = await userToken(ctx.sim);
    expect((await call(ctx.sim, free, 'PUT', '/me/player/pause')).body).toMatchObject({
      error: { reason: 'PREMIUM_REQUIRED' },
    });
    const state = (await call(ctx.sim, free, 'GET', '/me/player')).body as PlaybackBody;
    expect(state.device.name).toBe('Traytune Desktop');
    expect(state.device.id).not.toBe(ctx.sim.playerFor(SEED_USER_ID).snapshot().deviceId);
  });

  it('checks scopes: 403 "Insufficient client scope"', async () => {
    const narrow = await userToken(ctx.sim, 'user-read-private');
    const reads = [
      '/me/player',
      '/me/player/currently-playing',
      '/me/player/devices',
      '/me/player/queue',
      '/me/player/recently-played',
    ];
    for (const path of reads) {
      expect(await call(ctx.sim, narrow, 'GET', path), path).toMatchObject(
        apiError(403, 'Insufficient client scope'),
      );
    }
    for (const [method, path] of COMMANDS) {
      expect(await call(ctx.sim, narrow, method, path), path).toMatchObject(
        apiError(403, 'Insufficient client scope'),
      );
    }
    // currently-playing needs its own scope; user-read-playback-state alone is not enough.
    const playbackOnly = await userToken(ctx.sim, 'user-read-playback-state');
    expect((await call(ctx.sim, playbackOnly, 'GET', '/me/player/currently-playing')).status).toBe(403);
    expect((await call(ctx.sim, playbackOnly, 'GET', '/me/player')).status).toBe(200);
  });

  it('answers 401 without a token', async () => {
    for (const [method, path] of [...COMMANDS, ['GET', '/me/player'], ['GET', '/me/player/devices']] as [
      string,
      string,
    ][]) {
      expect(await call(ctx.sim, undefined, method, path), path).toMatchObject(
        apiError(401, 'Invalid access token'),
      );
    }
  });
});

describe('command response styles', () => {
  it('answers commands 200 with a short non-JSON text body in the "200-text" style', async () => {
    ctx.sim.setCommandResponseStyle('200-text');
    const answers = [
      await api('PUT', '/me/player/play'),
      await api('PUT', '/me/player/pause'),
      await api('PUT', '/me/player/seek?position_ms=5000'),
      await api('PUT', '/me/player/volume?volume_percent=20'),
      await api('PUT', '/me/player/shuffle?state=false'),
      await api('PUT', '/me/player/repeat?state=off'),
      await api('POST', `/me/player/queue?uri=${tracks()[5]}`),
      await api('POST', '/me/player/next'),
      await api('POST', '/me/player/previous'),
      await api('PUT', '/me/player', { device_ids: [ctx.sim.player.snapshot().deviceId] }),
    ];
    for (const answer of answers) {
      expect(answer).toMatchObject({ status: 200, text: 'Command sent' });
      expect(answer.contentType).toMatch(/^text\/plain/);
      expect(() => JSON.parse(answer.text) as unknown).toThrow();
    }
    // Errors and reads are unchanged.
    expect((await api('PUT', '/me/player/seek')).status).toBe(400);
    expect((await api('GET', '/me/player')).status).toBe(200);
    ctx.sim.setCommandResponseStyle('204');
    await ok('PUT', '/me/player/pause');
    expect(() => ctx.sim.setCommandResponseStyle('201' as '204')).toThrow(/style must be/);
  });
});

describe('recently played', () => {
  it('serves the seeded history newest first, with cursors and limits', async () => {
    const all = (await api('GET', '/me/player/recently-played')).body as {
      items: { played_at: string }[];
      limit: number;
    };
    expect(all.limit).toBe(20);
    expect(all.items.length).toBe(6);
    const times = all.items.map((i) => Date.parse(i.played_at));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    const page = (await api('GET', '/me/player/recently-played?limit=2')).body as {
      items: { played_at: string }[];
      next: string;
      cursors: { after: string; before: string };
    };
    expect(page.items.length).toBe(2);
    expect(page.cursors).toEqual({ after: String(times[0]), before: String(times[1]) });
    const next = new URL(page.next);
    expect(next.pathname).toBe('/v1/me/player/recently-played');
    const older = (await api('GET', `/me/player/recently-played${next.search}`)).body as {
      items: { played_at: string }[];
    };
    expect(older.items.map((i) => Date.parse(i.played_at))).toEqual(times.slice(2, 4));
    const newer = (await api('GET', `/me/player/recently-played?after=${times[1]}`)).body as {
      items: unknown[];
      next?: string;
    };
    expect(newer.items.length).toBe(1);
    expect(newer).not.toHaveProperty('next');
  });

  it('refuses limit > 50 and after with before', async () => {
    expect(await api('GET', '/me/player/recently-played?limit=51')).toMatchObject(
      apiError(400, 'Invalid limit'),
    );
    expect(await api('GET', '/me/player/recently-played?limit=0')).toMatchObject({ status: 400 });
    expect((await api('GET', '/me/player/recently-played?limit=50')).status).toBe(200);
    expect(await api('GET', '/me/player/recently-played?after=1&before=2')).toMatchObject(
      apiError(400, 'Only one of after and before may be given'),
    );
  });

  it('is not a paging object with total', async () => {
    const body = (await api('GET', '/me/player/recently-played')).body as PageBody<unknown>;
    expect(body).not.toHaveProperty('total');
  });
});
