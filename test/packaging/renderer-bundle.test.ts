import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, expect, it } from 'vitest';
import { ensureAppBuilt } from '../../dev/scripts/package-check.ts';

/** The mini-player must stay small: the budget for the renderer's JavaScript, gzipped. */
const BUDGET_BYTES = 60 * 1024;
const assets = join(import.meta.dirname, '../../out/renderer/assets');

beforeAll(() => {
  ensureAppBuilt();
}, 180_000);

it('keeps the renderer bundle under 60 KB of gzipped JavaScript', () => {
  const scripts = readdirSync(assets).filter((name) => name.endsWith('.js'));
  expect(scripts.length).toBeGreaterThan(0);
  const gzipped = scripts.reduce((sum, name) => sum + gzipSync(readFileSync(join(assets, name))).length, 0);
  console.info(`renderer JS: ${(gzipped / 1024).toFixed(1)} KB gzipped in ${scripts.length} file(s)`);
  expect(gzipped).toBeLessThan(BUDGET_BYTES);
});
