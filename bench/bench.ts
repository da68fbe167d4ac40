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
  DEFAULT_LOCAL_PLAYER_OPTIONS,
  runLocalPlayer,
  type LocalPlayerOptions,
  type LocalPlayerResult,
} from './local-player.ts';
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
  /** "Playing locally": the local player as push channel (local-player.ts). */
  localPlayer: LocalPlayerOptions;
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
  localPlayer: DEFAULT_LOCAL_PLAYER_OPTIONS,
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
  /** "Playing locally", with its baselines from this run's `playing-hidden` scenario. */
  localPlayer: LocalPlayerSection;
  targets: Target[];
  /** This list's targets and the day's (`day.targets`). */
  allTargetsMet: boolean;
  wallMs: number;
}

interface LocalPlayerSection extends LocalPlayerResult {
  baseline: {
    /** The fixed 1-second poller's requests per hour in `playing-hidden`, this run. */
    pollerPerHour: number;
    /** The same engine polling (no local player) in `playing-hidden`, this run. */
    pollingEnginePerHour: number;
  };
  /** Baseline requests / these requests (null when it made none or did not run). */
  fewerThanPoller: number | null;
  fewerThanPollingEngine: number | null;
}

/** The local-player result beside the polling scenario of the same run. */
function withBaselines(result: LocalPlayerResult, hidden: ScenarioResult): LocalPlayerSection {
  const requests = result.engine.perHour;
  const ratio = (baseline: number): number | null =>
    result.notRun !== null || requests === 0 ? null : Math.round((baseline / requests) * 10) / 10;
  return {
    ...result,
    baseline: { pollerPerHour: hidden.poller.perHour, pollingEnginePerHour: hidden.engine.perHour },
    fewerThanPoller: ratio(hidden.poller.perHour),
    fewerThanPollingEngine: ratio(hidden.engine.perHour),
  };
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
  const local = withBaselines(
    await runLocalPlayer({
      ...options.localPlayer,
      seed: options.poll.seed,
      durationMs: options.poll.durationMs,
    }),
    scenarios['playing-hidden'],
  );
  progress(
    local.notRun === null
      ? `playing locally: ${local.engine.requests} requests, shown ${local.shownAfterSignal.worstMs} ms after the signal at worst`
      : `playing locally: not run (${local.notRun})`,
  );
  const day = await runDay({ ...options.day, onProgress: progress });

  const targets = evaluateTargets(scenarios, overhead, refresh, local);
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
    localPlayer: local,
    targets,
    allTargetsMet: [...targets, ...day.targets].every((target) => target.met),
    wallMs: Math.round(performance.now() - started),
  };
}

function evaluateTargets(
  scenarios: Record<ScenarioName, ScenarioResult>,
  overhead: OverheadResult,
  refresh: RefreshResult,
  local: LocalPlayerSection,
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
      id: 'local-player-requests',
      description: 'playing locally (hidden, the local player pushing): requests per hour',
      target: '≤ 20, ≥ 180× fewer than the 1-second poller',
      actual:
        local.notRun !== null
          ? `not run: ${local.notRun}`
          : `${local.engine.perHour}/h, ${local.fewerThanPoller ?? '∞'}× fewer (poller ${local.baseline.pollerPerHour}/h)`,
      met:
        local.notRun === null &&
        local.engine.perHour <= 20 &&
        (local.fewerThanPoller === null || local.fewerThanPoller >= 180),
    },
    {
      id: 'local-player-shown',
      description: 'playing locally: a track change or play/pause shown after the MPRIS signal (worst)',
      target: '≤ 300 ms',
      actual:
        local.notRun !== null
          ? `not run: ${local.notRun}`
          : `${local.shownAfterSignal.worstMs ?? '—'} ms (n ${local.shownAfterSignal.n}, never shown ${local.neverShown})`,
      met:
        local.notRun === null &&
        local.neverShown === 0 &&
        local.shownAfterSignal.n > 0 &&
        (local.shownAfterSignal.worstMs ?? Infinity) <= 300,
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
