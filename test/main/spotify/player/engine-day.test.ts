/**
 * A whole simulated day against the simulator: 10 hours, 8 of them playing, the mini-player shown for
 * 60 minutes in 20 visits, 40 own commands and 40 changes made on other devices. The engine must stay
 * within 500 requests and still show each track boundary within 2 s of its real time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RequestBudgetView } from '../../../../src/main/spotify/player/sync-policy.ts';
import { MINUTE, startPlayer, type PlayerHarness } from './harness.ts';

let h: PlayerHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const DAY_BUDGET = 500;

type Step = { at: number; run: (h: PlayerHarness) => unknown };

/** The simulator's item and when it ends (null: not playing). */
function simItem(h: PlayerHarness): { uri: string | null; endsAt: number | null } {
  const state = h.sim.player.snapshot();
  const track = h.sim.player.catalogue().find((t) => t.uri === state.itemUri);
  const endsAt = state.isPlaying && track ? h.clock.now() + track.durationMs - state.progressMs : null;
  return { uri: state.itemUri, endsAt };
}

/** The day's events, by minute from the start. */
function day(): Step[] {
  const steps: Step[] = [];
  const own: ((h: PlayerHarness, i: number) => unknown)[] = [
    (h) => h.engine.next(),
    (h, i) => h.engine.setVolume(40 + i),
    (h) => h.engine.toggleLike(),
    (h) => h.engine.toggleShuffle(),
    (h) => h.engine.previous(),
    (h) => h.engine.addToQueue(h.sim.player.catalogue()[3]!.uri),
    (h) => h.engine.seek(30_000),
    (h, i) => h.engine.setVolume(60 - i),
  ];
  for (let visit = 0; visit < 20; visit++) {
    const start = 15 + 30 * visit;
    steps.push({ at: start, run: (h) => h.engine.setVisible(true) });
    for (const offset of [1, 2]) {
      const i = visit * 2 + offset - 1;
      const command = own[i % own.length]!;
      steps.push({ at: start + offset, run: (h) => command(h, i) });
    }
    steps.push({ at: start + 3, run: (h) => h.engine.setVisible(false) });
  }
  for (let change = 0; change < 40; change++) {
    const at = 5 + 13 * change; // all before nothing is active (the last hour)
    const kinds = [
      (h: PlayerHarness) => h.sim.player.externalSkip(),
      (h: PlayerHarness) => h.sim.player.externalVolume(30 + change),
      (h: PlayerHarness) => h.sim.player.externalShuffle(change % 2 === 0),
    ];
    steps.push({ at, run: kinds[change % kinds.length]! });
  }
  // 8 hours playing: paused from 4 h to 5 h, nothing active for the last hour.
  steps.push({ at: 240, run: (h) => h.sim.player.externalPause() });
  steps.push({ at: 300, run: (h) => h.sim.player.externalResume() });
  steps.push({ at: 540, run: (h) => h.sim.player.deactivate() });
  return steps.sort((a, b) => a.at - b.at);
}

describe('a whole day', () => {
  it('10 h, 8 playing, 20 visits, 40 own commands, 40 external changes: ≤ 500 requests, boundaries within 2 s', async () => {
    let sim: PlayerHarness['sim'] | undefined;
    const used = () => (sim ? sim.requests.entries.length : 0);
    const budget: RequestBudgetView = {
      dayUsedFraction: () => used() / DAY_BUDGET,
      nextBackgroundSlot: (now) => now,
    };
    h = await startPlayer({
      engine: { budget },
      before: (s) => {
        sim = s;
        s.player.externalRepeat('context'); // the seed context must not run out during the day
        s.player.externalResume();
      },
    });
    const start = h.clock.now();
    // The simulator's natural track ends, watched second by second (the test's own reads are no requests).
    const ends: { uri: string; at: number }[] = [];
    let watched = simItem(h);
    const until = async (at: number) => {
      while (h!.clock.now() < at) {
        await h!.clock.advance(Math.min(1_000, at - h!.clock.now()));
        const now = simItem(h!);
        if (now.uri !== watched.uri && watched.endsAt !== null && watched.endsAt <= h!.clock.now()) {
          ends.push({ uri: watched.uri!, at: watched.endsAt });
        }
        watched = now;
      }
    };
    for (const step of day()) {
      await until(start + step.at * MINUTE);
      await step.run(h);
      watched = simItem(h);
    }
    await until(start + 600 * MINUTE);
    const requests = h.sim.requests.entries.length;
    console.info(`a simulated day: ${requests} requests, ${ends.length} natural track ends`);
    expect(requests).toBeLessThanOrEqual(DAY_BUDGET);

    // Every natural track end the engine had in view was shown within 2 s.
    let checked = 0;
    for (const end of ends) {
      const before = h.snapshots.filter((s) => s.at < end.at).at(-1);
      if (before?.item?.uri !== end.uri || !before.isPlaying) continue; // not what the engine showed
      const after = h.snapshots.find((s) => s.at >= end.at && s.item !== null && s.item.uri !== end.uri);
      expect(after, `the item after ${end.uri} at ${(end.at - start) / MINUTE} min`).toBeDefined();
      expect(after!.at - end.at).toBeLessThanOrEqual(2_000);
      checked++;
    }
    expect(checked).toBeGreaterThan(80);
  });
});
