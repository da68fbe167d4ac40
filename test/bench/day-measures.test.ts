/** The day's figures on hand-made timelines: freshness, staleness, flicker, and when states agree. */
import { describe, expect, it } from 'vitest';
import {
  boundaryStaleness,
  externalStaleness,
  flicker,
  freshness,
  type GivenCommand,
} from '../../bench/day/measures.ts';
import { endedNaturally } from '../../bench/day/truth.ts';
import { agrees, firstAgreement, Timeline, type PlayerState, type Sample } from '../../bench/day/timeline.ts';

const A: PlayerState = {
  active: true,
  item: 'spotify:track:a',
  playing: true,
  volume: 50,
  progressMs: 0,
  durationMs: 200_000,
  liked: false,
};

function timeline(...samples: [number, Partial<PlayerState>][]): Timeline {
  const line = new Timeline();
  for (const [t, change] of samples) line.record(t, { ...A, progressMs: t, ...change });
  return line;
}

function command(
  t: number,
  kind: GivenCommand['kind'],
  before: Partial<PlayerState>,
  extra: Partial<GivenCommand> = {},
) {
  const sample: Sample = { t, state: { ...A, progressMs: t, ...before } };
  return { t, kind, before: sample, windowEnd: t + 30_000, ...extra } satisfies GivenCommand;
}

describe('Timeline and agreement', () => {
  it('keeps one sample while only the progress of a playing item moves on, a new one for a seek', () => {
    const line = timeline([0, {}], [1_000, {}], [2_000, {}]);
    expect(line.samples).toHaveLength(1);
    line.record(3_000, { ...A, progressMs: 60_000 });
    expect(line.samples).toHaveLength(2);
    expect(line.at(2_999)?.t).toBe(0);
    expect(line.at(-1)).toBeUndefined();
    expect(() => line.record(10, A)).toThrow(RangeError);
  });

  it('agrees on position within a second, on the other fields exactly, and on idle whatever else', () => {
    const truth: Sample = { t: 0, state: { ...A, progressMs: 10_000 } };
    const near: Sample = { t: 0, state: { ...A, progressMs: 10_900 } };
    const far: Sample = { t: 0, state: { ...A, progressMs: 12_000 } };
    expect(agrees(near, truth, 5_000, 'all')).toBe(true);
    expect(agrees(far, truth, 5_000, 'all')).toBe(false);
    expect(agrees(far, truth, 5_000, 'item')).toBe(true);
    expect(agrees({ t: 0, state: { ...A, volume: 40 } }, { t: 0, state: A }, 0, 'volume')).toBe(false);
    const idle = { ...A, active: false };
    expect(agrees({ t: 0, state: idle }, { t: 0, state: { ...idle, item: 'x' } }, 0, 'all')).toBe(true);
  });

  it('finds the first moment the shown state agrees, checking only when either side changes', () => {
    const truth = timeline([0, {}], [1_000, { item: 'b', progressMs: 0 }]);
    const shown = timeline([0, {}], [1_400, { item: 'b', progressMs: 400 }]);
    expect(firstAgreement(truth, shown, 1_000, 10_000, 'item')).toBe(1_400);
    expect(firstAgreement(truth, shown, 1_000, 1_300, 'item')).toBeNull();
    expect(firstAgreement(truth, shown, 500, 10_000, 'item')).toBe(500);
  });
});

describe('freshness (fresh when looked at)', () => {
  it('is 0 when the shown state already matches, the catch-up time when not, the show length when never', () => {
    // The server skips at 5 s; the player shows it at 5.3 s. Volume changes at 20 s and is never shown.
    const truth = timeline(
      [0, {}],
      [5_000, { item: 'b', progressMs: 0 }],
      [20_000, { item: 'b', progressMs: 15_000, volume: 10 }],
    );
    const shown = timeline([0, {}], [5_300, { item: 'b', progressMs: 300 }]);
    const result = freshness(truth, shown, [
      { at: 1_000, durationMs: 2_000 }, // fresh at once
      { at: 5_100, durationMs: 2_000 }, // 200 ms until the skip shows
      { at: 21_000, durationMs: 4_000 }, // never: counted as 4 000 ms
    ]);
    expect(result).toMatchObject({ n: 3, p50Ms: 200, p95Ms: 4_000, worstMs: 4_000, neverFresh: 1 });
  });
});

describe('track boundary and other-device change → shown', () => {
  it('measures boundaries the player was up to date for, and excludes the others', () => {
    const truth = timeline(
      [0, {}],
      [200_000, { item: 'b', progressMs: 0 }],
      [400_000, { item: 'c', progressMs: 0 }],
    );
    // Shows b 800 ms late; never showed b before c began, and shows c 1.5 s late.
    const shown = timeline(
      [0, {}],
      [200_800, { item: 'b', progressMs: 800 }],
      [300_000, { item: 'x', progressMs: 0 }],
      [401_500, { item: 'c', progressMs: 1_500 }],
    );
    const result = boundaryStaleness(
      truth,
      shown,
      [
        { t: 200_000, from: 'spotify:track:a', to: 'b' },
        { t: 400_000, from: 'b', to: 'c' },
      ],
      500_000,
    );
    expect(result).toMatchObject({ n: 1, medianMs: 800, worstMs: 800, excluded: 1, neverShown: 0 });
  });

  it('measures each change on what it changed', () => {
    const truth = timeline(
      [0, {}],
      [10_000, { playing: false, progressMs: 10_000 }],
      [20_000, { playing: false, progressMs: 10_000, volume: 90 }],
    );
    const shown = timeline(
      [0, {}],
      [10_600, { playing: false, progressMs: 10_000 }],
      [23_000, { playing: false, progressMs: 10_000, volume: 90 }],
    );
    const result = externalStaleness(
      truth,
      shown,
      [
        { t: 10_000, kind: 'pause' },
        { t: 20_000, kind: 'volume' },
      ],
      60_000,
    );
    expect(result).toMatchObject({ n: 2, medianMs: 600, worstMs: 3_000, neverShown: 0 });
    expect(result.byKind.volume).toMatchObject({ n: 1, worstMs: 3_000 });
  });
});

