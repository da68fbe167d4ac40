import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openSettingsStore } from '../../../src/main/settings/open-store.ts';
import { sanitizeSettingsReport } from '../../../src/main/settings/sanitize.ts';
import { SETTINGS_JSON_SCHEMA } from '../../../src/main/settings/schema.ts';
import { ConfSettingsStore } from '../../../src/main/settings/conf-settings-store.ts';
import { DEFAULT_SETTINGS, settingsPatchSchema } from '../../../src/shared/settings.ts';
import { openConf, tempDir } from './helpers.ts';

/** The daily request budget setting: 100..10,000 whole requests, default 1,000, validated like the rest. */

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe('dailyRequestBudget', () => {
  it('defaults to 1,000, and the file schema carries the bounds', () => {
    expect(DEFAULT_SETTINGS.dailyRequestBudget).toBe(1_000);
    expect(SETTINGS_JSON_SCHEMA.dailyRequestBudget).toMatchObject({
      type: 'integer',
      minimum: 100,
      maximum: 10_000,
      default: 1_000,
    });
  });

  it.each([100, 1_000, 10_000])('the renderer may set %i', (value) => {
    expect(settingsPatchSchema.parse({ dailyRequestBudget: value })).toEqual({ dailyRequestBudget: value });
  });

  it.each([99, 10_001, 500.5, -1, '1000', null])(
    'the renderer may not set %s, and is told the range',
    (value) => {
      const result = settingsPatchSchema.safeParse({ dailyRequestBudget: value });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe('Enter a whole number from 100 to 10,000.');
    },
  );

  it('a bad value in the file falls back to the last good one, and the key is reported', () => {
    const { settings, dropped } = sanitizeSettingsReport({ ...DEFAULT_SETTINGS, dailyRequestBudget: 5 });
    expect(settings.dailyRequestBudget).toBe(1_000);
    expect(dropped).toEqual(['dailyRequestBudget']);
    const kept = sanitizeSettingsReport(
      { ...DEFAULT_SETTINGS, dailyRequestBudget: 'lots' },
      { ...DEFAULT_SETTINGS, dailyRequestBudget: 700 },
    );
    expect(kept.settings.dailyRequestBudget).toBe(700);
  });

  it('a file from 0.2.0 without the key opens with the default (no migration needed)', async () => {
    const temp = await tempDir();
    cleanup = temp.remove;
    const { dailyRequestBudget: _absent, ...older } = DEFAULT_SETTINGS;
    writeFileSync(
      temp.file,
      JSON.stringify({ ...older, pinned: true, __internal__: { migrations: { version: '0.2.0' } } }),
    );
    const store = new ConfSettingsStore(openConf(temp.dir));
    expect(store.get()).toMatchObject({ pinned: true, dailyRequestBudget: 1_000 });
  });

  it('saved through the real store and read back; a hand-edited bad value is repaired on open', async () => {
    const temp = await tempDir();
    cleanup = temp.remove;
    new ConfSettingsStore(openConf(temp.dir)).update({ dailyRequestBudget: 3_000 });
    expect(new ConfSettingsStore(openConf(temp.dir)).get().dailyRequestBudget).toBe(3_000);
    expect(() => new ConfSettingsStore(openConf(temp.dir)).update({ dailyRequestBudget: 50 })).toThrow();

    const onDisk = JSON.parse(readFileSync(temp.file, 'utf8')) as Record<string, unknown>;
    writeFileSync(temp.file, JSON.stringify({ ...onDisk, dailyRequestBudget: 0 }));
    const problems: string[] = [];
    const repaired = openSettingsStore({
      create: () => openConf(temp.dir),
      path: temp.file,
      onRepair: (problem) => problems.push(problem),
    });
    expect(repaired.store.dailyRequestBudget).toBe(1_000);
    expect(problems.join(' ')).toContain('dailyRequestBudget');
  });
});
