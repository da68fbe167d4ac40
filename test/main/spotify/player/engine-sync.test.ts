import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_SYNC_POLICY,
  type RequestBudgetView,
} from '../../../../src/main/spotify/player/sync-policy.ts';
import { progressAt } from '../../../../src/main/spotify/player/types.ts';
import { CONTAINS, DEVICES, MINUTE, PLAYER, startPlayer, type PlayerHarness } from './harness.ts';

let h: PlayerHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The simulator's current item and its end, as clock times. */
function simTrack(h: PlayerHarness): { uri: string; endsAt: number } {
  const sim = h.sim.player.snapshot();
  const track = h.sim.player.catalogue().find((t) => t.uri === sim.itemUri);
  if (!track) throw new Error('nothing loaded in the simulator');
  return { uri: track.uri, endsAt: h.clock.now() + track.durationMs - sim.progressMs };
}

describe('PlayerEngine sync against the simulator', () => {
  it('starts with one state read and one liked check, and shows the seed player', async () => {
    h = await startPlayer();
    expect(h.apiCalls()).toEqual([`GET ${PLAYER}`, `GET ${CONTAINS}`]);
    const snapshot = h.engine.getSnapshot();
    const sim = h.sim.player.snapshot();
    expect(snapshot.connection).toEqual({ status: 'ok', message: null, rateLimitedUntil: null });
    expect(snapshot.item?.uri).toBe(sim.itemUri);
    expect(snapshot.device?.name).toBe('Traytune Desktop');
    expect(snapshot).toMatchObject({ isPlaying: false, progressMs: 0, volumePercent: 65, shuffle: false });
    expect(snapshot.liked).toBe(h.sim.player.likedUris().includes(sim.itemUri!));
    expect(Object.isFrozen(snapshot) && Object.isFrozen(snapshot.item)).toBe(true);
  });

  it('interpolates progress between reads without any request', async () => {
    h = await startPlayer({ before: (sim) => sim.player.externalResume() });
    const before = h.sim.requests.entries.length;
    await h.clock.advance(12_000); // hidden + playing: next read at 30 s
    expect(h.sim.requests.entries.length).toBe(before);
    const snapshot = h.engine.getSnapshot();
    expect(snapshot.isPlaying).toBe(true);
    expect(snapshot.progressMs).toBe(h.sim.player.snapshot().progressMs);
    expect(snapshot.progressMs).toBe(12_000);
    // A UI can move its bar from any snapshot without asking the engine.
    expect(progressAt(snapshot, snapshot.at + 3_000)).toBe(15_000);
  });

  it('reads once after a burst of own commands, not once per command', async () => {
    h = await startPlayer({ engine: { visible: true } });
    h.sim.requests.reset();
    const results = await Promise.all([
      h.engine.setVolume(30),
      h.engine.toggleShuffle(),
      h.engine.cycleRepeat(),
      h.engine.play(),
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
    await h.clock.advance(2_000);
    expect(h.apiCalls()).toEqual([
      `PUT ${PLAYER}/volume`,
      `PUT ${PLAYER}/shuffle`,
      `PUT ${PLAYER}/repeat`,
      `PUT ${PLAYER}/play`,
      `GET ${PLAYER}`,
    ]);
    expect(h.engine.getSnapshot()).toMatchObject({
      volumePercent: 30,
      shuffle: true,
      repeat: 'context',
      isPlaying: true,
      pending: [],
    });
  });

  it('shows the next track within 2 s of the track boundary (hidden: no interval read near it)', async () => {
    h = await startPlayer({
      before: (sim) => {
        const uri = sim.player.snapshot().itemUri;
        const duration = sim.player.catalogue().find((t) => t.uri === uri)!.durationMs;
        sim.player.externalSeek(duration - 20_000);
        sim.player.externalResume();
      },
    });
    const first = simTrack(h);
    h.sim.requests.reset();
    await h.clock.advance(first.endsAt - h.clock.now() + 2_000);
    const shown = h.snapshots.find((s) => s.item !== null && s.item.uri !== first.uri);
    expect(shown).toBeDefined();
    expect(shown!.at - first.endsAt).toBeGreaterThanOrEqual(0);
    expect(shown!.at - first.endsAt).toBeLessThanOrEqual(2_000);
    expect(shown!.item!.uri).toBe(h.sim.player.snapshot().itemUri);
    // One read at the track end; no polling in between, and no liked check while nobody looks.
    expect(h.apiCalls()).toEqual([`GET ${PLAYER}`]);
  });

  it.each([
    ['paused, visible', true, 'paused', (10 * MINUTE) / DEFAULT_SYNC_POLICY.pausedVisibleMs],
    // Hidden and paused: every 60 s for 4 min, then a quarter of the pause so far (at 5 min: 75 s…).
    ['paused, hidden', false, 'paused', 8],
    ['idle, visible', true, 'idle', 20],
    ['idle, hidden', false, 'idle', 5],
  ] as const)('reads on the %s interval (10 simulated minutes)', async (_name, visible, mode, reads) => {
    h = await startPlayer({
      engine: { visible },
      before: (sim) => {
        if (mode === 'idle') sim.player.deactivate();
      },
    });
    h.sim.requests.reset();
    await h.clock.advance(10 * MINUTE);
    expect(h.count(PLAYER, 'GET')).toBe(reads);
    // Nothing else: the liked state and the devices were fetched once at start.
    expect(h.apiCalls().filter((c) => c !== `GET ${PLAYER}`)).toEqual([]);
    expect(h.engine.getSnapshot().connection.status).toBe(mode === 'idle' ? 'no-device' : 'ok');
  });

  it('playing: visible polls every 30 s; hidden needs ≥ 20× fewer requests than a 1 s poller', async () => {
    const play = { before: (sim: PlayerHarness['sim']) => sim.player.externalResume() };
    h = await startPlayer({ ...play, engine: { visible: true } });
    h.sim.requests.reset();
    await h.clock.advance(10 * MINUTE);
    const visibleReads = h.count(PLAYER, 'GET');
    // 20 interval reads, plus at most one extra per track end (the interval counts from the last read).
    expect(visibleReads).toBeGreaterThanOrEqual(20);
    expect(visibleReads).toBeLessThanOrEqual(24);
    await h.close();

    h = await startPlayer(play);
    h.sim.requests.reset();
    const tracksBefore = h.sim.player.history().length;
    await h.clock.advance(30 * MINUTE);
    const all = h.apiCalls().length;
    const tracks = h.sim.player.history().length - tracksBefore;
    expect(tracks).toBeGreaterThanOrEqual(5);
    expect(all).toBeLessThanOrEqual((30 * 60) / 20);
    // Hidden, nobody sees the liked state: it is checked when someone looks (not on every new track).
    expect(h.count(CONTAINS)).toBe(0);
    console.info(`hidden, playing, 30 min: ${all} requests for ${tracks} tracks (1 s poller: 1800)`);
  });

  it('setVisible(true) after a long hidden spell reads at once', async () => {
    h = await startPlayer({ before: (sim) => sim.player.externalResume() });
    await h.clock.advance(20_000);
    h.sim.requests.reset();
    h.engine.setVisible(true);
    await h.clock.advance(0);
    expect(h.count(PLAYER)).toBe(1);
  });

  it('backs off exponentially on errors, capped at 15 s while visible, and recovers', async () => {
    // Budget to spare makes the paused, visible interval 10 s (⅔ of 15 s): the 15 s cap is above it.
    const spare: RequestBudgetView = { dayUsedFraction: () => 0.05, nextBackgroundSlot: (now) => now };
    h = await startPlayer({
      engine: { visible: true, budget: spare },
      client: { backoff: { maxRetries: 0 } },
    });
    h.sim.requests.reset();
    h.sim.injectFault({ method: 'GET', path: PLAYER, status: 500, times: Infinity });
    await h.clock.advance(10 * MINUTE);
    // Every 10 s would be 60 reads; with errors: 10, 20, 30, then every 15 s (the visible cap).
    expect(h.count(PLAYER)).toBe(41);
    const snapshot = h.engine.getSnapshot();
    expect(snapshot.connection.status).toBe('ok');
    expect(snapshot.error).toMatchObject({ kind: 'server', source: 'sync' });
    expect(snapshot.error?.message).toMatch(/having problems/);

    h.sim.clearFaults();
    h.sim.requests.reset();
    await h.clock.advance(5 * MINUTE); // the backed-off read within 15 s, then every 10 s again
    expect(h.count(PLAYER)).toBeGreaterThanOrEqual(29);
    expect(h.engine.getSnapshot().error).toBeNull();
  });

  it('hidden, the backoff goes on to 5 minutes (nobody waits for it)', async () => {
    h = await startPlayer({ client: { backoff: { maxRetries: 0 } } });
    h.sim.requests.reset();
    h.sim.injectFault({ method: 'GET', path: PLAYER, status: 500, times: Infinity });
    await h.clock.advance(20 * MINUTE);
    // Paused + hidden is every 60 s; with errors: 60, 120, 180, 240, 300, 380, 540, 840, 1140 s.
    expect(h.count(PLAYER)).toBe(9);
  });

  it('reads nothing while asleep and once promptly on resume', async () => {
    h = await startPlayer({ engine: { visible: true }, before: (sim) => sim.player.externalResume() });
    h.engine.notifySuspend();
    h.sim.requests.reset();
    await h.clock.advance(20 * MINUTE);
    expect(h.apiCalls()).toEqual([]);
    h.engine.notifyResume();
    await h.clock.advance(2_000);
    expect(h.count(PLAYER)).toBe(1);
    const snapshot = h.engine.getSnapshot();
    expect(snapshot.item?.uri).toBe(h.sim.player.snapshot().itemUri);
    expect(snapshot.progressMs).toBe(h.sim.player.snapshot().progressMs);
  });

  it('goes quiet while offline and reads once when back online', async () => {
    h = await startPlayer({ engine: { visible: true } });
    h.engine.setOnline(false);
    expect(h.engine.getSnapshot().connection).toMatchObject({ status: 'offline' });
    expect(h.engine.getSnapshot().connection.message).toMatch(/offline/);
    h.sim.requests.reset();
    await h.clock.advance(4 * MINUTE);
    expect(h.apiCalls()).toEqual([]);
    h.sim.player.externalResume();
    h.engine.setOnline(true);
    await h.clock.advance(2_000);
    expect(h.apiCalls()).toEqual([`GET ${PLAYER}`]);
    expect(h.engine.getSnapshot()).toMatchObject({ isPlaying: true, connection: { status: 'ok' } });
  });

  it('checks the liked state once per new track, not on a timer', async () => {
    h = await startPlayer({ engine: { visible: true } });
    h.sim.requests.reset();
    await h.clock.advance(5 * MINUTE); // paused: 20 interval reads, same track
    expect(h.count(CONTAINS)).toBe(0);
    await h.engine.next();
    await h.engine.next();
    await h.clock.advance(2_000);
    expect(h.count(CONTAINS)).toBe(1); // one read after the burst, one new track
    const snapshot = h.engine.getSnapshot();
    expect(snapshot.liked).toBe(h.sim.player.likedUris().includes(snapshot.item!.uri));
  });

  it('offers the devices once when nothing is active, and picks up playback started elsewhere', async () => {
    h = await startPlayer({ engine: { visible: true }, before: (sim) => sim.player.deactivate() });
    expect(h.apiCalls()).toEqual([`GET ${PLAYER}`, `GET ${DEVICES}`]);
    const idle = h.engine.getSnapshot();
    expect(idle.connection.status).toBe('no-device');
    expect(idle.devices.map((d) => d.name)).toEqual(['Traytune Desktop', 'Pixel Phone', 'Kitchen Speaker']);
    const phone = idle.devices[1]!.id!;
    h.sim.player.externalTransfer(phone, true);
    await h.clock.advance(30_000);
    const playing = h.engine.getSnapshot();
    expect(playing.connection.status).toBe('ok');
    expect(playing.device?.name).toBe('Pixel Phone');
    expect(playing.devices.find((d) => d.isActive)?.name).toBe('Pixel Phone');
    expect(playing.lastDeviceId).toBe(phone);
    expect(h.count(DEVICES)).toBe(1);
  });
});

describe('PlayerEngine lifecycle', () => {
  it('signed out: the next read reports it and polling stops', async () => {
    h = await startPlayer({ engine: { visible: true } });
    await h.session.signOut();
    await h.clock.advance(DEFAULT_SYNC_POLICY.pausedVisibleMs);
    const snapshot = h.engine.getSnapshot();
    expect(snapshot.connection.status).toBe('signed-out');
    expect(snapshot.connection.message).toMatch(/signed out/);
    h.sim.requests.reset();
    await h.clock.advance(10 * MINUTE);
    expect(h.sim.requests.entries).toEqual([]);
    expect(h.clock.pending).toBe(0);
  });

  it('emits to subscribers until they unsubscribe; a throwing listener harms no one', async () => {
    h = await startPlayer({ start: false });
    const seen: boolean[] = [];
    h.engine.subscribe(() => {
      throw new Error('broken listener');
    });
    const unsubscribe = h.engine.subscribe((s) => seen.push(s.isPlaying));
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      await h.engine.start();
      await h.engine.play();
      unsubscribe();
      const count = seen.length;
      await h.engine.pause();
      expect(seen.length).toBe(count);
      expect(seen).toContain(true);
    } finally {
      console.error = original;
    }
    expect(errors.length).toBeGreaterThan(0);
  });
});
