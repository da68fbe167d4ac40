/** The printed table of the day scenario (bench/report.ts prints it within the whole run, run.ts alone). */
import { formatProfile } from '../../dev/simulator/profile.ts';
import type { Summary } from '../lib/stats.ts';
import { table } from '../lib/table.ts';
import type { DayObserverResult, DayResult } from './run-day.ts';
import type { Percentiles } from './measures.ts';

function seconds(ms: number | null): string {
  return ms === null ? '—' : (ms / 1000).toFixed(2);
}

function pair(summary: Summary): string {
  return summary.n === 0 ? '—' : `${seconds(summary.medianMs)} / ${seconds(summary.worstMs)} s`;
}

function p50p95(value: Percentiles): string {
  return value.n === 0 ? '—' : `${value.p50Ms ?? '—'} / ${value.p95Ms ?? '—'} ms`;
}

function ms(value: number | null): string {
  return value === null ? '—' : `${value.toFixed(3)} ms`;
}

function list(counts: Partial<Record<string, number>>): string {
  return Object.entries(counts)
    .map(([name, count]) => `${count} ${name}`)
    .join(', ');
}

const ROWS: [string, (o: DayObserverResult) => string][] = [
  ['requests in the day (/v1)', (o) => String(o.requests)],
  ['  answered 429', (o) => String(o.answered429)],
  ['  token refreshes (/api/token)', (o) => String(o.tokenRequests)],
  ['track boundary → shown, median / worst', (o) => pair(o.trackBoundary)],
  [
    '  measured, excluded, never shown',
    (o) => `${o.trackBoundary.n}, ${o.trackBoundary.excluded}, ${o.trackBoundary.neverShown}`,
  ],
  ['  after an ad (length unknown), median / worst', (o) => pair(o.trackBoundary.afterAd)],
  ['    measured, never shown', (o) => `${o.trackBoundary.afterAd.n}, ${o.trackBoundary.afterAd.neverShown}`],
  ['  after an unseen other-device change, median / worst', (o) => pair(o.trackBoundary.afterUnseenChange)],
  [
    '    measured, never shown',
    (o) => `${o.trackBoundary.afterUnseenChange.n}, ${o.trackBoundary.afterUnseenChange.neverShown}`,
  ],
  ['other-device change → shown, median / worst', (o) => pair(o.externalChange)],
  ['  measured, never shown', (o) => `${o.externalChange.n}, ${o.externalChange.neverShown}`],
  ['fresh when looked at, p50 / p95', (o) => p50p95(o.freshWhenLooked)],
  [
    '  worst; shows never fresh',
    (o) => `${o.freshWhenLooked.worstMs ?? '—'} ms; ${o.freshWhenLooked.neverFresh}`,
  ],
  ['flicker: reversals after own commands', (o) => String(o.flicker.reversals)],
  ['  commands measured, rolled back', (o) => `${o.flicker.measured}, ${o.flicker.rolledBack}`],
  [
    'command call → request, p50 / p90 / slowest',
    (o) => `${ms(o.commandOverheadMs.p50)} / ${ms(o.commandOverheadMs.p90)} / ${ms(o.commandOverheadMs.max)}`,
  ],
  ['  measured, not sent at once', (o) => `${o.commandOverheadMs.n}, ${o.commandOverheadMs.notSent}`],
  ['commands taken / failed', (o) => `${o.commandsOk} / ${o.commandsFailed}`],
  ['failures seen (reads and commands)', (o) => String(o.failures)],
  ['server playing', (o) => `${(o.serverPlayingMs / 3_600_000).toFixed(2)} h`],
  ['answers breaking openapi.yml', (o) => String(o.contractViolations)],
  ['real time', (o) => `${(o.wallMs / 1000).toFixed(1)} s`],
];

export function formatDay(day: DayResult): string {
  const { config } = day;
  const out: string[] = [];
  out.push(
    `Day: ${config.hours} h on the realistic simulator profile, seed ${config.scheduleSeed}: ${config.plannedPlayingHours} h ` +
      `playing, the mini-player shown ${config.shows} times (${config.showMinutes} min),`,
  );
  out.push(`  own commands: ${list(config.commands)};`);
  out.push(`  on another device: ${list(config.externalChanges)}; natural track ends throughout.`);
  out.push(formatProfile(day.profile));
  out.push('');
  const observers = day.observers;
  out.push(
    table(
      [
        ['', ...observers.map((o) => o.name)],
        ...ROWS.map(([label, cell]) => [label, ...observers.map(cell)]),
      ],
      ['l', ...observers.map(() => 'r' as const)],
    ),
  );
  const endpoints = observers.map((o) => `  ${o.name}: ${list(o.byEndpoint)}; statuses ${list(o.byStatus)}`);
  out.push('Requests by endpoint:', ...endpoints);
  out.push('');
  out.push('Day targets (engine; measured, never asserted)');
  out.push(
    table(
      day.targets.map((target) => [
        target.met ? 'met' : 'MISS',
        target.description,
        target.target,
        target.actual,
      ]),
      ['l', 'l', 'l', 'l'],
    ),
  );
  out.push(
    `Each API call's answer arrives ${config.latencyMs[0]}–${config.latencyMs[1]} ms (seeded, uniform) after the request, ` +
      'on the fake clock; the request reaches the simulator at once.',
  );
  out.push(
    '"Fresh when looked at": from showing the mini-player to the shown item, play/pause, volume and position ' +
      '(±1 s) matching the server’s (a show never fresh counts with its length).',
  );
  out.push(
    `Flicker: within ${config.flickerWindowMs / 1000} s of an own command (or until the next action), the shown value going ` +
      'back to the pre-command value after showing the new one, the server ending on the new one.',
  );
  out.push(
    'Command overhead: real time from the call to its request reaching the simulator (as in "Command overhead" ' +
      'above); ~40 commands are too few for a p99, so the slowest is given: one stall of a shared machine ' +
      'decides it. The p99 is the 1,000-command figure.',
  );
  out.push(
    'Pollers use the same Web API client: they send nothing during a Retry-After pause or once the quota is used up ' +
      '(then every poll fails locally); they show no liked state, so likes are not in their flicker.',
  );
  return out.join('\n');
}