describe('flicker after own commands', () => {
  const paused = { playing: false };

  it('counts the shown value going back to the pre-command one before settling on the new one', () => {
    // Pause at 1 s: shown paused at once (optimistic), a stale read shows playing at 1.3 s, then paused.
    const truth = timeline([0, {}], [1_100, { ...paused, progressMs: 1_100 }]);
    const shown = timeline(
      [0, {}],
      [1_000, { ...paused, progressMs: 1_000 }],
      [1_300, { progressMs: 1_000 }],
      [2_000, { ...paused, progressMs: 1_100 }],
    );
    const result = flicker(truth, shown, [command(1_000, 'pause', {})]);
    expect(result).toEqual({ reversals: 1, commandsFlickered: 1, rolledBack: 0, measured: 1 });
  });

  it('counts nothing when the new value, once shown, stays', () => {
    const truth = timeline([0, {}], [1_100, { ...paused, progressMs: 1_100 }]);
    const shown = timeline(
      [0, {}],
      [1_000, { ...paused, progressMs: 1_000 }],
      [2_000, { ...paused, progressMs: 1_100 }],
    );
    expect(flicker(truth, shown, [command(1_000, 'pause', {})]).reversals).toBe(0);
  });

  it('counts a going back as a rollback, not flicker, when the server never took the command', () => {
    const truth = timeline([0, {}]);
    const shown = timeline(
      [0, {}],
      [1_000, { ...paused, progressMs: 1_000 }],
      [1_300, { progressMs: 1_300 }],
    );
    expect(flicker(truth, shown, [command(1_000, 'pause', {})])).toEqual({
      reversals: 0,
      commandsFlickered: 0,
      rolledBack: 1,
      measured: 1,
    });
  });

  it('ignores values that are neither the old nor the new one, and what comes after the window', () => {
    // Volume 50 → 80: passes 65 (a drag), back to 50 only after the window ended.
    const truth = timeline(
      [0, {}],
      [1_000, { volume: 80, progressMs: 1_000 }],
      [40_000, { volume: 50, progressMs: 40_000 }],
    );
    const shown = timeline(
      [0, {}],
      [1_000, { volume: 65, progressMs: 1_000 }],
      [1_200, { volume: 80, progressMs: 1_200 }],
      [1_400, { volume: 65, progressMs: 1_400 }],
      [1_600, { volume: 80, progressMs: 1_600 }],
      [40_500, { volume: 50, progressMs: 40_500 }],
    );
    const given = command(1_000, 'volume', {}, { target: 80 });
    expect(flicker(truth, shown, [given]).reversals).toBe(0);
  });

  it('tells a seek’s new position from the old one as the track plays on', () => {
    // Seek from 10 s to 100 s at t = 10 s; a stale read shows the old position (moved on) at 10.4 s.
    const truth = timeline([0, {}], [10_000, { progressMs: 100_000 }]);
    const shown = timeline(
      [0, {}],
      [10_000, { progressMs: 100_000 }],
      [10_400, { progressMs: 10_400 }],
      [11_000, { progressMs: 101_000 }],
    );
    const given = command(10_000, 'seek', { progressMs: 10_000 }, { target: 100_000 });
    expect(flicker(truth, shown, [given]).reversals).toBe(1);
  });

  it('counts next/previous by the item, and leaves likes out when the player shows no liked state', () => {
    const truth = timeline([0, {}], [1_000, { item: 'b', progressMs: 0 }]);
    const shown = timeline(
      [0, {}],
      [1_200, { item: 'b', progressMs: 0 }],
      [1_500, { progressMs: 1_500 }],
      [2_000, { item: 'b', progressMs: 1_000 }],
    );
    const result = flicker(truth, shown, [
      command(1_000, 'next', {}),
      command(5_000, 'like', { liked: null }),
    ]);
    expect(result).toEqual({ reversals: 1, commandsFlickered: 1, rolledBack: 0, measured: 1 });
  });
});

describe('natural boundaries (truth recorder)', () => {
  const last: Sample = { t: 0, state: { ...A, progressMs: 199_000 } };
  it('is a new item after the old one played to its end, not a skip before it', () => {
    expect(endedNaturally(last, { ...A, item: 'b' }, 1_000, 60_000)).toBe(true);
    expect(endedNaturally(last, { ...A, item: 'b' }, 500, 60_000)).toBe(false);
  });
  it('is any new item after one of unknown length, unless an action was just made', () => {
    const ad: Sample = { t: 0, state: { ...A, item: null, durationMs: null } };
    expect(endedNaturally(ad, A, 20_000, 60_000)).toBe(true);
    expect(endedNaturally(ad, A, 20_000, 1_000)).toBe(false);
  });
});
