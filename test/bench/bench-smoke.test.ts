/**
 * A tiny run of the benchmark (2 simulated minutes, a few commands) to keep `npm run bench` working: it
 * checks the shape of the results and the staleness rule, never a timing or a request count (those are
 * the benchmark's job, not a test's).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_BENCH_OPTIONS, runBench } from '../../bench/bench.ts';
import { dayOptionsFor } from '../../bench/day/run-day.ts';
import { formatReport } from '../../bench/report.ts';
import { SCENARIOS, pollOptionsFor, staleness } from '../../bench/requests-per-hour.ts';

const anyNumber: unknown = expect.any(Number);
const anyObject: unknown = expect.any(Object);
const anyString: unknown = expect.any(String);
const numberOrNull: unknown = expect.toSatisfy(
  (value: unknown) => value === null || typeof value === 'number',
);
const summaryShape = { n: anyNumber, medianMs: numberOrNull, worstMs: numberOrNull };

describe('benchmark (smoke)', () => {
  it('produces every section of bench-results.json and a table with a verdict per target', async () => {
    const results = await runBench({
      ...DEFAULT_BENCH_OPTIONS,
      poll: pollOptionsFor(2 * 60_000),
      commands: 20,
      warmup: 5,
      rounds: 1,
      concurrency: 10,
      day: { ...dayOptionsFor(20 * 60_000), pollerIntervalsMs: [3_000], checkContract: false },
    });

    expect(Object.keys(results.requestsPerHour).sort()).toEqual(SCENARIOS.map((s) => s.name).sort());
    for (const scenario of Object.values(results.requestsPerHour)) {
      for (const observer of [scenario.engine, scenario.poller]) {
        expect(observer).toMatchObject({
          requests: anyNumber,
          perHour: anyNumber,
          tokenRequests: anyNumber,
          staleness: {
            trackBoundary: { ...summaryShape, excluded: anyNumber },
            externalChange: { ...summaryShape, byKind: anyObject },
            neverShown: anyNumber,
          },
        });
      }
    }
    for (const path of [results.commandOverheadMs.engine, results.commandOverheadMs.client]) {
      expect(path).toMatchObject({
        commands: 20,
        p50: anyNumber,
        p99: anyNumber,
        missing: 0,
      });
      expect(path.newConnections).toEqual(anyNumber);
    }
    expect(results.refreshUnderConcurrency).toMatchObject({
      concurrentCalls: 10,
      apiCalls: { refreshes: anyNumber, succeeded: 10 },
      apiCallsAfter401: { refreshes: anyNumber, succeeded: 10 },
      getAccessToken: { refreshes: anyNumber, succeeded: 10 },
    });
    expect(results.targets.map((t) => t.id)).toEqual([
      'playing-hidden-requests',
      'playing-hidden-track-boundary',
      'local-player-requests',
      'local-player-shown',
      'command-overhead-p99',
      'command-connections',
      'refresh-under-concurrency',
    ]);
    // Its own private bus (dbus-daemon, which the test set-up installs): on Linux it runs, never skips;
    // macOS and Windows have no D-Bus, and the section says why it did not run.
    expect(results.localPlayer).toMatchObject({
      scenario: 'playing-locally',
      notRun: process.platform === 'linux' ? null : anyString,
      engine: { requests: anyNumber, perHour: anyNumber },
      shownAfterSignal: { ...summaryShape, p95Ms: numberOrNull, byKind: anyObject },
      neverShown: anyNumber,
      baseline: {
        pollerPerHour: results.requestsPerHour['playing-hidden'].poller.perHour,
        pollingEnginePerHour: results.requestsPerHour['playing-hidden'].engine.perHour,
      },
    });
    expect(results.day.observers.map((o) => o.name)).toEqual(['engine', '3-s poller']);
    expect(results.day.targets.map((t) => t.id)).toEqual([
      'day-requests',
      'day-fresh-when-looked',
      'day-flicker',
      'day-track-boundary',
      'day-track-boundary-after-ad',
    ]);
    expect(results.allTargetsMet).toBe([...results.targets, ...results.day.targets].every((t) => t.met));
    expect(results.machine).toMatchObject({ node: process.version, cpus: anyNumber });
    expect(JSON.parse(JSON.stringify(results))).toEqual(results);

    const table = formatReport(results);
    for (const target of results.targets) {
      expect(table).toContain(`${target.met ? 'PASS' : 'MISS'}  ${target.description}`);
    }
    for (const target of results.day.targets) {
      const line = table.split('\n').find((row) => row.includes(target.description));
      expect(line?.split(/\s+/)[0]).toBe(target.met ? 'met' : 'MISS');
    }
  }, 120_000);

  it('counts a change as shown when the observer shows it or a later state that already happened', () => {
    const versions = [
      { t: 0, key: 'a|playing', cause: 'start' as const },
      { t: 100, key: 'a|paused', cause: 'pause' as const },
      { t: 200, key: 'b|paused', cause: 'skip' as const },
      { t: 1_000, key: 'c|paused', cause: 'skip' as const },
    ];
    const observations = [
      { t: 0, key: 'a|playing' },
      // Neither the pause nor the skip yet; then the skip (which is newer than the pause) shows both.
      { t: 150, key: 'a|playing' },
      { t: 300, key: 'b|paused' },
      { t: 1_000, key: 'c|paused' },
    ];
    const result = staleness(versions, observations, 2_000);
    expect(result.externalChange).toMatchObject({ n: 3, medianMs: 100, worstMs: 200 });
    expect(result.externalChange.byKind.skip).toMatchObject({ n: 2, medianMs: 0, worstMs: 100 });
    expect(result.neverShown).toBe(0);
  });
});
