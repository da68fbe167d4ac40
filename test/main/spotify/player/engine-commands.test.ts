import { afterEach, describe, expect, it } from 'vitest';
import { SEED_USER_ID } from '../../../../dev/simulator/index.ts';
import { PlayerEngine } from '../../../../src/main/spotify/player/engine.ts';
import { DEVICES, PLAYER, startPlayer, type PlayerHarness } from './harness.ts';

let h: PlayerHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('PlayerEngine commands against the simulator', () => {
  it('is optimistic: the snapshot changes before Spotify answers, and settles on the read', async () => {
    h = await startPlayer();
    const emitted = h.snapshots.length;
    const done = h.engine.togglePlay();
    // Synchronously: flipped and pending.
    expect(h.engine.getSnapshot()).toMatchObject({ isPlaying: true, pending: [{ kind: 'play' }] });
    expect(h.snapshots.length).toBeGreaterThan(emitted);
    expect(await done).toEqual({ ok: true });
    expect(h.engine.getSnapshot().pending).toEqual([]);
    await h.clock.advance(5_000);
    expect(h.engine.getSnapshot()).toMatchObject({
      isPlaying: true,
      progressMs: h.sim.player.snapshot().progressMs,
    });

    void h.engine.setVolume(20);
    void h.engine.toggleShuffle();
    void h.engine.cycleRepeat();
    expect(h.engine.getSnapshot()).toMatchObject({ volumePercent: 20, shuffle: true, repeat: 'context' });
    const liked = h.engine.getSnapshot().liked;
    void h.engine.toggleLike();
    expect(h.engine.getSnapshot().liked).toBe(!liked);
    await h.clock.advance(2_000);
    const uri = h.engine.getSnapshot().item!.uri;
    expect(h.sim.player.snapshot()).toMatchObject({ volumePercent: 20, shuffle: true, repeat: 'context' });
    expect(h.sim.player.likedUris().includes(uri)).toBe(!liked);
    expect(h.engine.getSnapshot()).toMatchObject({
      volumePercent: 20,
      shuffle: true,
      repeat: 'context',
      liked: !liked,
    });
  });

  it('with no listener: the snapshot still shows every change; a second like press undoes the first', async () => {
    h = await startPlayer();
    const quiet = new PlayerEngine({ api: h.api, clock: h.clock, scheduler: h.clock, session: h.session });
    try {
      await quiet.start();
      const uri = quiet.getSnapshot().item!.uri;
      const liked = quiet.getSnapshot().liked;
      expect(typeof liked).toBe('boolean');
      const first = quiet.toggleLike();
      expect(quiet.getSnapshot().liked).toBe(!liked);
      const second = quiet.toggleLike(); // from the shown (optimistic) state, not the last read
      expect(quiet.getSnapshot().liked).toBe(liked);
      expect(await Promise.all([first, second])).toEqual([{ ok: true }, { ok: true }]);
      await quiet.settled();
      expect(h.sim.player.likedUris().includes(uri)).toBe(liked);
      expect(quiet.getSnapshot()).toMatchObject({ liked, pending: [] });
    } finally {
      quiet.stop();
    }
  });

  it('rolls back with a readable message when Spotify refuses', async () => {
    h = await startPlayer();
    h.sim.injectFault({
      method: 'PUT',
      path: `${PLAYER}/volume`,
      status: 403,
      reason: 'VOLUME_CONTROL_DISALLOW',
      message: 'Player command failed: Cannot control device volume',
    });
    const done = h.engine.setVolume(10);
    expect(h.engine.getSnapshot().volumePercent).toBe(10);
    const result = await done;
    expect(result.ok).toBe(false);
    const snapshot = h.engine.getSnapshot();
    expect(snapshot.volumePercent).toBe(65);
    expect(snapshot.error).toMatchObject({ kind: 'restricted', source: 'volume' });
    expect(snapshot.error?.message).toMatch(/volume/i);
    expect(snapshot.connection.status).toBe('ok');
    expect(snapshot.pending).toEqual([]);

    // Like rolls back too; a later success clears the message.
    const liked = snapshot.liked;
    h.sim.injectFault({ path: '/v1/me/library', status: 500, times: 3 });
    expect((await h.engine.toggleLike()).ok).toBe(false);
    expect(h.engine.getSnapshot().liked).toBe(liked);
    expect(h.engine.getSnapshot().error?.message).toMatch(/having problems/);
    expect((await h.engine.setShuffle(true)).ok).toBe(true);
    expect(h.engine.getSnapshot().error).toBeNull();
  });

  it('sends a 50-step volume drag as at most 2 requests, the last value reaching Spotify', async () => {
    h = await startPlayer();
    h.sim.requests.reset();
    const steps = Array.from({ length: 50 }, (_, i) => h!.engine.setVolume(65 - i));
    expect(h.engine.getSnapshot().volumePercent).toBe(16);
    const results = await Promise.all(steps);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(h.count(`${PLAYER}/volume`)).toBeLessThanOrEqual(2);
    expect(h.sim.player.snapshot().volumePercent).toBe(16);
    await h.clock.advance(2_000);
    expect(h.engine.getSnapshot().volumePercent).toBe(16);
    expect(h.count(PLAYER, 'GET')).toBe(1);
  });

  it('coalesces a seek drag the same way', async () => {
    h = await startPlayer();
    h.sim.requests.reset();
    await Promise.all([10_000, 20_000, 30_000, 40_000, 50_000].map((ms) => h!.engine.seek(ms)));
    expect(h.count(`${PLAYER}/seek`)).toBeLessThanOrEqual(2);
    expect(h.sim.player.snapshot().progressMs).toBe(50_000);
    expect(h.engine.getSnapshot().progressMs).toBe(50_000);
  });

  it('sends 3 rapid next presses as 3 requests, in order, 3 tracks ahead', async () => {
    h = await startPlayer();
    const upNext = h.sim.player.snapshot().queue;
    h.sim.requests.reset();
    const presses = [h.engine.next(), h.engine.next(), h.engine.next()];
    expect(h.engine.getSnapshot().pending.map((p) => p.kind)).toEqual(['next', 'next', 'next']);
    await Promise.all(presses);
    await h.clock.advance(2_000);
    expect(h.apiCalls()).toEqual([
      `POST ${PLAYER}/next`,
      `POST ${PLAYER}/next`,
      `POST ${PLAYER}/next`,
      `GET ${PLAYER}`,
      'GET /v1/me/library/contains',
    ]);
    expect(h.sim.player.snapshot().itemUri).toBe(upNext[2]);
    expect(h.engine.getSnapshot().item?.uri).toBe(upNext[2]);

    await Promise.all([h.engine.previous(), h.engine.previous()]);
    expect(h.sim.player.snapshot().itemUri).toBe(upNext[0]);
  });

  it('no active device: offers the devices, then transferTo() moves playback and retries the command once', async () => {
    h = await startPlayer({ engine: { autoTransfer: false } });
    h.sim.player.deactivate();
    h.sim.requests.reset();
    const result = await h.engine.play();
    expect(result.ok).toBe(false);
    let snapshot = h.engine.getSnapshot();
    expect(snapshot.connection.status).toBe('no-device');
    expect(snapshot.isPlaying).toBe(false); // rolled back
    expect(snapshot.error?.message).toMatch(/No Spotify device is active/);
    expect(snapshot.devices.map((d) => d.name)).toEqual([
      'Traytune Desktop',
      'Pixel Phone',
      'Kitchen Speaker',
    ]);
    expect(h.apiCalls()).toEqual([`PUT ${PLAYER}/play`, `GET ${DEVICES}`]);

    const speaker = snapshot.devices[2]!.id!;
    h.sim.requests.reset();
    expect(await h.engine.transferTo(speaker)).toEqual({ ok: true });
    expect(h.apiCalls()).toEqual([`PUT ${PLAYER}`, `PUT ${PLAYER}/play`]);
    expect(h.sim.player.snapshot()).toMatchObject({ deviceId: speaker, isPlaying: true });
    await h.clock.advance(2_000);
    snapshot = h.engine.getSnapshot();
    expect(snapshot).toMatchObject({ isPlaying: true, lastDeviceId: speaker, connection: { status: 'ok' } });
    expect(snapshot.device?.name).toBe('Kitchen Speaker');

    // A second transfer does not replay the old command.
    h.sim.requests.reset();
    await h.engine.transferTo(snapshot.devices[0]!.id!);
    expect(h.count(`${PLAYER}/play`)).toBe(0);
  });

  it('no active device + auto-transfer: moves to the last used device and retries once', async () => {
    h = await startPlayer();
    const desktop = h.engine.getSnapshot().device!.id!;
    h.sim.player.deactivate();
    h.sim.requests.reset();
    expect(await h.engine.play()).toEqual({ ok: true });
    expect(h.apiCalls()).toEqual([
      `PUT ${PLAYER}/play`,
      `GET ${DEVICES}`,
      `PUT ${PLAYER}`,
      `PUT ${PLAYER}/play`,
    ]);
    expect(h.sim.player.snapshot()).toMatchObject({ deviceId: desktop, isPlaying: true });

    // Retried once only: a second NO_ACTIVE_DEVICE is the answer.
    h.sim.player.deactivate();
    h.sim.injectFault({
      method: 'PUT',
      path: `${PLAYER}/play`,
      status: 404,
      reason: 'NO_ACTIVE_DEVICE',
      times: 2,
    });
    h.sim.requests.reset();
    const result = await h.engine.play();
    expect(result.ok).toBe(false);
    expect(h.count(`${PLAYER}/play`)).toBe(2);
    expect(h.engine.getSnapshot().connection.status).toBe('no-device');
  });

  it('premium required: account state, commands refused locally, library still works, reset clears it', async () => {
    h = await startPlayer();
    h.sim.setPremium(SEED_USER_ID, false);
    const result = await h.engine.play();
    expect(result).toMatchObject({ ok: false, error: { kind: 'premium-required' } });
    let snapshot = h.engine.getSnapshot();
    expect(snapshot.connection.status).toBe('premium-required');
    expect(snapshot.connection.message).toMatch(/Premium/);
    expect(snapshot.isPlaying).toBe(false);

    h.sim.requests.reset();
    expect(await h.engine.next()).toMatchObject({ ok: false, error: { kind: 'premium-required' } });
    expect(await h.engine.setVolume(3)).toMatchObject({ ok: false });
    expect(h.apiCalls()).toEqual([]);
    expect((await h.engine.toggleLike()).ok).toBe(true); // no Premium needed
    await h.clock.advance(5 * 60_000); // reads go on
    expect(h.count(PLAYER, 'GET')).toBeGreaterThan(0);
    expect(h.engine.getSnapshot().connection.status).toBe('premium-required');

    h.sim.setPremium(SEED_USER_ID, true);
    h.engine.resetConnection();
    await h.clock.advance(0);
    snapshot = h.engine.getSnapshot();
    expect(snapshot.connection.status).toBe('ok');
    expect((await h.engine.play()).ok).toBe(true);
  });

  it('retry(): resets and reads once, awaited; refused without a request while offline or stopped', async () => {
    h = await startPlayer();
    h.sim.setPremium(SEED_USER_ID, false);
    expect((await h.engine.play()).ok).toBe(false);
    h.sim.setPremium(SEED_USER_ID, true);

    h.engine.setOnline(false);
    h.sim.requests.reset();
    expect(await h.engine.retry()).toMatchObject({ ok: false, error: { kind: 'network', source: 'sync' } });
    expect(h.apiCalls()).toEqual([]);
    h.engine.setOnline(true);
    await h.clock.advance(5_000); // coming back online asks for a read of its own
    h.sim.requests.reset();

    expect(await h.engine.retry()).toEqual({ ok: true });
    expect(h.apiCalls()).toEqual([`GET ${PLAYER}`]);
    expect(h.engine.getSnapshot().connection.status).toBe('ok');

    h.engine.stop();
    h.sim.requests.reset();
    expect(await h.engine.retry()).toMatchObject({ ok: false, error: { kind: 'refused' } });
    expect(h.apiCalls()).toEqual([]);
  });

  it('refuses commands during a rate-limit pause without sending them', async () => {
    h = await startPlayer();
    h.sim.injectFault({ method: 'POST', path: `${PLAYER}/next`, status: 429, retryAfter: 20 });
    const first = await h.engine.next();
    expect(first).toMatchObject({ ok: false, error: { kind: 'rate-limited' } });
    h.sim.requests.reset();
    const second = await h.engine.next();
    expect(second.ok).toBe(false);
    if (!second.ok) expect(second.error.message).toMatch(/slow down/);
    expect(h.apiCalls()).toEqual([]);
    await h.clock.advance(21_000);
    expect((await h.engine.next()).ok).toBe(true);
  });

  it('plays URIs and contexts, and queues', async () => {
    h = await startPlayer();
    const [a, b] = h.sim.player.catalogue();
    expect(await h.engine.playUris([a!.uri, b!.uri], { offset: 1 })).toEqual({ ok: true });
    expect(h.sim.player.snapshot()).toMatchObject({ itemUri: b!.uri, isPlaying: true });
    const playlist = h.sim.player.playlists()[1]!;
    expect(await h.engine.playContext(`spotify:playlist:${playlist.id}`, { offset: 2 })).toEqual({
      ok: true,
    });
    expect(h.sim.player.snapshot()).toMatchObject({ itemUri: playlist.itemUris[2], isPlaying: true });
    expect(await h.engine.addToQueue(a!.uri)).toEqual({ ok: true });
    expect(h.sim.player.snapshot().userQueue).toEqual([a!.uri]);
    await h.clock.advance(2_000);
    expect(h.engine.getSnapshot().item?.uri).toBe(playlist.itemUris[2]);
  });

  it('stop() refuses later commands and ends polling', async () => {
    h = await startPlayer({ engine: { visible: true } });
    h.engine.stop();
    h.sim.requests.reset();
    expect(await h.engine.play()).toMatchObject({ ok: false, error: { kind: 'refused' } });
    await h.clock.advance(10 * 60_000);
    expect(h.apiCalls()).toEqual([]);
    expect(h.clock.pending).toBe(0);
  });
});
