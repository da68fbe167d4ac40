/**
 * `npm run bench`: runs the benchmark, prints the table, writes bench-results.json at the repository root.
 * Exits 0 even when a target is missed (it is a measurement; MISS is printed), 1 only if it could not run.
 *
 *   node bench/run.ts [--minutes 60] [--commands 1000] [--rounds 3] [--seed 1] [--out bench-results.json]
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_BENCH_OPTIONS, runBench, type BenchOptions } from './bench.ts';
import { formatReport } from './report.ts';
import { pollOptionsFor } from './requests-per-hour.ts';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string' },
    commands: { type: 'string' },
    rounds: { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string' },
  },
});

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new Error(`--${name} needs a positive integer`);
  return number;
}

const defaults = DEFAULT_BENCH_OPTIONS;
const options: BenchOptions = {
  ...defaults,
  poll: pollOptionsFor(
    positive('minutes', values.minutes, defaults.poll.durationMs / 60_000) * 60_000,
    positive('seed', values.seed, defaults.poll.seed),
  ),
  commands: positive('commands', values.commands, defaults.commands),
  rounds: positive('rounds', values.rounds, defaults.rounds),
  onProgress: (message) => console.error(`[bench] ${message}`),
};
const out = values.out ?? fileURLToPath(new URL('../bench-results.json', import.meta.url));

try {
  const results = await runBench(options);
  console.log(formatReport(results));
  await writeFile(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`Results written to ${out}`);
} catch (error) {
  console.error('[bench] failed:', error);
  process.exitCode = 1;
}
