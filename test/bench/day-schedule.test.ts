/** The day's seeded plan: the counts and sums the day's figures rest on. */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DAY_SCHEDULE,
  generateDaySchedule,
  plannedPlayingMs,
  type DaySchedule,
} from '../../bench/day/schedule.ts';
import { dayOptionsFor } from '../../bench/day/run-day.ts';

const HOUR = 3_600_000;

describe('generateDaySchedule', () => {
  const day = generateDaySchedule(DEFAULT_DAY_SCHEDULE);

  it('plans 10 hours with 8 of them playing, in pause blocks and short pauses', () => {
    expect(day.dayMs).toBe(10 * HOUR);
    expect(plannedPlayingMs(day)).toBe(8 * HOUR);
    expect(day.pauseBlocks).toHaveLength(2);
    const blocks = day.pauseBlocks.reduce((sum, block) => sum + block.end - block.start, 0);
    // The rest of the 2 paused hours is short pauses (own pause → play, phone pause → resume).
    expect(blocks).toBeGreaterThan(HOUR);
    expect(blocks).toBeLessThan(2 * HOUR);
  });

  it('shows the mini-player 20 times, 60 minutes in all, never two at once', () => {
    expect(day.shows).toHaveLength(20);
    expect(day.shows.reduce((sum, show) => sum + show.durationMs, 0)).toBe(60 * 60_000);
    const lengths = new Set(day.shows.map((show) => show.durationMs));
    expect(lengths.size).toBeGreaterThan(5); // seeded lengths, not twenty equal ones
    for (const [i, show] of day.shows.entries()) {
      expect(show.durationMs).toBeGreaterThan(0);
      expect(show.at).toBeGreaterThanOrEqual(0);
      expect(show.at + show.durationMs).toBeLessThanOrEqual(day.dayMs);
      const next = day.shows[i + 1];
      if (next) expect(show.at + show.durationMs).toBeLessThanOrEqual(next.at);
    }
  });

  it('gives 40 own commands of every kind and 40 changes on another device', () => {
    const commands = day.actions.filter((action) => action.type === 'command');
    const external = day.actions.filter((action) => action.type === 'external');
    expect(commands).toHaveLength(40);
    expect(external).toHaveLength(40);
    expect(new Set(commands.map((c) => c.kind))).toEqual(
      new Set(['pause', 'play', 'next', 'previous', 'seek', 'volume', 'like']),
    );
    expect(new Set(external.map((c) => c.kind))).toEqual(
      new Set(['pause', 'resume', 'skip', 'seek', 'volume']),
    );
    // Every own pause is followed by an own play; the pause blocks are the phone's pause and resume.
    expect(commands.filter((c) => c.kind === 'pause')).toHaveLength(
      commands.filter((c) => c.kind === 'play').length,
    );
    expect(external.filter((c) => c.block)).toHaveLength(4);
    for (const action of day.actions) {
      if (action.kind === 'seek') expect(action.value).toBeGreaterThan(0);
      if (action.kind === 'volume') expect(action.value).toBeGreaterThanOrEqual(10);
    }
  });

  it('keeps actions in order, inside the day, out of the pause blocks and apart from each other', () => {
    const times = day.actions.map((action) => action.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Math.max(...times)).toBeLessThan(day.dayMs);
    for (const action of day.actions) {
      const inside = day.pauseBlocks.some((block) => action.at > block.start && action.at < block.end);
      expect(inside).toBe(false);
    }
    expectApart(day, DEFAULT_DAY_SCHEDULE.minGapMs);
  });

  it('is the same day for the same seed and another day for another seed', () => {
    expect(generateDaySchedule(DEFAULT_DAY_SCHEDULE)).toEqual(day);
    expect(generateDaySchedule({ ...DEFAULT_DAY_SCHEDULE, seed: 2 })).not.toEqual(day);
  });

  it('keeps the proportions in a shorter day (dayOptionsFor)', () => {
    const short = generateDaySchedule(dayOptionsFor(HOUR, 3).schedule);
    expect(plannedPlayingMs(short)).toBe(0.8 * HOUR);
    expect(short.shows.reduce((sum, show) => sum + show.durationMs, 0)).toBe(6 * 60_000);
    expect(short.actions.filter((a) => a.type === 'command')).toHaveLength(4);
    expect(short.actions.filter((a) => a.type === 'external')).toHaveLength(4);
  });

  it('refuses a plan that cannot fit', () => {
    expect(() => generateDaySchedule({ ...DEFAULT_DAY_SCHEDULE, externalChanges: 3 })).toThrow(/at least 4/);
    expect(() => generateDaySchedule({ ...DEFAULT_DAY_SCHEDULE, minGapMs: 10 * 60_000 })).toThrow(
      /do not fit/,
    );
  });
});

describe('plannedPlayingMs', () => {
  it('adds up the playing stretches between pauses and plays', () => {
    const day: DaySchedule = {
      dayMs: 1_000,
      shows: [],
      pauseBlocks: [],
      actions: [
        { type: 'command', kind: 'pause', at: 100 },
        { type: 'command', kind: 'next', at: 150 }, // no effect on playing
        { type: 'command', kind: 'play', at: 300 },
        { type: 'external', kind: 'pause', at: 600 },
        { type: 'external', kind: 'pause', at: 650 }, // already paused
        { type: 'external', kind: 'resume', at: 900 },
      ],
    };
    expect(plannedPlayingMs(day)).toBe(100 + 300 + 100);
  });
});

/** Actions are minGapMs apart, except the two halves of a short pause or of a pause block. */
function expectApart(day: DaySchedule, minGapMs: number): void {
  const block = (action: DaySchedule['actions'][number]): boolean =>
    action.type === 'external' && action.block === true;
  const paired = (a: DaySchedule['actions'][number], b: DaySchedule['actions'][number]): boolean =>
    a.type === b.type &&
    a.kind === 'pause' &&
    (b.kind === 'play' || b.kind === 'resume') &&
    block(a) === block(b);
  for (let i = 1; i < day.actions.length; i++) {
    const a = day.actions[i - 1] as DaySchedule['actions'][number];
    const b = day.actions[i] as DaySchedule['actions'][number];
    if (paired(a, b)) continue;
    expect(b.at - a.at, `${a.kind} at ${a.at} → ${b.kind} at ${b.at}`).toBeGreaterThanOrEqual(minGapMs);
  }
}
