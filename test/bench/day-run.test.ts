/**
 * A short day through the real engine, pollers and simulator (realistic profile): the records add up to
 * the plan and the figures are computed from them. Never a timing or a request budget (that is the
 * benchmark's job).
 */
import { describe, expect, it } from 'vitest';
import { formatDay } from '../../bench/day/report.ts';
import { dayOptionsFor, runDay, type DayRecords } from '../../bench/day/run-day.ts';
import { generateDaySchedule } from '../../bench/day/schedule.ts';

describe('the day scenario (short run)', () => {
  it('lives through the planned day and reports every figure for every observer', async () => {
    const options = { ...dayOptionsFor(30 * 60_000, 4), pollerIntervalsMs: [1_000] };
    const plan = generateDaySchedule(options.schedule);
    const records = new Map<string, DayRecords>();
    const day = await runDay({ ...options, inspect: (name, r) => records.set(name, r) });

    expect(day.observers.map((o) => o.name)).toEqual(['engine', '1-s poller']);
    expect(day.profile.profile).toBe('realistic');
    expect(day.config.shows).toBe(20);
    const planned = {
      commands: plan.actions.filter((a) => a.type === 'command').length,
      external: plan.actions.filter((a) => a.type === 'external').length,
    };
    for (const observer of day.observers) {
      const record = records.get(observer.name);
      if (!record) throw new Error(`no records for ${observer.name}`);
      expect(record.commands).toHaveLength(planned.commands);
      expect(record.changes).toHaveLength(planned.external);
      expect(observer.commandsOk + observer.commandsFailed).toBe(planned.commands);
      expect(observer.freshWhenLooked.n).toBe(20);
      expect(observer.externalChange.n + observer.externalChange.neverShown).toBe(planned.external);
      // Every boundary the server played out is measured, excluded or never shown.
      const boundaries = record.truth.boundaries.filter((b) => b.t < record.t0 + options.schedule.dayMs);
      expect(boundaries.length).toBeGreaterThan(0);
      const tb = observer.trackBoundary;
      expect(tb.n + tb.excluded + tb.neverShown).toBe(boundaries.length);
      expect(observer.commandOverheadMs.n + observer.commandOverheadMs.notSent).toBe(planned.commands);
      expect(observer.requests).toBeGreaterThan(0);
      expect(observer.answered429).toBeLessThanOrEqual(observer.byStatus['429'] ?? 0);
      expect(observer.contractViolations).toBe(0);
      expect(record.shown.samples.length).toBeGreaterThan(1);
    }
    // The engine is not a poller: it is shown and reads when looked at; a fixed poller reads regardless.
    const [engine, poller] = day.observers;
    expect(engine?.byEndpoint['GET /me/player']).toBeLessThan(poller?.byEndpoint['GET /me/player'] ?? 0);
    expect(JSON.parse(JSON.stringify(day))).toEqual(day);

    const text = formatDay(day);
    expect(text).toContain('simulator profile: realistic');
    for (const target of day.targets) {
      const line = text.split('\n').find((row) => row.includes(target.description));
      expect(line?.split(/\s+/)[0]).toBe(target.met ? 'met' : 'MISS');
    }
  }, 120_000);
});
