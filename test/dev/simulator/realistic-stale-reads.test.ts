import { describe, expect, it } from 'vitest';
import type { Simulator } from '../../../dev/simulator/index.ts';
import { call, userToken, type PlaybackBody } from './helpers.ts';
import { only, realisticSimulators } from './realistic-helpers.ts';

const start = realisticSimulators();

const playback = async (sim: Simulator, token: string): Promise<PlaybackBody> => {
  const answer = await call(sim, token, 'GET', '/me/player');
  expect(answer.status).toBe(200);
  return answer.body as PlaybackBody;
};

/** A simulator with only stale reads on, the seed user playing, and a token. */
async function playing(range: { staleReadMinMs: number; staleReadMaxMs: number }, seed = 1) {
  const sim = await start(only(range, seed));
  const token = await userToken(sim);
  sim.player.externalResume();
  return { sim, token };
}

describe('realistic profile: player reads lag commands', () => {
  it('a read right after pause still says playing; after the window it says paused', async () => {
    const { sim, token } = await playing({ staleReadMinMs: 200, staleReadMaxMs: 1500 });
    const before = await playback(sim, token);
    expect(before.is_playing).toBe(true);
    expect((await call(sim, token, 'PUT', '/me/player/pause')).status).toBe(204);
    expect(sim.player.snapshot().isPlaying).toBe(false); // carried out at once…
    expect((await playback(sim, token)).is_playing).toBe(true); // …but not yet visible
    sim.clock.advance(199);
    const stale = await playback(sim, token);
    expect(stale.is_playing).toBe(true);
    // The old view plays on: its progress moves with the clock.
    expect(stale.progress_ms).toBe(before.progress_ms + 199);
    sim.clock.advance(1301);
    expect((await playback(sim, token)).is_playing).toBe(false);
  });

  it('holds every player-state read back: currently-playing, queue and devices', async () => {
    const { sim, token } = await playing({ staleReadMinMs: 1000, staleReadMaxMs: 1000 });
    const reads = ['/me/player/currently-playing', '/me/player/queue', '/me/player/devices'];
    const readAll = () => Promise.all(reads.map(async (path) => (await call(sim, token, 'GET', path)).body));
    const before = await readAll();
    const speaker = sim.player.devices().find((d) => !d.isActive);
    if (!speaker) throw new Error('no inactive device');
    expect((await call(sim, token, 'POST', '/me/player/next')).status).toBe(204);
    expect((await call(sim, token, 'PUT', '/me/player', { device_ids: [speaker.id] })).status).toBe(204);
    expect(await readAll()).toEqual(before);
    sim.clock.advance(1000);
    const [current, queue, devices] = await readAll();
    expect(current).not.toEqual(before[0]);
    expect(queue).not.toEqual(before[1]);
    const active = (devices as { devices: { id: string; is_active: boolean }[] }).devices.find(
      (d) => d.is_active,
    );
    expect(active?.id).toBe(speaker.id);
  });

  it('several commands in a row: the state before the first, until the last one’s window ends', async () => {
    const { sim, token } = await playing({ staleReadMinMs: 1000, staleReadMaxMs: 1000 });
    const volume = (await playback(sim, token)).device.volume_percent;
    await call(sim, token, 'PUT', '/me/player/volume?volume_percent=10');
    sim.clock.advance(600);
    await call(sim, token, 'PUT', '/me/player/volume?volume_percent=20');
    sim.clock.advance(600); // the first window is over, the second is not
    expect((await playback(sim, token)).device.volume_percent).toBe(volume);
    sim.clock.advance(400);
    expect((await playback(sim, token)).device.volume_percent).toBe(20);
  });

  it('a refused command starts no window', async () => {
    const { sim, token } = await playing({ staleReadMinMs: 1000, staleReadMaxMs: 1000 });
    expect((await call(sim, token, 'PUT', '/me/player/volume?volume_percent=500')).status).toBe(400);
    sim.player.externalPause(); // from the phone: not a command of this user's app
    expect((await playback(sim, token)).is_playing).toBe(false);
  });

  it('draws each window from the seed, within 200–1500 ms by default', async () => {
    const lengths = new Set<number>();
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const { sim, token } = await playing({ staleReadMinMs: 200, staleReadMaxMs: 1500 }, seed);
      await call(sim, token, 'PUT', '/me/player/pause');
      let waited = 0;
      while ((await playback(sim, token)).is_playing) {
        sim.clock.advance(50);
        waited += 50;
        if (waited > 2000) throw new Error(`seed ${seed}: still stale after 2 s`);
      }
      expect(waited).toBeGreaterThanOrEqual(200);
      expect(waited).toBeLessThanOrEqual(1550);
      lengths.add(waited);
    }
    expect(lengths.size).toBeGreaterThan(1);
  });

  it('lags only the reads of the user who sent the command', async () => {
    const { sim, token } = await playing({ staleReadMinMs: 1000, staleReadMaxMs: 1000 });
    sim.addUser({ id: 'bob' });
    sim.setConsentUser('bob');
    const bobToken = await userToken(sim);
    sim.playerFor('bob').externalResume();
    await call(sim, bobToken, 'GET', '/me/player');
    await call(sim, token, 'PUT', '/me/player/pause');
    sim.playerFor('bob').externalPause(); // from bob's phone: no command, no window
    expect((await playback(sim, bobToken)).is_playing).toBe(false);
    expect((await playback(sim, token)).is_playing).toBe(true);
  });

  it('never happens in the lenient profile', async () => {
    const sim = await start({ profile: 'lenient' });
    const token = await userToken(sim);
    sim.player.externalResume();
    await call(sim, token, 'PUT', '/me/player/pause');
    expect((await playback(sim, token)).is_playing).toBe(false);
  });
});
