import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ROLLING_GUARD,
  RequestBudget,
  RequestCountsError,
  requestCountsSchema,
  type RequestBudgetView,
  type RequestCounts,
  type RequestCountsStore,
} from '../../../src/main/spotify/request-budget.ts';
import { FakeClock } from '../../support/fake-clock.ts';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Minute-aligned, so per-minute persistence is easy to reason about. */
const T0 = 1_800_000_000_000 - (1_800_000_000_000 % MINUTE);

/** A store in memory that keeps every save, and can be told to fail. */
class MemoryCountsStore implements RequestCountsStore {
  saved: RequestCounts | null;
  saves: RequestCounts[] = [];
  failNextSave = false;
  constructor(initial: RequestCounts | null = null) {
    this.saved = initial;
  }
  load(): RequestCounts | null {
    return this.saved;
  }
  save(counts: RequestCounts): Promise<void> {
    if (this.failNextSave) {
      this.failNextSave = false;
      return Promise.reject(new Error('EACCES'));
    }
    // Through JSON, as a file would hold it.
    this.saved = requestCountsSchema.parse(JSON.parse(JSON.stringify(counts)));
    this.saves.push(this.saved);
    return Promise.resolve();
  }
}

function recordEvery(budget: RequestBudget, from: number, count: number, stepMs: number): number {
  let at = from;
  for (let i = 0; i < count; i++, at += stepMs) budget.record(at);
  return at - stepMs;
}

describe('RequestBudget: counting', () => {
  it('counts the last hour and the last 24 hours as rolling windows', () => {
    const budget = new RequestBudget();
    budget.record(T0);
    budget.record(T0 + 30 * MINUTE);
    budget.record(T0 + 2 * HOUR);
    const now = T0 + 2 * HOUR;
    expect(budget.usedInLastHour(now)).toBe(1);
    expect(budget.usedToday(now)).toBe(3);
    // Exactly one hour after the second request, it has left the hour.
    expect(budget.usedInLastHour(T0 + 90 * MINUTE - 1)).toBe(1);
    expect(budget.usedInLastHour(T0 + 30 * MINUTE + HOUR)).toBe(0);
    // 24 h after the first, it leaves "today"; the other two stay.
    expect(budget.usedToday(T0 + DAY - 1)).toBe(3);
    expect(budget.usedToday(T0 + DAY)).toBe(2);
    expect(budget.usedToday(T0 + 2 * HOUR + DAY)).toBe(0);
  });

  it('does not count requests after `now`, and keeps order when the clock steps back', () => {
    const budget = new RequestBudget();
    budget.record(T0 + 10 * SECOND);
    budget.record(T0); // the clock stepped back
    budget.record(T0 + 5 * SECOND);
    expect(budget.usedToday(T0)).toBe(1);
    expect(budget.usedToday(T0 + 5 * SECOND)).toBe(2);
    expect(budget.usedToday(T0 + 10 * SECOND)).toBe(3);
    expect(budget.snapshot(T0 + 10 * SECOND).minutes).toEqual([[T0 / MINUTE, 3]]);
  });

  it('stays exact across many days of steady requests (old ones are pruned, not counted)', () => {
    const budget = new RequestBudget();
    // One request a minute for three days.
    const last = recordEvery(budget, T0, 3 * 24 * 60, MINUTE);
    expect(budget.usedToday(last)).toBe(24 * 60);
    expect(budget.usedInLastHour(last)).toBe(60);
    expect(budget.snapshot(last).minutes).toHaveLength(24 * 60);
  });

  it('the day fraction is today over the budget, and may pass 1', () => {
    const budget = new RequestBudget({ dailyBudget: 200 });
    expect(budget.dayUsedFraction(T0)).toBe(0);
    recordEvery(budget, T0, 50, SECOND);
    expect(budget.dayUsedFraction(T0 + HOUR)).toBe(0.25);
    recordEvery(budget, T0 + HOUR, 250, SECOND);
    expect(budget.dayUsedFraction(T0 + 2 * HOUR)).toBe(1.5);
    // A new budget applies at once.
    budget.setDailyBudget(600);
    expect(budget.dailyBudget).toBe(600);
    expect(budget.dayUsedFraction(T0 + 2 * HOUR)).toBe(0.5);
    expect(budget.dayUsedFraction(T0 + DAY + HOUR - 1)).toBe(250 / 600);
  });

  it('refuses a budget outside 100..10,000 or not whole, saying which values are allowed', () => {
    for (const bad of [99, 10_001, 150.5, Number.NaN]) {
      expect(() => new RequestBudget({ dailyBudget: bad })).toThrow(/whole number from 100 to 10000/);
    }
    const budget = new RequestBudget();
    expect(() => budget.setDailyBudget(0)).toThrow(RangeError);
    expect(budget.dailyBudget).toBe(1_000);
  });

  it('tells listeners about each request and each budget change, and stops when unsubscribed', () => {
    const budget = new RequestBudget();
    let calls = 0;
    const off = budget.onChange(() => calls++);
    budget.record(T0);
    budget.setDailyBudget(500);
    budget.setDailyBudget(500); // unchanged: nothing to tell
    expect(calls).toBe(2);
    off();
    budget.record(T0 + 1);
    expect(calls).toBe(2);
  });

  it('structurally is the RequestBudgetView the engine consumes', () => {
    const view: RequestBudgetView = new RequestBudget();
    expect(view.dayUsedFraction(T0)).toBe(0);
    expect(view.nextBackgroundSlot(T0)).toBe(T0);
  });
});

