import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RotatingLog } from '../../../src/main/app/rotating-log.ts';

describe('RotatingLog', () => {
  let dir: string;
  let file: string;
  let oldFile: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'traytune-log-'));
    file = join(dir, 'main.log');
    oldFile = join(dir, 'main.old.log');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('rotates during the run once the file would pass the limit, keeping two files at most', async () => {
    const log = new RotatingLog({ file, oldFile, maxBytes: 100 });
    const line = (n: number) => `line ${String(n).padStart(3, '0')} ${'x'.repeat(20)}\n`; // 30 bytes
    for (let n = 0; n < 10; n++) log.write(line(n));

    // 3 lines fit in 100 bytes: lines 0-2, 3-5, 6-8 rotated in turn, 9 is current.
    expect(await readFile(file, 'utf8')).toBe(line(9));
    expect(await readFile(oldFile, 'utf8')).toBe(line(6) + line(7) + line(8));
    expect((await stat(file)).size).toBeLessThanOrEqual(100);
    expect((await stat(oldFile)).size).toBeLessThanOrEqual(100);
  });

  it('continues an existing log below the limit, and rotates one past it at start', async () => {
    await writeFile(file, 'a'.repeat(50));
    const log = new RotatingLog({ file, oldFile, maxBytes: 100 });
    log.write('b'.repeat(40));
    expect(existsSync(oldFile)).toBe(false);
    log.write('c'.repeat(40)); // 130 > 100: the first 90 bytes move
    expect(await readFile(oldFile, 'utf8')).toBe('a'.repeat(50) + 'b'.repeat(40));
    expect(await readFile(file, 'utf8')).toBe('c'.repeat(40));

    await writeFile(file, 'd'.repeat(150));
    const restarted = new RotatingLog({ file, oldFile, maxBytes: 100 });
    expect(await readFile(oldFile, 'utf8')).toBe('d'.repeat(150));
    expect(existsSync(file)).toBe(false);
    restarted.write('e\n');
    expect(await readFile(file, 'utf8')).toBe('e\n');
  });

  it('never throws from write, even when the folder is gone', async () => {
    const log = new RotatingLog({ file, oldFile, maxBytes: 10 });
    await rm(dir, { recursive: true, force: true });
    expect(() => {
      log.write('hello world\n');
      log.write('again\n');
    }).not.toThrow();
  });
});
