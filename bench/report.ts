/** The printed table of a benchmark run. */
import type { BenchResults } from './bench.ts';
import type { PathOverhead } from './command-overhead.ts';
import type { RefreshCase } from './refresh-concurrency.ts';
import { formatDay } from './day/report.ts';
import type { Summary } from './lib/stats.ts';
import { table } from './lib/table.ts';

function seconds(ms: number | null): string {
  return ms === null ? '—' : (ms / 1000).toFixed(2);
}

function duration(ms: number): string {
  return ms >= 60_000 && ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Math.round(ms / 100) / 10} s`;
}

function pair(summary: Summary): string {
  return summary.n === 0 ? '—' : `${seconds(summary.medianMs)} / ${seconds(summary.worstMs)} s`;
}

function milliseconds(summary: Summary): string {
  return summary.n === 0 ? '—' : `${summary.medianMs ?? '—'} / ${summary.worstMs ?? '—'} ms`;
}

/** "Playing locally" beside the polling scenario of the same run. */
function formatLocalPlayer(local: BenchResults['localPlayer']): string[] {
  const out = [
    `Playing locally (hidden, playing, the computer's Spotify pushing through MPRIS on a private bus), ` +
      `${local.simulatedMinutes} simulated min`,
  ];
  if (local.notRun !== null) return [...out, `  not run: ${local.notRun}`];
  const changes = Object.entries(local.changes)
    .map(([kind, count]) => `${kind} ${count}`)
    .join(', ');
  out.push(
    table(
      [
        ['', 'requests/h', 'fewer'],
        ['engine, local player pushing', String(local.engine.perHour), ''],
        [
          'same engine polling (playing-hidden)',
          String(local.baseline.pollingEnginePerHour),
          local.fewerThanPollingEngine === null ? '—' : `${local.fewerThanPollingEngine}×`,
        ],
        [
          '1-second poller (playing-hidden)',
          String(local.baseline.pollerPerHour),
          local.fewerThanPoller === null ? '—' : `${local.fewerThanPoller}×`,
        ],
      ],
      ['l', 'r', 'r'],
    ),
  );
  const endpoints = Object.entries(local.engine.byEndpoint)
    .map(([endpoint, count]) => `${endpoint} ${count}`)
    .join(', ');
  const kinds = Object.entries(local.shownAfterSignal.byKind)
    .map(([kind, summary]) => `${kind} ${milliseconds(summary)}`)
    .join(', ');
  out.push(`  requests: ${endpoints || 'none'}; changes made: ${changes || 'none'}`);
  out.push(
    `  MPRIS signal → shown (real time), median / worst: ${milliseconds(local.shownAfterSignal)}, ` +
      `p95 ${local.shownAfterSignal.p95Ms ?? '—'} ms; by change: ${kinds || '—'}; never shown ${local.neverShown}; ` +
      `still pushing at the end: ${local.pushActiveAtEnd ? 'yes' : 'no'}`,
  );
  return out;
}