describe('RequestBudget: the rolling guard', () => {
  it('lets a background read out at once while the window has room', () => {
    const budget = new RequestBudget({
      guard: { windowMs: 30 * SECOND, windowLimit: 20, backgroundLimit: 12 },
    });
    recordEvery(budget, T0, 11, SECOND);
    expect(budget.usedInWindow(T0 + 10 * SECOND)).toBe(11);
    expect(budget.nextBackgroundSlot(T0 + 10 * SECOND)).toBe(T0 + 10 * SECOND);
  });

  it('at the background share, the next slot is when enough requests have left the window', () => {
    const budget = new RequestBudget({
      guard: { windowMs: 30 * SECOND, windowLimit: 20, backgroundLimit: 12 },
    });
    // 12 requests at T0, T0+1 s, … T0+11 s.
    recordEvery(budget, T0, 12, SECOND);
    const now = T0 + 11 * SECOND;
    // The first one leaves at T0 + 30 s: then 11 remain, below 12.
    expect(budget.nextBackgroundSlot(now)).toBe(T0 + 30 * SECOND);
    expect(budget.usedInWindow(T0 + 30 * SECOND)).toBe(11);
    expect(budget.nextBackgroundSlot(T0 + 30 * SECOND)).toBe(T0 + 30 * SECOND);
    expect(budget.nextBackgroundSlot(T0 + 30 * SECOND - 1)).toBe(T0 + 30 * SECOND);
  });

  it('commands leave background reads only what they do not use', () => {
    const budget = new RequestBudget({
      guard: { windowMs: 30 * SECOND, windowLimit: 20, backgroundLimit: 12 },
    });
    // A burst of 18 (the user skipping tracks) in the first 9 s.
    recordEvery(budget, T0, 18, 500);
    const now = T0 + 9 * SECOND;
    // 18 in the window: 7 must leave before a background read (18 - 7 = 11 < 12). The 7th left is at +3 s.
    expect(budget.nextBackgroundSlot(now)).toBe(T0 + 3 * SECOND + 30 * SECOND);
    expect(budget.usedInWindow(T0 + 33 * SECOND)).toBe(11);
  });

  it('never schedules more than the background share in any window', () => {
    const guard = { windowMs: 30 * SECOND, windowLimit: 20, backgroundLimit: 12 };
    const budget = new RequestBudget({ guard });
    // A reader that always goes at its slot, for ten minutes.
    let now = T0;
    const reads: number[] = [];
    while (now < T0 + 10 * MINUTE) {
      now = Math.max(now, budget.nextBackgroundSlot(now));
      budget.record(now);
      reads.push(now);
      now += 100; // wants to read every 100 ms
    }
    for (const at of reads) {
      const inWindow = reads.filter((t) => t > at - guard.windowMs && t <= at).length;
      expect(inWindow).toBeLessThanOrEqual(guard.backgroundLimit);
    }
    // …and it is not starved either: 12 per 30 s over ten minutes.
    expect(reads.length).toBeGreaterThanOrEqual(12 * 20);
  });

  it('refuses a guard whose background share exceeds the window limit', () => {
    expect(() => new RequestBudget({ guard: { windowLimit: 10, backgroundLimit: 11 } })).toThrow(RangeError);
    expect(() => new RequestBudget({ guard: { windowMs: 0 } })).toThrow(/whole positive numbers/);
  });
});

