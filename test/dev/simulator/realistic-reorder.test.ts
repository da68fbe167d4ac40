import { describe, expect, it } from 'vitest';
import type { ProfileOptions } from '../../../dev/simulator/profile.ts';
import { call, userToken } from './helpers.ts';
import { only, realisticSimulators } from './realistic-helpers.ts';

const start = realisticSimulators();

/** Volume 30 then 50, back to back: the volume the player ends at. */
async function volumeAfterTwoCommands(options: ProfileOptions, gapMs = 0): Promise<number | null> {
  const sim = await start(options);
  const token = await userToken(sim);
  expect((await call(sim, token, 'PUT', '/me/player/volume?volume_percent=30')).status).toBe(204);
  sim.clock.advance(gapMs);
  expect((await call(sim, token, 'PUT', '/me/player/volume?volume_percent=50')).status).toBe(204);
  return sim.player.snapshot().volumePercent;
}

const SEEDS = Array.from({ length: 12 }, (_, i) => i + 1);

describe('realistic profile: commands close together may land out of order', () => {
  it('ends at the first volume for some seeds and at the second for others (default p = 0.25)', async () => {
    const finals: (number | null)[] = [];
    for (const seed of SEEDS)
      finals.push(await volumeAfterTwoCommands(only({ reorderProbability: 0.25 }, seed)));
    expect(finals).toContain(30);
    expect(finals).toContain(50);
    // The same seed swaps the same way every run.
    const again: (number | null)[] = [];
    for (const seed of SEEDS)
      again.push(await volumeAfterTwoCommands(only({ reorderProbability: 0.25 }, seed)));
    expect(again).toEqual(finals);
  });

  it('never swaps commands more than the window apart', async () => {
    for (const seed of SEEDS) {
      expect(
        await volumeAfterTwoCommands(only({ reorderProbability: 1, reorderWithinMs: 100 }, seed), 101),
      ).toBe(50);
    }
    expect(await volumeAfterTwoCommands(only({ reorderProbability: 1, reorderWithinMs: 100 }), 100)).toBe(30);
  });

  it('never re-applies a POST: two nexts close together skip two tracks, not three', async () => {
    const sim = await start(only({ reorderProbability: 1 }));
    const token = await userToken(sim);
    const queue = sim.player.snapshot().queue;
    await call(sim, token, 'POST', '/me/player/next');
    await call(sim, token, 'POST', '/me/player/next');
    expect(sim.player.snapshot().itemUri).toBe(queue[1]);
  });

  it('a POST may overtake a PUT: seek then next ends on the next track at the sought position', async () => {
    const sim = await start(only({ reorderProbability: 1 }));
    const token = await userToken(sim);
    const next = sim.player.snapshot().queue[0];
    await call(sim, token, 'PUT', '/me/player/seek?position_ms=10000');
    await call(sim, token, 'POST', '/me/player/next');
    expect(sim.player.snapshot()).toMatchObject({ itemUri: next, progressMs: 10_000 });
  });

  it('never happens in the lenient profile', async () => {
    for (const seed of SEEDS)
      expect(await volumeAfterTwoCommands({ profile: 'lenient', randomSeed: seed })).toBe(50);
  });
});
