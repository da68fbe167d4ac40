import { describe, expect, it } from 'vitest';
import type { RequestFigures } from '../../src/shared/app-state.ts';
import { requestLines } from '../../src/renderer/request-figures.ts';
import { checkDailyBudget } from '../../src/renderer/validation.ts';

const NOW = 1_800_000_000_000;
const figures = (over: Partial<RequestFigures> = {}): RequestFigures => ({
  lastHour: 42,
  today: 312,
  dailyBudget: 1_000,
  nextReadAt: NOW + 12_000,
  ...over,
});

describe('requestLines: the "Requests to Spotify" section', () => {
  it('last hour, today N of BUDGET, and the next read as a countdown', () => {
    expect(requestLines(figures(), 'signed-in', NOW, 'en')).toEqual({
      lastHour: '42',
      today: '312 of 1,000',
      share: 0.312,
      overBudget: false,
      nextRead: 'in 12 s',
    });
    expect(requestLines(figures({ nextReadAt: NOW + 125_000 }), 'signed-in', NOW, 'en').nextRead).toBe(
      'in 2 min 5 s',
    );
  });

  it('numbers in the given locale', () => {
    expect(requestLines(figures({ today: 1_234, dailyBudget: 5_000 }), 'signed-in', NOW, 'de').today).toBe(
      '1.234 of 5.000',
    );
  });

  it('a read due now or overdue says "now", not "in 0 s"', () => {
    expect(requestLines(figures({ nextReadAt: NOW }), 'signed-in', NOW).nextRead).toBe('now');
    expect(requestLines(figures({ nextReadAt: NOW - 3_000 }), 'signed-in', NOW).nextRead).toBe('now');
    expect(requestLines(figures({ nextReadAt: NOW + 1_200 }), 'signed-in', NOW).nextRead).toBe('in 2 s');
  });

  it('no read planned: when you open the player; signed out: after you sign in', () => {
    expect(requestLines(figures({ nextReadAt: null }), 'signed-in', NOW).nextRead).toBe(
      'when you open the player',
    );
    for (const account of ['signed-out', 'no-client-id', 'signing-in', 'reconnect-needed'] as const) {
      expect(requestLines(figures({ nextReadAt: null }), account, NOW).nextRead).toBe('after you sign in');
    }
  });

  it('over the budget: the bar is full, the text keeps the real number', () => {
    const lines = requestLines(figures({ today: 1_500 }), 'signed-in', NOW, 'en');
    expect(lines).toMatchObject({ today: '1,500 of 1,000', share: 1, overBudget: true });
    expect(requestLines(figures({ today: 1_000 }), 'signed-in', NOW).overBudget).toBe(true);
    expect(requestLines(figures({ today: 999 }), 'signed-in', NOW).overBudget).toBe(false);
  });
});

describe('checkDailyBudget', () => {
  it.each([
    ['100', 100],
    ['1000', 1_000],
    [' 2,500 ', 2_500],
    ['10 000', 10_000],
  ])('accepts %j', (input, value) => {
    expect(checkDailyBudget(input)).toEqual({ valid: true, value, message: '' });
  });

  it.each(['', '99', '10001', '150.5', '-200', '1e3', 'lots', '1.000'])(
    'refuses %j with the range',
    (input) => {
      expect(checkDailyBudget(input)).toEqual({
        valid: false,
        value: null,
        message: 'Enter a whole number from 100 to 10,000.',
      });
    },
  );
});