describe('RequestBudget: persistence', () => {
  it('saves per-minute counts a few seconds after a request, not on every one', async () => {
    const clock = new FakeClock(T0);
    const store = new MemoryCountsStore();
    const budget = new RequestBudget({ store, scheduler: clock, now: clock.now(), saveDelayMs: 10 * SECOND });
    budget.record(T0);
    budget.record(T0 + 1 * SECOND);
    budget.record(T0 + 61 * SECOND);
    expect(store.saves).toHaveLength(0);
    expect(clock.pending).toBe(1);
    await clock.advance(10 * SECOND);
    expect(store.saves).toHaveLength(1);
    expect(store.saved).toEqual({
      version: 1,
      minutes: [
        [T0 / MINUTE, 2],
        [T0 / MINUTE + 1, 1],
      ],
    });
    // Nothing new: no timer, no write.
    await clock.advance(MINUTE);
    expect(store.saves).toHaveLength(1);
    budget.dispose();
  });

  it('round trip: a new budget on the saved counts answers as the old one did (or more cautiously)', async () => {
    const clock = new FakeClock(T0);
    const store = new MemoryCountsStore();
    const before = new RequestBudget({ store, scheduler: clock, now: clock.now() });
    recordEvery(before, T0, 40, 30 * SECOND); // 40 requests over 20 minutes
    // More than the default guard lets background reads through in one window.
    recordEvery(before, T0 + 2 * HOUR, DEFAULT_ROLLING_GUARD.backgroundLimit + 2, SECOND);
    const now = T0 + 2 * HOUR + 20 * SECOND;
    await before.flush(now);

    const after = new RequestBudget({ store, scheduler: clock, now });
    expect(after.usedToday(now)).toBe(before.usedToday(now));
    expect(after.usedInLastHour(now)).toBe(before.usedInLastHour(now));
    expect(after.usedToday(now)).toBe(40 + DEFAULT_ROLLING_GUARD.backgroundLimit + 2);
    // Restored requests sit at the end of their minute, never after `now`: the guard stays shut as long.
    expect(after.nextBackgroundSlot(now)).toBeGreaterThanOrEqual(before.nextBackgroundSlot(now));
    expect(after.nextBackgroundSlot(now)).toBeGreaterThan(now);
    // The old ones leave the day on time (within the minute they were counted in).
    expect(after.usedToday(T0 + 20 * MINUTE + DAY)).toBe(DEFAULT_ROLLING_GUARD.backgroundLimit + 2);
  });

  it('drops saved minutes older than 24 h when restoring', () => {
    const store = new MemoryCountsStore({
      version: 1,
      minutes: [
        [(T0 - DAY - MINUTE) / MINUTE, 9],
        [(T0 - HOUR) / MINUTE, 3],
      ],
    });
    const budget = new RequestBudget({ store, scheduler: new FakeClock(T0), now: T0 });
    expect(budget.usedToday(T0)).toBe(3);
    expect(budget.snapshot(T0).minutes).toEqual([[(T0 - HOUR) / MINUTE, 3]]);
  });

  it('flush writes at once what is unsaved, and waits for the write', async () => {
    const clock = new FakeClock(T0);
    const store = new MemoryCountsStore();
    const budget = new RequestBudget({ store, scheduler: clock, now: T0 });
    await budget.flush(T0);
    expect(store.saves).toHaveLength(0); // nothing to save
    budget.record(T0);
    await budget.flush(T0);
    expect(store.saves).toHaveLength(1);
    expect(clock.pending).toBe(0); // the debounced save was replaced by the flush
  });

  it('a failed write is reported as a RequestCountsError and tried again with the next save', async () => {
    const clock = new FakeClock(T0);
    const store = new MemoryCountsStore();
    const problems: RequestCountsError[] = [];
    const budget = new RequestBudget({
      store,
      scheduler: clock,
      now: T0,
      onProblem: (e) => problems.push(e),
    });
    store.failNextSave = true;
    budget.record(T0);
    await budget.flush(T0);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toBeInstanceOf(RequestCountsError);
    expect(problems[0]?.code).toBe('write-failed');
    expect(problems[0]?.message).toMatch(/could not save its request counts/);
    expect(store.saves).toHaveLength(0);
    await budget.flush(T0);
    expect(store.saves).toHaveLength(1);
    expect(store.saved?.minutes).toEqual([[T0 / MINUTE, 1]]);
  });

  it('an unreadable store is reported, and counting starts from zero', () => {
    const problems: RequestCountsError[] = [];
    const store: RequestCountsStore = {
      load: () => {
        throw new SyntaxError('Unexpected token');
      },
      save: () => Promise.resolve(),
    };
    const budget = new RequestBudget({
      store,
      scheduler: new FakeClock(T0),
      now: T0,
      onProblem: (e) => problems.push(e),
    });
    expect(budget.usedToday(T0)).toBe(0);
    expect(problems.map((p) => p.code)).toEqual(['unreadable']);
  });

  it('a store without a scheduler is a programming error', () => {
    expect(() => new RequestBudget({ store: new MemoryCountsStore() })).toThrow(/scheduler/);
  });
});
