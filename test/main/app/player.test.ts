import { afterEach, describe, expect, it } from 'vitest';
import { SEED_USER_ID } from '../../../dev/simulator/index.ts';
import { DEFAULT_SYNC_POLICY } from '../../../src/main/spotify/player/sync-policy.ts';
import { signIn, startApp, type AppHarness } from './harness.ts';

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const PLAYER = '/v1/me/player';
/** The engine reads once this long after a burst of own commands (Spotify's reads lag behind them). */
const POST_COMMAND_READ_MS = DEFAULT_SYNC_POLICY.postCommandReadMs;

describe('player channels reach Spotify (the simulator)', () => {
  it('play/pause, volume, shuffle, repeat, seek, next, previous, like, transfer, devices, play a track', async () => {
    h = await startApp();
    await signIn(h);
    const { handlers } = h.app;
    const sim = h.sim.player;
    expect(sim.snapshot().isPlaying).toBe(false);

    expect(await handlers['player:togglePlay'](undefined)).toEqual({ ok: true });
    expect(sim.snapshot().isPlaying).toBe(true);
    expect(await handlers['player:setVolume']({ percent: 30 })).toEqual({ ok: true });
    expect(sim.snapshot().volumePercent).toBe(30);
    expect(await handlers['player:setShuffle']({ on: true })).toEqual({ ok: true });
    expect(sim.snapshot().shuffle).toBe(true);
    expect(await handlers['player:setRepeat']({ mode: 'track' })).toEqual({ ok: true });
    expect(sim.snapshot().repeat).toBe('track');
    expect(await handlers['player:seek']({ positionMs: 20_000 })).toEqual({ ok: true });
    expect(sim.snapshot().progressMs).toBe(20_000);

    const before = sim.snapshot().itemUri;
    expect(await handlers['player:next'](undefined)).toEqual({ ok: true });
    expect(sim.snapshot().itemUri).not.toBe(before);
    expect(await handlers['player:previous'](undefined)).toEqual({ ok: true });
    expect(h.sim.requests.count({ method: 'POST', path: `${PLAYER}/previous` })).toBe(1);

    // Let the engine read the new item before liking it. `previous` went back to the item from before
    // `next`, so the read after the burst cannot tell it from a lagging read: the settle deadline decides.
    await h.clock.advance(Math.max(POST_COMMAND_READ_MS, DEFAULT_SYNC_POLICY.settleMs));
    const current = sim.snapshot().itemUri!;
    expect(current).toBe(before); // back to the item from before `next`
    expect((await handlers['player:getSnapshot'](undefined)).item?.uri).toBe(current);
    const liked = sim.likedUris().includes(current);
    expect(await handlers['player:toggleLike'](undefined)).toEqual({ ok: true });
    expect(sim.likedUris().includes(current)).toBe(!liked);

    expect(await handlers['player:refreshDevices'](undefined)).toEqual({ ok: true });
    const devices = (await handlers['player:getSnapshot'](undefined)).devices;
    expect(devices.map((d) => d.name)).toEqual(sim.devices().map((d) => d.name));
    const speaker = devices.find((d) => d.name === 'Kitchen Speaker')!;
    expect(await handlers['player:transfer']({ deviceId: speaker.id!, play: true })).toEqual({ ok: true });
    expect(sim.snapshot()).toMatchObject({ deviceId: speaker.id, isPlaying: true });

    const track = sim.catalogue().find((t) => t.uri !== sim.snapshot().itemUri)!;
    expect(await handlers['player:playTrack']({ uri: track.uri })).toEqual({ ok: true });
    expect(sim.snapshot()).toMatchObject({ itemUri: track.uri, isPlaying: true });

    await h.clock.advance(POST_COMMAND_READ_MS);
    const snapshot = await handlers['player:getSnapshot'](undefined);
    expect(snapshot).toMatchObject({ item: { uri: track.uri }, device: { id: speaker.id } });
    expect(h.snapshots.at(-1)?.item?.uri).toBe(track.uri);
  });

  it('passes Spotify refusals back as CommandResult errors, and dismisses them', async () => {
    h = await startApp();
    await signIn(h);
    h.sim.injectFault({
      method: 'PUT',
      path: `${PLAYER}/volume`,
      status: 403,
      reason: 'VOLUME_CONTROL_DISALLOW',
      message: 'Player command failed: Cannot control device volume',
    });
    const result = await h.app.handlers['player:setVolume']({ percent: 10 });
    expect(result).toMatchObject({ ok: false, error: { kind: 'restricted', source: 'volume' } });
    expect(h.app.getSnapshot().error?.message).toMatch(/volume/);
    await h.app.handlers['player:dismissError'](undefined);
    expect(h.app.getSnapshot().error).toBeNull();
  });

  it('player:retry after a quota stop: one new read goes out, and the state recovers', async () => {
    h = await startApp();
    await signIn(h);
    h.sim.injectFault({ method: 'GET', path: PLAYER, status: 429, reason: 'QUOTA_EXCEEDED' });
    await h.clock.advance(60_000); // the next poll meets the fault
    expect(h.app.getSnapshot().connection.status).toBe('quota-exceeded');

    // Stopped: nothing is asked however long it waits, and commands are refused locally.
    h.sim.requests.reset();
    await h.clock.advance(30 * 60_000);
    expect(await h.app.handlers['player:togglePlay'](undefined)).toMatchObject({
      ok: false,
      error: { kind: 'quota-exceeded' },
    });
    expect(h.sim.requests.count()).toBe(0);

    // The fault was a one-off: "Try again" reads once, right away, and all is well.
    expect(await h.app.handlers['player:retry'](undefined)).toEqual({ ok: true });
    expect(h.sim.requests.count({ method: 'GET', path: PLAYER })).toBe(1);
    const snapshot = h.app.getSnapshot();
    expect(snapshot.connection).toMatchObject({ status: 'ok', message: null });
    expect(snapshot.error).toBeNull();
    expect(h.snapshots.at(-1)?.connection.status).toBe('ok');
    await h.clock.advance(0); // the prompt read it asked for is this one, not another
    expect(h.sim.requests.count({ method: 'GET', path: PLAYER })).toBe(1);
    expect(await h.app.handlers['player:togglePlay'](undefined)).toEqual({ ok: true });
    expect(h.sim.player.snapshot().isPlaying).toBe(true);
  });

  it('player:retry while the quota is still used up: the read fails again and says so', async () => {
    h = await startApp();
    await signIn(h);
    h.sim.injectFault({ method: 'GET', path: PLAYER, status: 429, reason: 'QUOTA_EXCEEDED', times: 2 });
    await h.clock.advance(60_000);
    expect(h.app.getSnapshot().connection.status).toBe('quota-exceeded');

    h.sim.requests.reset();
    const result = await h.app.handlers['player:retry'](undefined);
    expect(result).toMatchObject({ ok: false, error: { kind: 'quota-exceeded', source: 'sync' } });
    expect(h.sim.requests.count({ method: 'GET', path: PLAYER })).toBe(1);
    expect(h.app.getSnapshot().connection.status).toBe('quota-exceeded');
  });

  it('player:retry after Premium was required: commands go out again once the account is upgraded', async () => {
    h = await startApp();
    await signIn(h);
    h.sim.setPremium(SEED_USER_ID, false);
    expect(await h.app.handlers['player:togglePlay'](undefined)).toMatchObject({
      ok: false,
      error: { kind: 'premium-required' },
    });
    expect(h.app.getSnapshot().connection.status).toBe('premium-required');

    h.sim.setPremium(SEED_USER_ID, true);
    h.sim.requests.reset();
    expect(await h.app.handlers['player:retry'](undefined)).toEqual({ ok: true });
    expect(h.sim.requests.count({ method: 'GET', path: PLAYER })).toBe(1);
    expect(h.app.getSnapshot()).toMatchObject({ connection: { status: 'ok' }, error: null });
    expect(await h.app.handlers['player:togglePlay'](undefined)).toEqual({ ok: true });
    expect(h.sim.player.snapshot().isPlaying).toBe(true);
  });

  it('ui:setVisible reaches the engine: shown, a paused player is read at least every 10 s; hidden, far less', async () => {
    h = await startApp();
    await signIn(h);
    await h.app.handlers['ui:setVisible']({ visible: true });
    h.sim.requests.reset();
    await h.clock.advance(30_000);
    // Its plain paused, visible interval is 15 s; with a fresh day's budget it reads every 10 s.
    expect(h.sim.requests.count({ method: 'GET', path: PLAYER })).toBeGreaterThanOrEqual(3);

    await h.app.handlers['ui:setVisible']({ visible: false });
    h.sim.requests.reset();
    await h.clock.advance(50_000);
    expect(h.sim.requests.count({ method: 'GET', path: PLAYER })).toBe(0);
  });

  it('forwards the machine state: offline stops reads and shows it, sleep stops reads, wake reads once', async () => {
    h = await startApp();
    await signIn(h);
    h.app.setOnline(false);
    expect(h.app.getSnapshot().connection.status).toBe('offline');
    h.sim.requests.reset();
    await h.clock.advance(120_000);
    expect(h.sim.requests.count({ method: 'GET', path: PLAYER })).toBe(0);

    h.app.setOnline(true);
    await h.clock.advance(2_000);
    expect(h.sim.requests.count({ method: 'GET', path: PLAYER })).toBe(1);
    expect(h.app.getSnapshot().connection.status).toBe('ok');

    h.app.notifySuspend();
    h.sim.requests.reset();
    await h.clock.advance(600_000);
    expect(h.sim.requests.count({ method: 'GET', path: PLAYER })).toBe(0);
    h.app.notifyResume();
    await h.clock.advance(2_000);
    expect(h.sim.requests.count({ method: 'GET', path: PLAYER })).toBe(1);
  });

  it('answers every player channel with a clear error while signed out (no crash, no request)', async () => {
    h = await startApp();
    const { handlers } = h.app;
    h.sim.requests.reset();
    const results = await Promise.all([
      handlers['player:togglePlay'](undefined),
      handlers['player:next'](undefined),
      handlers['player:previous'](undefined),
      handlers['player:seek']({ positionMs: 1 }),
      handlers['player:setVolume']({ percent: 1 }),
      handlers['player:setShuffle']({ on: true }),
      handlers['player:setRepeat']({ mode: 'off' }),
      handlers['player:toggleLike'](undefined),
      handlers['player:transfer']({ deviceId: 'x' }),
      handlers['player:refreshDevices'](undefined),
      handlers['player:retry'](undefined),
      handlers['player:playTrack']({ uri: 'spotify:track:abc' }),
      handlers['library:addToQueue']({ uri: 'spotify:track:abc' }),
      handlers['library:addCurrentToPlaylist']({ playlistId: 'abc' }),
    ]);
    for (const result of results) {
      expect(result).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
      expect(result.ok || ('error' in result && result.error.message)).toMatch(/Sign in/);
    }
    const snapshot = await handlers['player:getSnapshot'](undefined);
    expect(snapshot).toMatchObject({ item: null, connection: { status: 'signed-out' } });
    await handlers['player:dismissError'](undefined);
    await handlers['ui:setVisible']({ visible: true });
    expect(h.sim.requests.count()).toBe(0);
  });
});
