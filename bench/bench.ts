/**
 * The benchmark of the player engine against the simulator (issue spec): request counts and staleness per
 * scenario against a fixed 1-second poller measured in the same run, command overhead on loopback, and
 * token refreshes under concurrency. `runBench()` measures; report.ts prints; run.ts is `npm run bench`.
 * A measurement, not a test: targets are reported as met or missed, never asserted.
 */
import os from 'node:os';
import { measureCommandOverhead, type OverheadResult } from './command-overhead.ts';
import { DEFAULT_DAY_OPTIONS, runDay, type DayOptions, type DayResult } from './day/run-day.ts';
import { measureRefreshUnderConcurrency, type RefreshResult } from './refresh-concurrency.ts';
import {
  DEFAULT_POLL_OPTIONS,
  SCENARIOS,
  runScenario,
  type PollOptions,
  type ScenarioName,
  type ScenarioResult,
} from './requests-per-hour.ts';

export interface BenchOptions {
  poll: PollOptions;
  commands: number;
  warmup: number;
  rounds: number;
  concurrency: number;
  /** The "day" scenario: a simulated day on the realistic profile, engine and pollers (day/run-day.ts). */
  day: DayOptions;
  /** Called as each part finishes (progress on stderr). */
  onProgress?: (message: string) => void;
}

export const DEFAULT_BENCH_OPTIONS: BenchOptions = {
  poll: DEFAULT_POLL_OPTIONS,
  commands: 1_000,
  warmup: 200,
  rounds: 3,
  concurrency: 100,
  day: DEFAULT_DAY_OPTIONS,
};

export interface Target {
  id: string;
  description: string;
  target: string;
  actual: string;
  met: boolean;
}

interface MachineInfo {
  node: string;
  platform: string;
  arch: string;
  cpus: number;
  cpuModel: string;
  totalMemoryGiB: number;
  /** 1/5/15-minute load averages at the start and the end (a shared machine makes timings noisy). */
  loadAverageStart: number[];
  loadAverageEnd: number[];
}

export interface BenchResults {
  generatedAt: string;
  machine: MachineInfo;
  config: {
    seed: number;
    simulatedMinutesPerScenario: number;
    pollerIntervalMs: number;
    eventGapMs: readonly [number, number];
    returnGapMs: readonly [number, number];
    commands: number;
    warmup: number;
    rounds: number;
    concurrency: number;
  };
  requestsPerHour: Record<ScenarioName, ScenarioResult>;
  commandOverheadMs: OverheadResult;
  refreshUnderConcurrency: RefreshResult;
  day: DayResult;
  targets: Target[];
  /** This list's targets and the day's (`day.targets`). */
  allTargetsMet: boolean;
  wallMs: number;
}

export async function runBench(options: BenchOptions = DEFAULT_BENCH_OPTIONS): Promise<BenchResults> {
  const started = performance.now();
  const loadAverageStart = os.loadavg().map((load) => Math.round(load * 100) / 100);
  const progress = options.onProgress ?? (() => undefined);

  const scenarios = {} as Record<ScenarioName, ScenarioResult>;
  for (const scenario of SCENARIOS) {
    const result = await runScenario(scenario, options.poll);
    scenarios[scenario.name] = result;
    progress(
      `${scenario.name}: ${result.engine.requests} vs ${result.poller.requests} requests (${result.wallMs} ms)`,
    );
  }
  const overhead = await measureCommandOverhead({
    commands: options.commands,
    warmup: options.warmup,
    rounds: options.rounds,
  });
  progress(`command overhead: engine p99 ${overhead.engine.p99} ms, client p99 ${overhead.client.p99} ms`);
  const refresh = await measureRefreshUnderConcurrency(options.concurrency);
  progress(`refresh under concurrency: ${refresh.apiCalls.refreshes}`);
  const day = await runDay({ ...options.day, onProgress: progress });

  const targets = evaluateTargets(scenarios, overhead, refresh);
  const cpus = os.cpus();
  return {
    generatedAt: new Date().toISOString(),
    machine: {
      node: process.version,
      platform: process.platform,
      arch: process.arch,
      cpus: cpus.length,
      cpuModel: cpus[0]?.model.trim() ?? 'unknown',
      totalMemoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
      loadAverageStart,
      loadAverageEnd: os.loadavg().map((load) => Math.round(load * 100) / 100),
    },
    config: {
      seed: options.poll.seed,
      simulatedMinutesPerScenario: options.poll.durationMs / 60_000,
      pollerIntervalMs: options.poll.pollerIntervalMs,
      eventGapMs: options.poll.eventGapMs,
      returnGapMs: options.poll.returnGapMs,
      commands: options.commands,
      warmup: options.warmup,
      rounds: options.rounds,
      concurrency: options.concurrency,
    },
    requestsPerHour: scenarios,
    commandOverheadMs: overhead,
    refreshUnderConcurrency: refresh,
    day,
    targets,
    allTargetsMet: [...targets, ...day.targets].every((target) => target.met),
    wallMs: Math.round(performance.now() - started),
  };
}

function evaluateTargets(
  scenarios: Record<ScenarioName, ScenarioResult>,
  overhead: OverheadResult,
  refresh: RefreshResult,
): Target[] {
  const hidden = scenarios['playing-hidden'];
  const boundary = hidden.engine.staleness.trackBoundary;
  const refreshes = [refresh.apiCalls, refresh.apiCallsAfter401, refresh.getAccessToken];
  return [
    {
      id: 'playing-hidden-requests',
      description: 'playing-hidden: requests vs the 1-second poller',
      target: '≥ 20× fewer',
      actual: hidden.ratio === null ? 'n/a' : `${hidden.ratio.toFixed(1)}× fewer`,
      met: hidden.ratio !== null && hidden.ratio >= 20,
    },
    {
      id: 'playing-hidden-track-boundary',
      description: 'playing-hidden: track change shown after the boundary (worst)',
      target: '≤ 2 s',
      actual:
        boundary.worstMs === null ? 'no boundary measured' : `${(boundary.worstMs / 1000).toFixed(2)} s`,
      met: boundary.worstMs !== null && boundary.worstMs <= 2_000 && boundary.n > 0,
    },
    {
      id: 'command-overhead-p99',
      description: 'command call → request at the simulator, p99 (engine)',
      target: '< 2 ms',
      actual:
        overhead.engine.p99 === null
          ? 'n/a'
          : `${overhead.engine.p99.toFixed(3)} ms (plain undici, same run: ${overhead.baseline.p99?.toFixed(3) ?? 'n/a'} ms)`,
      met: overhead.engine.p99 !== null && overhead.engine.p99 < 2,
    },
    {
      id: 'command-connections',
      description: `new TCP connections for ${overhead.engine.commands} commands (engine, keep-alive)`,
      target: '~1 (≤ 2)',
      actual: String(overhead.engine.newConnections),
      met: overhead.engine.newConnections <= 2,
    },
    {
      id: 'refresh-under-concurrency',
      description: `token refreshes for ${refresh.concurrentCalls} concurrent calls, expired token`,
      target: '1',
      actual: refreshes.map((entry) => entry.refreshes).join(' / '),
      met: refreshes.every((entry) => entry.refreshes === 1 && entry.succeeded === refresh.concurrentCalls),
    },
  ];
}
