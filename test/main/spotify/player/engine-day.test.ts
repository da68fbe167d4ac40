/**
 * A whole simulated day against the simulator's realistic profile (lagging reads, ads, episodes, refusals,
 * the rate limit and the daily quota): 10 hours, 8 of them playing, the mini-player shown 20 times, 40 own
 * commands and 40 changes made on other devices. The engine runs as in the app, counting into a request
 * budget of the default size, and is judged by the benchmark day's rules (bench/day/measures.ts): at most
 * 500 Web API requests and no 429; every track boundary it could predict shown within 2 s; ends of ads
 * (no length known) within 3.5 s; boundaries after an other-device change it had not shown yet reported
 * apart, as the bench does.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { boundaryStaleness } from '../../../../bench/day/measures.ts';
import { stateOfSnapshot } from '../../../../bench/day/observers.ts';
import type { ExternalKind } from '../../../../bench/day/schedule.ts';
import { Timeline } from '../../../../bench/day/timeline.ts';
import { TruthRecorder } from '../../../../bench/day/truth.ts';
import { loadOpenApiContract } from '../../../../dev/simulator/openapi-contract.ts';
import { RequestBudget } from '../../../../src/main/spotify/request-budget.ts';
import { MINUTE, startPlayer, type PlayerHarness } from './harness.ts';

let h: PlayerHarness | undefined;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  await h?.close();
  h = undefined;
});

const DAY_TARGET = 500;

/** A step of the day; `external` names an other-device change the boundary classes need to know of. */
type Step = { at: number; run: (h: PlayerHarness) => unknown; external?: ExternalKind };

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
    const kinds: Omit<Step, 'at'>[] = [
      { run: (h) => h.sim.player.externalSkip(), external: 'skip' },
      { run: (h) => h.sim.player.externalVolume(30 + change), external: 'volume' },
      { run: (h) => h.sim.player.externalShuffle(change % 2 === 0) },
    ];
    steps.push({ at, ...kinds[change % kinds.length]! });
  }
  // 8 hours playing: paused from 4 h to 5 h, nothing active for the last hour.
  steps.push({ at: 240, run: (h) => h.sim.player.externalPause(), external: 'pause' });
  steps.push({ at: 300, run: (h) => h.sim.player.externalResume(), external: 'resume' });
  steps.push({ at: 540, run: (h) => h.sim.player.deactivate() });
  return steps.sort((a, b) => a.at - b.at);
}

describe('a whole day on the realistic profile', () => {
  it('10 h, 8 playing, 20 visits, 40 own commands, 40 external changes: ≤ 500 requests, no 429, boundaries within 2 s', async () => {
    const contract = await loadOpenApiContract();
    const budget = new RequestBudget(); // the app's default daily budget, as the app gives the engine
    h = await startPlayer({
      sim: { profile: 'realistic', randomSeed: 1, contract },
      client: { recorder: budget },
      engine: { budget },
      before: (s) => {
        s.player.externalRepeat('context'); // the seed context must not run out during the day
        s.player.externalResume();
      },
    });
    const { clock, engine } = h;
    const start = clock.now();
    // The server's side, sampled after every timer and at the exact end of each item; the shown side.
    const truth = new TruthRecorder(h.sim, clock);
    const shown = new Timeline();
    shown.record(start, stateOfSnapshot(engine.getSnapshot(), start));
    cleanups.push(
      () => truth.stop(),
      engine.subscribe((snapshot) => shown.record(clock.now(), stateOfSnapshot(snapshot, clock.now()))),
      clock.onSettle(() => {
        truth.sample();
        return Promise.resolve();
      }),
    );
    truth.sample();

    const changes: { t: number; kind: ExternalKind }[] = [];
    for (const step of day()) {
      const at = start + step.at * MINUTE;
      await clock.advance(at - clock.now());
      truth.noteAction(); // an item change now is this step's doing, not a natural end
      await step.run(h);
      truth.sample();
      if (step.external) changes.push({ t: clock.now(), kind: step.external });
    }
    const dayEnd = start + 600 * MINUTE;
    await clock.advance(dayEnd - clock.now());

    const requests = h.sim.requests.entries.filter(
      (e) => e.path.startsWith('/v1/') && e.at >= start && e.at < dayEnd,
    );
    const answered429 = requests.filter((e) => e.status === 429).length;
    const boundaries = boundaryStaleness(truth.timeline, shown, truth.boundaries, dayEnd, changes);
    const { afterAd, afterUnseenChange } = boundaries;
    console.info(
      `a realistic day: ${requests.length} requests, ${answered429} × 429; boundaries: ${boundaries.n} ` +
        `(worst ${boundaries.worstMs} ms, ${boundaries.excluded} excluded), after an ad: ${afterAd.n} ` +
        `(worst ${afterAd.worstMs} ms), after an unseen other-device change: ${afterUnseenChange.n} ` +
        `(worst ${afterUnseenChange.worstMs} ms, never shown ${afterUnseenChange.neverShown})`,
    );
    expect(requests.length).toBeLessThanOrEqual(DAY_TARGET);
    expect(answered429).toBe(0);
    expect(h.sim.contractViolations).toEqual([]);

    // Every boundary the engine could predict, shown within 2 s of the item's end.
    expect(boundaries.n).toBeGreaterThan(60);
    expect(boundaries.neverShown).toBe(0);
    expect(boundaries.worstMs).toBeLessThanOrEqual(2_000);
    // The realistic profile plays ads: their ends are found by reading in steps.
    expect(afterAd.n).toBeGreaterThan(0);
    expect(afterAd.neverShown).toBe(0);
    expect(afterAd.worstMs).toBeLessThanOrEqual(3_500);
  }, 60_000);
});
