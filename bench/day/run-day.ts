/**
 * The "day" scenario (issue 9, section 4): a whole simulated day on the simulator's realistic profile,
 * lived through by the engine and, as baselines on the same seeded day, fixed pollers (1 s as Lofi
 * polls, 3 s as spotify-qt does). Each observer gets its own FakeClock and its own simulator, set up
 * alike and given the same schedule (schedule.ts), so their request logs and rate limits stay apart.
 * Every API call goes through a seeded simulated latency (bench/lib/latency.ts).
 *
 * What is measured (measures.ts): requests and answered 429s from the simulator's request log; track
 * boundary and other-device change → shown; fresh when looked at; flicker after own commands; the
 * real-time overhead of each own command, call → request at the simulator (as command-overhead.ts).
 */
import { startSimulator, type Simulator } from '../../dev/simulator/index.ts';
import type { Target } from '../bench.ts';
import { loadOpenApiContract, type OpenApiContract } from '../../dev/simulator/openapi-contract.ts';
import { describeProfile, resolveProfile, type ProfileDescription } from '../../dev/simulator/profile.ts';
import { createSpotifyApi } from '../../src/main/spotify/index.ts';
import { RequestBudget } from '../../src/main/spotify/request-budget.ts';
import { FakeClock } from '../../test/support/fake-clock.ts';
import { ArrivalProbe } from '../lib/arrival-probe.ts';
import { SimulatedLatency, withLatency } from '../lib/latency.ts';
import { createRng, deriveSeed } from '../lib/prng.ts';
import { signIn } from '../lib/sign-in.ts';
import { percentile, round } from '../lib/stats.ts';
import {
  boundaryStaleness,
  externalStaleness,
  flicker,
  freshness,
  type BoundaryResult,
  type ExternalResult,
  type FlickerResult,
  type FreshnessResult,
  type GivenCommand,
} from './measures.ts';
import { engineObserver, pollerObserver, shownAt } from './observers.ts';
import {
  DEFAULT_DAY_SCHEDULE,
  generateDaySchedule,
  plannedPlayingMs,
  type CommandKind,
  type DaySchedule,
  type DayScheduleOptions,
  type ExternalKind,
  type ScheduledAction,
} from './schedule.ts';
import { positionAt, type Sample, type Timeline } from './timeline.ts';
import { TruthRecorder } from './truth.ts';
import { countRequests } from '../lib/request-counts.ts';

export interface DayOptions {
  schedule: DayScheduleOptions;
  /** Seeds the simulator's profile and the latency draws (the schedule has its own `seed`). */
  seed: number;
  /** Simulated round trip of every API call (uniform, seeded). */
  latencyMs: readonly [number, number];
  /** A command's flicker window ends at the next action, or this long after it. */
  flickerWindowMs: number;
  /** Observation goes on this long after the day (requests are counted for the day only). */
  tailMs: number;
  pollerIntervalsMs: readonly number[];
  /** Check every simulator answer against openapi.yml (violations are reported). */
  checkContract: boolean;
  onProgress?: (message: string) => void;
  /** Called with each observer's raw records after its day (for digging into a figure). */
  inspect?: (name: string, records: DayRecords) => void;
}

/** What one observer's day left behind, before it is boiled down to figures. */
export interface DayRecords {
  truth: TruthRecorder;
  shown: Timeline;
  commands: readonly GivenCommand[];
  changes: readonly { t: number; kind: ExternalKind }[];
  /** The simulator's request log (day and tail), for telling what each request was for. */
  requests: readonly { at: number; method: string; path: string; status: number }[];
  /** The shows as they happened (clock times). */
  shows: readonly { at: number; durationMs: number }[];
  t0: number;
}

export const DEFAULT_DAY_OPTIONS: DayOptions = {
  schedule: DEFAULT_DAY_SCHEDULE,
  seed: 1,
  latencyMs: [60, 150],
  flickerWindowMs: 30_000,
  tailMs: 2 * 60_000,
  pollerIntervalsMs: [1_000, 3_000],
  checkContract: true,
};

/**
 * The defaults for a day of `dayMs` (and `seed` for the schedule, the profile and the latency draws): a
 * shorter day keeps the proportions (80 % playing, 6 min shown per hour, 4 commands and 4 other-device
 * changes per hour, at least the pause blocks' own), so a quick run still has every kind of event.
 */
