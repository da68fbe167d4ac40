/**
 * `npm run bench`: runs the benchmark, prints the table, writes bench-results.json at the repository root.
 * Exits 0 even when a target is missed (it is a measurement; MISS is printed), 1 only if it could not run.
 *
 *   node bench/run.ts [--minutes 60] [--commands 1000] [--rounds 3] [--seed 1] [--out bench-results.json]
 *                     [--day-hours 10] [--day-only]
 *
 * --day-only runs the day scenario alone and replaces only the `day` section of the results file
 * (the rest of an earlier full run stays).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_BENCH_OPTIONS, runBench, type BenchOptions } from './bench.ts';
import { formatDay } from './day/report.ts';
import { dayOptionsFor, runDay } from './day/run-day.ts';
import { formatReport } from './report.ts';
import { pollOptionsFor } from './requests-per-hour.ts';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string' },
    commands: { type: 'string' },
    rounds: { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string' },
    'day-hours': { type: 'string' },
    'day-only': { type: 'boolean' },
  },
});

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new Error(`--${name} needs a positive integer`);
  return number;
}

const defaults = DEFAULT_BENCH_OPTIONS;
const seed = positive('seed', values.seed, defaults.poll.seed);
const onProgress = (message: string): void => console.error(`[bench] ${message}`);
const day = {
  ...dayOptionsFor(
    positive('day-hours', values['day-hours'], defaults.day.schedule.dayMs / 3_600_000) * 3_600_000,
    seed,
  ),
  onProgress,
};
const options: BenchOptions = {
  ...defaults,
  poll: pollOptionsFor(positive('minutes', values.minutes, defaults.poll.durationMs / 60_000) * 60_000, seed),
  commands: positive('commands', values.commands, defaults.commands),
  rounds: positive('rounds', values.rounds, defaults.rounds),
  day,
  onProgress,
};
const out = values.out ?? fileURLToPath(new URL('../bench-results.json', import.meta.url));

/** The results file as it is, or a fresh object when there is none (or it is not JSON). */
async function earlierResults(): Promise<Record<string, unknown>> {
  try {
    const parsed: unknown = JSON.parse(await readFile(out, 'utf8'));
    return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

try {
  if (values['day-only']) {
    const result = await runDay(day);
    console.log(formatDay(result));
    const earlier = await earlierResults();
    const merged: Record<string, unknown> = {
      ...earlier,
      dayGeneratedAt: new Date().toISOString(),
      day: result,
    };
    // An earlier full run's verdict covered its own day: it now covers this one.
    if (Array.isArray(earlier.targets)) {
      const others = earlier.targets as { met?: unknown }[];
      merged.allTargetsMet = others.every((t) => t.met === true) && result.targets.every((t) => t.met);
    }
    await writeFile(out, `${JSON.stringify(merged, null, 2)}\n`);
    console.log(`Day results written to ${out} (under "day")`);
  } else {
    const results = await runBench(options);
    console.log(formatReport(results));
    await writeFile(out, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`Results written to ${out}`);
  }
} catch (error) {
  console.error('[bench] failed:', error);
  process.exitCode = 1;
}
