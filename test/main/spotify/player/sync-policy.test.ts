import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SYNC_POLICY,
  backoffFor,
  nextRead,
  type SyncInputs,
} from '../../../../src/main/spotify/player/sync-policy.ts';

const T = 1_000_000;

function inputs(overrides: Partial<SyncInputs> = {}): SyncInputs {
  return {
    now: T,
    lastReadAt: T,
    visible: false,
    activity: 'playing',
    trackEndsAt: null,
    consecutiveErrors: 0,
    rateLimitedUntil: null,
    promptReadAt: null,
    online: true,
    halted: false,
    ...overrides,
  };
}

describe('nextRead (the sync policy as a table)', () => {
  it.each<[string, Partial<SyncInputs>, number | null, string | null]>([
    // name, inputs, expected delay from now, reason
    ['first read at once', { lastReadAt: null }, 0, 'first'],
    ['playing, visible', { visible: true }, 30_000, 'interval'],
    ['playing, hidden', {}, 300_000, 'interval'],
    ['paused, visible', { activity: 'paused', visible: true }, 15_000, 'interval'],
    ['paused, hidden', { activity: 'paused' }, 60_000, 'interval'],
    ['idle, visible', { activity: 'idle', visible: true }, 30_000, 'interval'],
    ['idle, hidden', { activity: 'idle' }, 120_000, 'interval'],
    ['interval counts from the last read', { activity: 'paused', now: T + 20_000 }, 40_000, 'interval'],
    ['overdue (became visible) → now', { now: T + 40_000, visible: true }, 0, 'interval'],
    ['track ends before the interval', { trackEndsAt: T + 12_000 }, 12_750, 'track-end'],
    ['track ends after the interval', { visible: true, trackEndsAt: T + 90_000 }, 30_000, 'interval'],
    ['track end ignored when paused', { activity: 'paused', trackEndsAt: T + 1_000 }, 60_000, 'interval'],
    ['track still at its end: no read loop', { trackEndsAt: T - 750 }, 300_000, 'interval'],
    ['track end just after a read: min gap', { trackEndsAt: T - 500 }, 1_000, 'track-end'],
    // The local player pushes its changes: a safety read only, and the track end only if it goes quiet.
    ['push, playing, hidden', { push: true }, 1_800_000, 'interval'],
    ['push, paused, visible', { push: true, activity: 'paused', visible: true }, 60_000, 'interval'],
    ['push: track end plus the quiet time', { push: true, trackEndsAt: T + 12_000 }, 17_000, 'track-end'],
    ['push: an own command still reads', { push: true, promptReadAt: T + 1_500 }, 1_500, 'prompt'],
    // Paused and hidden for long: a quarter of the pause so far, 60 s to 5 min.
    ['paused, hidden, paused 2 min', { activity: 'paused', pausedSince: T - 120_000 }, 60_000, 'interval'],
    ['paused, hidden, paused 8 min', { activity: 'paused', pausedSince: T - 480_000 }, 120_000, 'interval'],
    ['paused, hidden, paused 1 h', { activity: 'paused', pausedSince: T - 3_600_000 }, 300_000, 'interval'],
    [
      'paused long, visible: as ever',
      { activity: 'paused', visible: true, pausedSince: T - 3_600_000 },
      15_000,
      'interval',
    ],
    // An ad (length unknown): from its shortest end (15 s after it started), then in steps.
    ['ad just started: at its shortest end', { adStartedAt: T - 1_000 }, 14_000, 'ad-end'],
    ['ad past its shortest end, hidden: 3 s steps', { adStartedAt: T - 16_000 }, 3_000, 'ad-end'],
    [
      'ad past its shortest end, visible: 2 s steps',
      { visible: true, adStartedAt: T - 16_000 },
      2_000,
      'ad-end',
    ],
    [
      'ad: errors skip the ad-end read',
      { adStartedAt: T - 16_000, consecutiveErrors: 1 },
      300_000,
      'interval',
    ],
    ['ad: no ad-end read paused', { activity: 'paused', adStartedAt: T - 16_000 }, 60_000, 'interval'],
    ['prompt read (after own commands)', { promptReadAt: T + 300 }, 300, 'prompt'],
    ['prompt later than the interval', { visible: true, promptReadAt: T + 40_000 }, 30_000, 'interval'],
    [
      '1 error: backoff 5 s below the interval',
      { activity: 'paused', visible: true, consecutiveErrors: 1 },
      15_000,
      'interval',
    ],
    [
      '3 errors, visible: 20 s capped at 15 s (above a 10 s interval)',
      { activity: 'paused', visible: true, dayUsedFraction: 0.05, consecutiveErrors: 3 },
      15_000,
      'backoff',
    ],
    ['5 errors, hidden: 80 s', { activity: 'paused', consecutiveErrors: 5 }, 80_000, 'backoff'],
    [
      '7 errors, hidden: 320 s capped at 300 s',
      { activity: 'paused', consecutiveErrors: 7 },
      300_000,
      'backoff',
    ],
    [
      '7 errors, visible: capped at 15 s (above a 10 s interval)',
      { visible: true, activity: 'paused', dayUsedFraction: 0.05, consecutiveErrors: 7 },
      15_000,
      'backoff',
    ],
    ['errors skip the track-end read', { consecutiveErrors: 2, trackEndsAt: T + 1_000 }, 300_000, 'interval'],
    ['prompt read overrides backoff', { consecutiveErrors: 6, promptReadAt: T + 1_000 }, 1_000, 'prompt'],
    ['rate limited: after the pause', { visible: true, rateLimitedUntil: T + 60_000 }, 60_250, 'rate-limit'],
    ['rate limit ends before the interval', { rateLimitedUntil: T + 1_000 }, 300_000, 'interval'],
    ['rate limit holds a prompt read', { promptReadAt: T, rateLimitedUntil: T + 5_000 }, 5_250, 'rate-limit'],
    ['offline: a slow probe', { online: false, visible: true }, 300_000, 'offline-probe'],
    ['halted: nothing', { halted: true }, null, null],
    ['halted beats a prompt read', { halted: true, promptReadAt: T }, null, null],
    // Own commands: a read at the settle deadline when no read has decided on their change yet.
    ['settle deadline before the interval', { visible: true, settleDeadline: T + 2_000 }, 2_000, 'settle'],
    [
      'a prompt read before the settle deadline',
      { settleDeadline: T + 2_000, promptReadAt: T + 300 },
      300,
      'prompt',
    ],
    // The request budget: visible intervals tighter with budget to spare, hidden ones stretch when it runs low.
    ['budget: visible, 5 % used', { visible: true, dayUsedFraction: 0.05 }, 20_000, 'interval'],
    [
      'budget: visible, 10 % used: as without one',
      { visible: true, dayUsedFraction: 0.1 },
      30_000,
      'interval',
    ],
    ['budget: visible, 60 % used', { visible: true, dayUsedFraction: 0.6 }, 30_000, 'interval'],
    ['budget: visible, over budget', { visible: true, dayUsedFraction: 1.2 }, 60_000, 'interval'],
    ['budget: hidden, 40 % used: ×1', { activity: 'paused', dayUsedFraction: 0.4 }, 60_000, 'interval'],
    ['budget: hidden, 75 % used: ×3.25', { activity: 'paused', dayUsedFraction: 0.75 }, 195_000, 'interval'],
    ['budget: hidden, 99 % used: ~×9.6', { activity: 'paused', dayUsedFraction: 0.99 }, 578_616, 'interval'],
    [
      'budget: hidden, track end kept at 99 %',
      { dayUsedFraction: 0.99, trackEndsAt: T + 12_000 },
      12_750,
      'track-end',
    ],
    [
      'budget: hidden, over budget: no track-end read',
      { dayUsedFraction: 1, trackEndsAt: T + 12_000 },
      1_800_000,
      'interval',
    ],
    [
      'budget: a background read waits for a slot',
      { trackEndsAt: T + 12_000, backgroundSlotAt: T + 20_000 },
      20_000,
      'track-end',
    ],
    [
      'budget: a prompt read does not wait for a slot',
      { promptReadAt: T + 300, backgroundSlotAt: T + 20_000 },
      300,
      'prompt',
    ],
    [
      'budget: a slot already free changes nothing',
      { visible: true, backgroundSlotAt: T - 5_000 },
      30_000,
      'interval',
    ],
  ])('%s', (_name, overrides, delay, reason) => {
    const decision = nextRead(inputs(overrides));
    if (delay === null) {
      expect(decision).toBeNull();
      return;
    }
    expect(decision).toEqual({ at: T + (overrides.now ?? T) - T + delay, delayMs: delay, reason });
  });

  it('backoff doubles and is capped', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 20].map((n) => backoffFor(n, DEFAULT_SYNC_POLICY))).toEqual([
      0, 5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000,
    ]);
  });

  it('takes custom intervals', () => {
    const options = { ...DEFAULT_SYNC_POLICY, playingHiddenMs: 45_000 };
    expect(nextRead(inputs(), options)?.delayMs).toBe(45_000);
  });

  it('a hidden, playing player reads at least 20× less than a 1 s poller over a 3.5 min track', () => {
    // Simulate the policy alone: reads happen when it says, the track ends at 210 s.
    const end = T + 210_000;
    let now = T;
    let reads = 0;
    while (now < end) {
      const decision = nextRead(inputs({ now, lastReadAt: now, trackEndsAt: end }));
      now = decision!.at;
      reads++;
    }
    expect(now - end).toBeLessThanOrEqual(2_000);
    expect(210 / reads).toBeGreaterThanOrEqual(20);
  });
});