export function dayOptionsFor(dayMs: number, seed = DEFAULT_DAY_OPTIONS.seed): DayOptions {
  const defaults = DEFAULT_DAY_SCHEDULE;
  const scale = dayMs / defaults.dayMs;
  const blocks = scale >= 1 ? defaults.pauseBlocks : 1;
  return {
    ...DEFAULT_DAY_OPTIONS,
    seed,
    schedule: {
      ...defaults,
      seed,
      dayMs,
      playingMs: Math.round(defaults.playingMs * scale),
      pauseBlocks: blocks,
      showTotalMs: Math.round(defaults.showTotalMs * scale),
      commands: Math.max(2, Math.round(defaults.commands * scale)),
      externalChanges: Math.max(2 * blocks + 2, Math.round(defaults.externalChanges * scale)),
      shortPauseMs:
        scale >= 1 ? defaults.shortPauseMs : [5_000, Math.max(10_000, Math.round(120_000 * scale))],
      minGapMs: scale >= 1 ? defaults.minGapMs : 20_000,
    },
  };
}

interface CommandOverhead {
  /** Commands whose request reached the simulator in the same turn (the rest waited behind another). */
  n: number;
  p50: number | null;
  p90: number | null;
  /**
   * The slowest of the `n`. A day has about 40 commands: too few for a p99 (it would be this same
   * slowest one), so none is given; the 1,000-command part of the bench has the p99.
   */
  max: number | null;
  /** Commands whose request did not go out at once: waiting behind an earlier one, or refused locally. */
  notSent: number;
}

export interface DayObserverResult {
  name: string;
  /** Web API requests (/v1/...) during the day. */
  requests: number;
  /** Of them, answered 429 (rate limit or quota). */
  answered429: number;
  byEndpoint: Record<string, number>;
  byStatus: Record<string, number>;
  /** POST /api/token during the day (access-token refreshes; not in `requests`). */
  tokenRequests: number;
  /** Failed reads and commands as the observer saw them (rate-limited, quota, refused…). */
  failures: number;
  commandsOk: number;
  commandsFailed: number;
  trackBoundary: BoundaryResult;
  externalChange: ExternalResult;
  freshWhenLooked: FreshnessResult;
  flicker: FlickerResult;
  commandOverheadMs: CommandOverhead;
  /** How long the server played during the day (the plan says `playingMs`). */
  serverPlayingMs: number;
  contractViolations: number;
  wallMs: number;
}

export interface DayResult {
  config: {
    scheduleSeed: number;
    seed: number;
    hours: number;
    plannedPlayingHours: number;
    shows: number;
    showMinutes: number;
    commands: Partial<Record<CommandKind, number>>;
    externalChanges: Partial<Record<ExternalKind, number>>;
    latencyMs: readonly [number, number];
    flickerWindowMs: number;
  };
  profile: ProfileDescription;
  observers: DayObserverResult[];
  targets: Target[];
  wallMs: number;
}

type ObserverKind = { name: 'engine' } | { name: string; pollerMs: number };

export async function runDay(options: DayOptions = DEFAULT_DAY_OPTIONS): Promise<DayResult> {
  const started = performance.now();
  const schedule = generateDaySchedule(options.schedule);
  const contract = options.checkContract ? await loadOpenApiContract() : undefined;
  const kinds: ObserverKind[] = [
    { name: 'engine' },
    ...options.pollerIntervalsMs.map((ms) => ({ name: `${ms / 1000}-s poller`, pollerMs: ms })),
  ];
  const observers: DayObserverResult[] = [];
  for (const kind of kinds) {
    const result = await liveDay(kind, schedule, options, contract);
    observers.push(result);
    options.onProgress?.(
      `day: ${kind.name}: ${result.requests} requests, ${result.answered429} × 429 (${result.wallMs} ms)`,
    );
  }
  const count = <K extends string>(list: K[]): Partial<Record<K, number>> => {
    const out: Partial<Record<K, number>> = {};
    for (const key of list) out[key] = (out[key] ?? 0) + 1;
    return out;
  };
  return {
    config: {
      scheduleSeed: options.schedule.seed,
      seed: options.seed,
      hours: options.schedule.dayMs / 3_600_000,
      plannedPlayingHours: round(plannedPlayingMs(schedule) / 3_600_000) ?? 0,
      shows: schedule.shows.length,
      showMinutes: round(schedule.shows.reduce((sum, show) => sum + show.durationMs, 0) / 60_000) ?? 0,
      commands: count(schedule.actions.filter((a) => a.type === 'command').map((a) => a.kind)),
      externalChanges: count(schedule.actions.filter((a) => a.type === 'external').map((a) => a.kind)),
      latencyMs: options.latencyMs,
      flickerWindowMs: options.flickerWindowMs,
    },
    profile: describeProfile(resolveProfile({ profile: 'realistic', randomSeed: options.seed })),
    observers,
    targets: evaluateTargets(observers[0] as DayObserverResult),
    wallMs: Math.round(performance.now() - started),
  };
}