export function formatReport(results: BenchResults): string {
  const { machine, config } = results;
  const out: string[] = [];
  out.push('Traytune player engine benchmark');
  out.push(
    `node ${machine.node} · ${machine.platform}/${machine.arch} · ${machine.cpus} × ${machine.cpuModel} · ` +
      `load ${machine.loadAverageStart.join('/')} → ${machine.loadAverageEnd.join('/')} · seed ${config.seed}`,
  );
  out.push('');

  out.push(
    `Requests per hour: engine vs a fixed ${config.pollerIntervalMs / 1000}-second poller (GET /me/player), same run, ` +
      `${config.simulatedMinutesPerScenario} simulated min per scenario,`,
  );
  out.push(
    `same seeded external changes (every ${duration(config.eventGapMs[0])} – ${duration(config.eventGapMs[1])}; ` +
      `excursions undone ${duration(config.returnGapMs[0])} – ${duration(config.returnGapMs[1])} after both show them).`,
  );
  out.push('Staleness = time until the state shows the change, median / worst.');
  const rows: string[][] = [
    ['', 'requests/h', '', '', 'track boundary → shown', '', '', 'external change → shown', '', ''],
    ['scenario', 'engine', 'poller', 'fewer', 'engine', 'poller', 'n', 'engine', 'poller', 'n'],
  ];
  for (const scenario of Object.values(results.requestsPerHour)) {
    const engine = scenario.engine.staleness;
    const poller = scenario.poller.staleness;
    rows.push([
      /visible|hidden/.test(scenario.name)
        ? scenario.name
        : `${scenario.name} (${scenario.visible ? 'visible' : 'hidden'})`,
      String(scenario.engine.perHour),
      String(scenario.poller.perHour),
      scenario.ratio === null ? '—' : `${scenario.ratio.toFixed(1)}×`,
      pair(engine.trackBoundary),
      pair(poller.trackBoundary),
      String(engine.trackBoundary.n),
      pair(engine.externalChange),
      pair(poller.externalChange),
      String(engine.externalChange.n),
    ]);
  }
  out.push(table(rows, ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r']));
  const notes: string[] = [];
  for (const scenario of Object.values(results.requestsPerHour)) {
    const kinds = Object.entries(scenario.engine.staleness.externalChange.byKind)
      .map(([kind, summary]) => `${kind} ${pair(summary)}`)
      .join(', ');
    const endpoints = Object.entries(scenario.engine.byEndpoint)
      .map(([endpoint, count]) => `${endpoint} ${count}`)
      .join(', ');
    notes.push(`  ${scenario.name}: engine ${endpoints}; by change: ${kinds || '—'}`);
    const excluded = scenario.engine.staleness.trackBoundary.excluded;
    const never = scenario.engine.staleness.neverShown + scenario.poller.staleness.neverShown;
    if (excluded > 0)
      notes.push(
        `    ${excluded} boundary(ies) fell before the engine had seen the preceding external change (counted there)`,
      );
    if (never > 0) notes.push(`    ${never} change(s) never shown by the end of the run`);
  }
  out.push(...notes);
  out.push('');

  out.push(...formatLocalPlayer(results.localPlayer));
  out.push('');

  const overhead = results.commandOverheadMs;
  out.push(
    `Command overhead: call → request reaching the simulator (loopback, real time), ` +
      `${overhead.engine.commands} sequential volume commands per round, ${overhead.rounds.length} round(s) after ` +
      `${overhead.warmup} warm-up; median round by p99; (×) = vs the plain-undici baseline of the same run`,
  );
  const base = overhead.baseline;
  const times = (value: number | null, floor: number | null): string =>
    value === null || floor === null || floor === 0 ? '' : ` (${(value / floor).toFixed(1)}×)`;
  const overheadRow = (name: string, path: PathOverhead, all: PathOverhead[]): string[] => [
    name,
    `${path.p50?.toFixed(3) ?? '—'} ms${times(path.p50, base.p50)}`,
    `${path.p99?.toFixed(3) ?? '—'} ms${times(path.p99, base.p99)}`,
    `${path.mean?.toFixed(3) ?? '—'} ms`,
    `${path.max?.toFixed(3) ?? '—'} ms`,
    String(path.newConnections),
    all.map((entry) => entry.p99?.toFixed(3) ?? '—').join(', '),
    path.missing + path.failed === 0 ? '' : `${path.missing} missing, ${path.failed} failed`,
  ];
  out.push(
    table(
      [
        ['path', 'p50', 'p99', 'mean', 'max', 'new connections', 'p99 per round', ''],
        overheadRow(
          'engine',
          overhead.engine,
          overhead.rounds.map((round) => round.engine),
        ),
        overheadRow(
          'client',
          overhead.client,
          overhead.rounds.map((round) => round.client),
        ),
        overheadRow(
          'baseline: plain undici',
          overhead.baseline,
          overhead.rounds.map((round) => round.baseline),
        ),
      ],
      ['l', 'r', 'r', 'r', 'r', 'r', 'l', 'l'],
    ),
  );
  out.push('');

  const refresh = results.refreshUnderConcurrency;
  out.push(
    `Token refreshes caused by ${refresh.concurrentCalls} concurrent calls with an expired access token`,
  );
  const refreshRow = (name: string, entry: RefreshCase): string[] => [
    name,
    String(entry.refreshes),
    `${entry.succeeded}/${refresh.concurrentCalls}`,
    String(entry.apiRequests),
  ];
  out.push(
    table(
      [
        ['how', 'refreshes', 'succeeded', 'API requests'],
        refreshRow('API calls, session knows the token expired', refresh.apiCalls),
        refreshRow('API calls, learnt from 401s (clock jumped)', refresh.apiCallsAfter401),
        refreshRow('session.getAccessToken()', refresh.getAccessToken),
      ],
      ['l', 'r', 'r', 'r'],
    ),
  );
  out.push('');

  out.push(formatDay(results.day));
  out.push('');

  out.push('Targets');
  out.push(
    table(
      results.targets.map((target) => [
        target.met ? 'PASS' : 'MISS',
        target.description,
        target.target,
        target.actual,
      ]),
      ['l', 'l', 'l', 'l'],
    ),
  );
  const all = [...results.targets, ...results.day.targets];
  const missed = all.filter((target) => !target.met).length;
  out.push(
    missed === 0
      ? 'All targets met (the day’s included).'
      : `MISS: ${missed} of ${all.length} targets missed, the day’s included (a measurement: see bench-results.json).`,
  );
  out.push(`Took ${(results.wallMs / 1000).toFixed(1)} s.`);
  return out.join('\n');
}
