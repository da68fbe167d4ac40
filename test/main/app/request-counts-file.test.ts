import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RequestCountsFile, REQUEST_COUNTS_FILE_NAME } from '../../../src/main/app/request-counts-file.ts';
import { RequestBudget, RequestCountsError } from '../../../src/main/spotify/request-budget.ts';
import { FakeClock } from '../../support/fake-clock.ts';

const MINUTE = 60_000;
const T0 = 1_800_000_000_000 - (1_800_000_000_000 % MINUTE);

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'traytune-counts-'));
  path = join(dir, REQUEST_COUNTS_FILE_NAME);
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('RequestCountsFile', () => {
  it('no file yet: no counts', () => {
    expect(new RequestCountsFile(path).load()).toBeNull();
  });

  it('round trip through a real file, owner-only, with per-minute counts and nothing else', async () => {
    const clock = new FakeClock(T0);
    const file = new RequestCountsFile(path);
    const budget = new RequestBudget({ store: file, scheduler: clock, now: T0 });
    budget.record(T0 + 1_000);
    budget.record(T0 + 2_000);
    budget.record(T0 + MINUTE + 5);
    await clock.advance(10_000); // the debounced save
    await budget.flush(T0 + MINUTE + 10_000); // and wait for it

    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({
      version: 1,
      minutes: [
        [T0 / MINUTE, 2],
        [T0 / MINUTE + 1, 1],
      ],
    });
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);

    const restarted = new RequestBudget({
      store: new RequestCountsFile(path),
      scheduler: clock,
      now: T0 + 2 * MINUTE,
    });
    expect(restarted.usedToday(T0 + 2 * MINUTE)).toBe(3);
    expect(restarted.usedInLastHour(T0 + 2 * MINUTE)).toBe(3);
  });

  it.each([
    ['not JSON', '{"version":1,"minu'],
    ['the wrong shape', '{"version":2,"minutes":[]}'],
    ['negative counts', '{"version":1,"minutes":[[1,-4]]}'],
  ])('a file that is %s is reported as damaged and the budget starts from zero', (_what, text) => {
    writeFileSync(path, text);
    const problems: RequestCountsError[] = [];
    const budget = new RequestBudget({
      store: new RequestCountsFile(path),
      scheduler: new FakeClock(T0),
      now: T0,
      onProblem: (error) => problems.push(error),
    });
    expect(budget.usedToday(T0)).toBe(0);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.code).toBe('unreadable');
    expect(problems[0]?.message).toContain('is damaged');
    expect(problems[0]?.message).toContain(path);
  });

  it('a damaged file is replaced by the next save', async () => {
    writeFileSync(path, 'garbage');
    const budget = new RequestBudget({
      store: new RequestCountsFile(path),
      scheduler: new FakeClock(T0),
      now: T0,
      onProblem: () => {},
    });
    budget.record(T0);
    await budget.flush(T0);
    expect(new RequestCountsFile(path).load()).toEqual({ version: 1, minutes: [[T0 / MINUTE, 1]] });
  });

  it('a folder that is not there: a write-failed error that names the file and what to check', async () => {
    const missing = join(dir, 'gone', REQUEST_COUNTS_FILE_NAME);
    const error = await new RequestCountsFile(missing)
      .save({ version: 1, minutes: [] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestCountsError);
    expect(error).toMatchObject({ code: 'write-failed' });
    expect((error as Error).message).toContain(missing);
    expect((error as Error).message).toContain('ENOENT');
    expect((error as Error).message).toMatch(/Check that the folder is writable/);
  });

  it('a file that cannot be read (a folder in its place) is unreadable, not "no counts"', () => {
    mkdirSync(path);
    expect(() => new RequestCountsFile(path).load()).toThrow(RequestCountsError);
    expect(() => new RequestCountsFile(path).load()).toThrow(/could not read .*EISDIR/);
  });
});