function evaluateTargets(engine: DayObserverResult): Target[] {
  const fresh = engine.freshWhenLooked;
  const boundary = engine.trackBoundary;
  return [
    {
      id: 'day-requests',
      description: 'day: requests for the day, answered 429s',
      target: '≤ 500, 0 × 429',
      actual: `${engine.requests}, ${engine.answered429} × 429`,
      met: engine.requests <= 500 && engine.answered429 === 0,
    },
    {
      id: 'day-fresh-when-looked',
      description: 'day: shown → matches the server, p95',
      target: '≤ 600 ms',
      actual: fresh.p95Ms === null ? 'n/a' : `${fresh.p95Ms} ms`,
      met: fresh.p95Ms !== null && fresh.p95Ms <= 600,
    },
    {
      id: 'day-flicker',
      description: 'day: reversals of the shown state after own commands',
      target: '0',
      actual: String(engine.flicker.reversals),
      met: engine.flicker.reversals === 0,
    },
    {
      id: 'day-track-boundary',
      description: 'day: track boundary → shown, worst (not after an ad or unseen change)',
      target: '≤ 2 s',
      actual:
        boundary.worstMs === null ? 'no boundary measured' : `${(boundary.worstMs / 1000).toFixed(2)} s`,
      met: boundary.worstMs !== null && boundary.worstMs <= 2_000 && boundary.neverShown === 0,
    },
    {
      id: 'day-track-boundary-after-ad',
      description: 'day: end of an ad → shown, worst (reported apart: no length known)',
      target: '≤ 3.5 s',
      actual:
        boundary.afterAd.worstMs === null
          ? 'no ad end measured'
          : `${(boundary.afterAd.worstMs / 1000).toFixed(2)} s`,
      met:
        boundary.afterAd.worstMs !== null &&
        boundary.afterAd.worstMs <= 3_500 &&
        boundary.afterAd.neverShown === 0,
    },
    // No target on the day's command overhead: ~40 real-time samples on a shared machine give no p99 (the
    // slowest one decides it). The "p99 < 2 ms" is the 1,000-command part's target; the day reports
    // its p50 / p90 / slowest beside it.
  ];
}

/** The user's seek target: the planned fraction of the item, kept ≥ 10 s away from where it is. */
function seekTarget(fraction: number, position: number, durationMs: number | null): number {
  const length = durationMs ?? 180_000;
  let target = Math.round(fraction * length);
  if (Math.abs(target - position) < 10_000) target = (target + 30_000) % Math.max(1, length - 5_000);
  return target;
}

/** The planned volume, moved by 25 when it is already the current one (a change must change something). */
function volumeTarget(planned: number, current: number | null): number {
  if (planned !== current) return planned;
  return planned >= 55 ? planned - 25 : planned + 25;
}

