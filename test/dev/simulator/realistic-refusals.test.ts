import { describe, expect, it } from 'vitest';
import {
  contentSimulatorPerTest,
  expectRefusal,
  playerBody,
  trackNamed,
  type ContentContext,
} from './content-helpers.ts';

const deviceNamed = (ctx: ContentContext, name: string): string => {
  const device = ctx.sim.player.devices().find((d) => d.name === name);
  if (!device) throw new Error(`no device ${name}`);
  return device.id;
};

describe('realistic profile: refusals', () => {
  const ctx = contentSimulatorPerTest('realistic');

  it('refuses a pause when paused with ALREADY_PAUSED and a resume when playing with NOT_PAUSED', async () => {
    expect((await playerBody(ctx)).is_playing).toBe(false);
    expectRefusal(await ctx.api('PUT', '/me/player/pause'), 403, 'ALREADY_PAUSED');
    expect((await ctx.api('PUT', '/me/player/play')).status).toBe(204);
    expectRefusal(await ctx.api('PUT', '/me/player/play'), 403, 'NOT_PAUSED');
    expect((await ctx.api('PUT', '/me/player/pause')).status).toBe(204);
  });

  it('refuses previous at the start with NO_PREV_TRACK and next at the end with NO_NEXT_TRACK', async () => {
    expectRefusal(await ctx.api('POST', '/me/player/previous'), 403, 'NO_PREV_TRACK');
    ctx.sim.player.externalPlay({ uris: [trackNamed(ctx.sim, 'Aurora')] });
    expectRefusal(await ctx.api('POST', '/me/player/next'), 403, 'NO_NEXT_TRACK');
  });

  it('lists a restricted TV that refuses every command with DEVICE_NOT_CONTROLLABLE', async () => {
    const tv = deviceNamed(ctx, 'Living Room TV');
    const listed = (await ctx.api('GET', '/me/player/devices')).body as {
      devices: { id: string | null; name: string; is_restricted: boolean }[];
    };
    expect(listed.devices).toContainEqual(expect.objectContaining({ id: tv, is_restricted: true }));
    expectRefusal(await ctx.api('PUT', `/me/player/play?device_id=${tv}`), 403, 'DEVICE_NOT_CONTROLLABLE');
    expectRefusal(await ctx.api('PUT', '/me/player', { device_ids: [tv] }), 403, 'DEVICE_NOT_CONTROLLABLE');
    // Active from another app, it still takes no Web API command.
    ctx.sim.player.externalTransfer(tv, true);
    expectRefusal(await ctx.api('PUT', '/me/player/pause'), 403, 'DEVICE_NOT_CONTROLLABLE');
  });

  it('refuses volume on a device without remote volume with VOLUME_CONTROL_DISALLOW', async () => {
    const phone = deviceNamed(ctx, 'Pixel Phone');
    ctx.sim.player.setDeviceAvailable(phone, true);
    expectRefusal(
      await ctx.api('PUT', `/me/player/volume?volume_percent=30&device_id=${phone}`),
      403,
      'VOLUME_CONTROL_DISALLOW',
    );
  });

  it('refuses an artist context with an offset: 400 "Can\'t have offset for context type: ARTIST"', async () => {
    const artist = (await ctx.api('GET', '/search?q=Lanterns&type=artist')).body as {
      artists: { items: { uri: string }[] };
    };
    const uri = artist.artists.items[0]?.uri;
    const answer = await ctx.api('PUT', '/me/player/play', { context_uri: uri, offset: { position: 1 } });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      error: { status: 400, message: "Can't have offset for context type: ARTIST" },
    });
    expect((await ctx.api('PUT', '/me/player/play', { context_uri: uri })).status).toBe(204);
  });
});

describe('realistic profile: each refusal switches off on its own', () => {
  const ctx = contentSimulatorPerTest('realistic', {
    redundantStyle: 'succeed',
    artistOffsetRefused: false,
    restrictedDevice: false,
  });

  it('succeeds on redundant pauses, takes an artist offset and lists no restricted TV', async () => {
    expect((await ctx.api('PUT', '/me/player/pause')).status).toBe(204);
    const search = (await ctx.api('GET', '/search?q=Lanterns&type=artist')).body as {
      artists: { items: { uri: string }[] };
    };
    const uri = search.artists.items[0]?.uri;
    expect(
      (await ctx.api('PUT', '/me/player/play', { context_uri: uri, offset: { position: 1 } })).status,
    ).toBe(204);
    expect(ctx.sim.player.devices().map((d) => d.name)).not.toContain('Living Room TV');
  });
});

describe('lenient profile: refusals as before', () => {
  const ctx = contentSimulatorPerTest('lenient');

  it('succeeds on a redundant pause and resume, and takes an artist context with an offset', async () => {
    expect((await ctx.api('PUT', '/me/player/pause')).status).toBe(204);
    expect((await ctx.api('PUT', '/me/player/play')).status).toBe(204);
    expect((await ctx.api('PUT', '/me/player/play')).status).toBe(204);
    const search = (await ctx.api('GET', '/search?q=Lanterns&type=artist')).body as {
      artists: { items: { uri: string }[] };
    };
    const uri = search.artists.items[0]?.uri;
    expect(
      (await ctx.api('PUT', '/me/player/play', { context_uri: uri, offset: { position: 1 } })).status,
    ).toBe(204);
  });

  it('has only the three seed devices, none restricted', () => {
    expect(ctx.sim.player.devices().map((d) => [d.name, d.isRestricted])).toEqual([
      ['Traytune Desktop', false],
      ['Pixel Phone', false],
      ['Kitchen Speaker', false],
    ]);
  });
});
