import { describe, expect, it } from 'vitest';
import { contentSimulatorPerTest, expectRefusal, type ContentContext } from './content-helpers.ts';

interface DeviceBody {
  id: string | null;
  name: string;
  is_active: boolean;
  is_restricted: boolean;
}

const listed = async (ctx: ContentContext): Promise<DeviceBody[]> => {
  const answer = await ctx.api('GET', '/me/player/devices');
  expect(answer.status).toBe(200);
  return (answer.body as { devices: DeviceBody[] }).devices;
};
const names = async (ctx: ContentContext): Promise<string[]> => (await listed(ctx)).map((d) => d.name);
const idOf = (ctx: ContentContext, name: string): string => {
  const device = ctx.sim.player.devices().find((d) => d.name === name);
  if (!device) throw new Error(`no device ${name}`);
  return device.id;
};

/** Which of `name`'s presences the device list shows, checked every 5 s over 15 minutes. */
async function presenceOver(ctx: ContentContext, name: string): Promise<boolean[]> {
  const seen: boolean[] = [];
  for (let t = 0; t < 15 * 60_000; t += 5_000) {
    seen.push((await names(ctx)).includes(name));
    ctx.sim.clock.advance(5_000);
  }
  return seen;
}

describe('realistic profile: devices', () => {
  const ctx = contentSimulatorPerTest('realistic');

  it('lists a restricted TV and a speaker group with a null id, which no command can name', async () => {
    const devices = await listed(ctx);
    expect(devices).toContainEqual(expect.objectContaining({ name: 'Living Room TV', is_restricted: true }));
    expect(devices).toContainEqual(expect.objectContaining({ name: 'Office Speaker Group', id: null }));
    const hidden = idOf(ctx, 'Office Speaker Group');
    expectRefusal(await ctx.api('PUT', `/me/player/play?device_id=${hidden}`), 404);
  });

  it('lets the phone and the kitchen speaker vanish from the list and come back, seeded on the clock', async () => {
    const phone = await presenceOver(ctx, 'Pixel Phone');
    expect(phone).toContain(true);
    expect(phone).toContain(false);
    const desktop = await presenceOver(ctx, 'Traytune Desktop');
    expect(desktop.every(Boolean)).toBe(true);
  });

  it('answers 404 "Device not found" for a device while it is away', async () => {
    const speaker = idOf(ctx, 'Kitchen Speaker');
    ctx.sim.player.setDeviceAvailable(speaker, false);
    expect(await names(ctx)).not.toContain('Kitchen Speaker');
    const answer = await ctx.api('PUT', '/me/player', { device_ids: [speaker] });
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ error: { status: 404, message: 'Device not found' } });
    ctx.sim.player.setDeviceAvailable(speaker, true);
    expect(await names(ctx)).toContain('Kitchen Speaker');
    expect((await ctx.api('PUT', '/me/player', { device_ids: [speaker], play: true })).status).toBe(204);
  });

  it('never drops the active device while it plays', async () => {
    const speaker = idOf(ctx, 'Kitchen Speaker');
    ctx.sim.player.setDeviceAvailable(speaker, true);
    expect((await ctx.api('PUT', '/me/player', { device_ids: [speaker], play: true })).status).toBe(204);
    ctx.sim.player.setDeviceAvailable(speaker, undefined);
    ctx.sim.player.externalRepeat('track');
    expect((await presenceOver(ctx, 'Kitchen Speaker')).every(Boolean)).toBe(true);
  });

  it('ends the session when the active device is taken away through sim.player', async () => {
    ctx.sim.player.setDeviceAvailable(idOf(ctx, 'Traytune Desktop'), false);
    expect((await ctx.api('GET', '/me/player')).status).toBe(204);
  });
});

describe('realistic profile with the device settings off', () => {
  const ctx = contentSimulatorPerTest('realistic', {
    vanishingDevices: false,
    nullIdDevice: false,
    restrictedDevice: false,
  });

  it('keeps the three seed devices listed all the time', async () => {
    expect((await presenceOver(ctx, 'Pixel Phone')).every(Boolean)).toBe(true);
    expect(await names(ctx)).toEqual(['Traytune Desktop', 'Pixel Phone', 'Kitchen Speaker']);
  });
});

describe('lenient profile: devices as before', () => {
  const ctx = contentSimulatorPerTest('lenient');

  it('lists the same three devices, each with an id, at any time', async () => {
    for (const name of ['Pixel Phone', 'Kitchen Speaker'])
      expect((await presenceOver(ctx, name)).every(Boolean)).toBe(true);
    const devices = await listed(ctx);
    expect(devices.map((d) => d.name)).toEqual(['Traytune Desktop', 'Pixel Phone', 'Kitchen Speaker']);
    expect(devices.every((d) => typeof d.id === 'string' && !d.is_restricted)).toBe(true);
  });
});