async function liveDay(
  kind: ObserverKind,
  schedule: DaySchedule,
  options: DayOptions,
  contract: OpenApiContract | undefined,
): Promise<DayObserverResult> {
  const started = performance.now();
  const clock = new FakeClock();
  const sim = await startSimulator({
    clock,
    profile: 'realistic',
    randomSeed: options.seed,
    ...(contract && { contract }),
  });
  const probe = new ArrivalProbe(sim.url);
  const cleanups: (() => Promise<void> | void)[] = [];
  try {
    const session = await signIn(sim, clock);
    // The engine counts its requests into a budget as the app does (the app's default daily budget).
    const budget = 'pollerMs' in kind ? undefined : new RequestBudget({ now: clock.now() });
    const api = createSpotifyApi({
      tokens: session,
      baseUrl: sim.apiUrl,
      clock,
      sleep: clock.sleep,
      ...(budget && { recorder: budget }),
    });
    cleanups.push(() => api.client.close());
    const latency = new SimulatedLatency(
      clock,
      createRng(deriveSeed(options.seed, `day:latency:${kind.name}`)),
      options.latencyMs,
    );
    const slowApi = withLatency(api, latency);
    const observer =
      'pollerMs' in kind
        ? pollerObserver({ api: slowApi, clock, intervalMs: kind.pollerMs })
        : engineObserver({ api: slowApi, clock, session, ...(budget && { budget }) });
    cleanups.push(() => observer.stop());

    sim.player.externalRepeat('context');
    sim.player.externalResume();
    const truth = new TruthRecorder(sim, clock);
    cleanups.push(() => truth.stop());
    cleanups.push(
      clock.onSettle(() => latency.settled()),
      clock.onSettle(() => {
        truth.sample();
        return Promise.resolve();
      }),
    );

    const t0 = clock.now();
    sim.requests.reset();
    truth.sample();
    observer.start();

    const dayEnd = t0 + schedule.dayMs;
    const given: GivenCommand[] = [];
    const changes: { t: number; kind: ExternalKind }[] = [];
    const overheads: number[] = [];
    let notSent = 0;
    let commandsOk = 0;
    let commandsFailed = 0;
    const actionTimes = schedule.actions.map((action) => t0 + action.at);
    const events = [
      ...schedule.shows.flatMap((show) => [
        { at: show.at, apply: () => Promise.resolve(observer.show()) },
        { at: show.at + show.durationMs, apply: () => Promise.resolve(observer.hide()) },
      ]),
      ...schedule.actions.map((action, index) => ({
        at: action.at,
        apply: () => act(action, index),
      })),
    ].sort((a, b) => a.at - b.at);

    const act = async (action: ScheduledAction, index: number): Promise<void> => {
      const now = clock.now();
      truth.noteAction();
      if (action.type === 'external') {
        applyExternal(sim, truth, action.kind, action.value);
        truth.sample();
        changes.push({ t: now, kind: action.kind });
        return;
      }
      // What was shown just before the command, its progress carried to now.
      const shown = shownAt(observer, now);
      const before: Sample = { t: now, state: { ...shown.state, progressMs: positionAt(shown, now) } };
      const target =
        action.kind === 'seek'
          ? seekTarget(action.value ?? 0.5, before.state.progressMs, before.state.durationMs)
          : action.kind === 'volume'
            ? volumeTarget(action.value ?? 50, before.state.volume)
            : undefined;
      probe.expect((method, url) => url.startsWith('/v1/') && !(method === 'GET' && url === '/v1/me/player'));
      const callAt = performance.now();
      void observer.command(action.kind, target).then((ok) => (ok ? commandsOk++ : commandsFailed++));
      await clock.settle();
      const arrived = probe.take();
      if (arrived === null) notSent++;
      else overheads.push(arrived - callAt);
      const nextAction = actionTimes[index + 1] ?? Infinity;
      given.push({
        t: now,
        kind: action.kind,
        before,
        ...(target !== undefined && { target }),
        windowEnd: Math.min(nextAction, now + options.flickerWindowMs),
      });
    };

    for (const event of events) {
      const at = t0 + event.at;
      if (at > clock.now()) await clock.advance(at - clock.now());
      await event.apply();
    }
    if (dayEnd > clock.now()) await clock.advance(dayEnd - clock.now());
    const counts = countRequests(sim, t0, dayEnd);
    const serverPlayingMs = playingTime(truth, t0, dayEnd);
    await clock.advance(options.tailMs);
    const until = clock.now();

    const shows = schedule.shows.map((show) => ({ at: t0 + show.at, durationMs: show.durationMs }));
    options.inspect?.(kind.name, {
      truth,
      shown: observer.shown,
      commands: given,
      changes,
      requests: sim.requests.entries.map(({ at, method, path, status }) => ({ at, method, path, status })),
      shows,
      t0,
    });
    return {
      name: kind.name,
      ...counts,
      failures: observer.failures,
      commandsOk,
      commandsFailed,
      trackBoundary: boundaryStaleness(truth.timeline, observer.shown, truth.boundaries, dayEnd, changes),
      externalChange: externalStaleness(truth.timeline, observer.shown, changes, until),
      freshWhenLooked: freshness(truth.timeline, observer.shown, shows),
      flicker: flicker(truth.timeline, observer.shown, given),
      commandOverheadMs: {
        n: overheads.length,
        p50: round(percentile(overheads, 50)),
        p90: round(percentile(overheads, 90)),
        max: round(overheads.length === 0 ? null : Math.max(...overheads)),
        notSent,
      },
      serverPlayingMs,
      contractViolations: sim.contractViolations.length,
      wallMs: Math.round(performance.now() - started),
    };
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
    probe.close();
    await sim.close();
  }
}

function applyExternal(
  sim: Simulator,
  truth: TruthRecorder,
  kind: ExternalKind,
  value: number | undefined,
): void {
  const player = sim.player;
  switch (kind) {
    case 'skip':
      player.externalSkip();
      return;
    case 'pause':
      player.externalPause();
      return;
    case 'resume':
      player.externalResume();
      return;
    case 'seek': {
      const state = truth.state();
      player.externalSeek(seekTarget(value ?? 0.5, state.progressMs, state.durationMs));
      return;
    }
    case 'volume':
      player.externalVolume(volumeTarget(value ?? 50, truth.state().volume));
      return;
  }
}

/** How long the truth timeline says the server was playing in [from, to). */
function playingTime(truth: TruthRecorder, from: number, to: number): number {
  const samples = truth.timeline.samples;
  let total = 0;
  samples.forEach((sample, i) => {
    const start = Math.max(from, sample.t);
    const end = Math.min(to, samples[i + 1]?.t ?? to);
    if (sample.state.playing && end > start) total += end - start;
  });
  return total;
}
