import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RequestCountsFile, REQUEST_COUNTS_FILE_NAME } from '../../../src/main/app/request-counts-file.ts';
import { UserFacingError } from '../../../src/main/app/errors.ts';
import { REQUEST_FIGURES_PUSH_MS } from '../../../src/main/app/app-state-service.ts';
import type { AppState } from '../../../src/shared/app-state.ts';
import { signIn, startApp, type AppHarness } from './harness.ts';

/**
 * The request figures in the app state: what the settings page shows. Counted from the client's own
 * requests (so they equal what the simulator saw at the Web API), pushed at most about once a second,
 * with the daily budget from the settings, and kept across a restart.
 */

let h: AppHarness | undefined;
let dir: string | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function webApiRequests(harness: AppHarness): number {
  return harness.sim.requests.entries.filter((entry) => entry.path.startsWith('/v1/')).length;
}

/** Records each pushed state with the clock time it was pushed at. */
function pushesOf(harness: AppHarness): { at: number; state: AppState }[] {
  const pushes: { at: number; state: AppState }[] = [];
  harness.app.on('app:state', (state) => pushes.push({ at: harness.clock.now(), state }));
  return pushes;
}

describe('request figures in the app state', () => {
  it('before any request: zero of the default budget, no read planned', async () => {
    h = await startApp({ start: false });
    expect(h.app.getState().requests).toEqual({
      lastHour: 0,
      today: 0,
      dailyBudget: 1_000,
      nextReadAt: null,
    });
  });

  it('signed in: what the simulator saw at the Web API, and when the engine reads next', async () => {
    h = await startApp();
    h.sim.requests.reset();
    await signIn(h);
    await h.app.handlers['ui:setVisible']({ visible: true });
    await h.app.handlers['player:togglePlay'](undefined);
    await h.clock.advance(20_000);

    const { requests } = h.app.getState();
    expect(requests.today).toBeGreaterThan(0);
    expect(requests.today).toBe(webApiRequests(h));
    expect(requests.lastHour).toBe(requests.today);
    expect(requests.dailyBudget).toBe(1_000);
    // A shown player has its next read planned, in the future.
    expect(requests.nextReadAt).not.toBeNull();
    expect(requests.nextReadAt!).toBeGreaterThan(h.clock.now());

    // An hour later those have left the hour, not the day.
    await h.app.handlers['ui:setVisible']({ visible: false });
    await h.app.handlers['player:togglePlay'](undefined); // pause: hidden and paused reads are rare
    await h.clock.advance(61 * 60_000);
    const later = h.app.getState().requests;
    expect(later.today).toBe(webApiRequests(h));
    expect(later.lastHour).toBeLessThan(later.today);
  });

  it('pushed at most once a second however many requests go out, and the last push is current', async () => {
    h = await startApp();
    await signIn(h);
    const pushes = pushesOf(h);
    await h.app.handlers['ui:setVisible']({ visible: true });
    // A burst of commands at one instant, then a minute of polling.
    for (let i = 0; i < 8; i++) await h.app.handlers['player:setVolume']({ percent: 10 + i });
    await h.clock.advance(60_000);

    const figures = pushes.map((push) => push.state.requests.today);
    expect(figures.at(-1)).toBeGreaterThan(figures[0] ?? 0);
    // Far fewer pushes than requests…
    expect(pushes.length).toBeLessThan(webApiRequests(h) - 8);
    // …and never two within a second (every push here comes from the figures: the account did not change).
    for (let i = 1; i < pushes.length; i++) {
      expect(pushes[i]!.at - pushes[i - 1]!.at).toBeGreaterThanOrEqual(REQUEST_FIGURES_PUSH_MS);
    }

    // Hidden and paused the player goes quiet; the last push then holds the final count.
    await h.app.handlers['ui:setVisible']({ visible: false });
    await h.clock.advance(2_000);
    expect(pushes.at(-1)?.state.requests.today).toBe(h.app.requestBudget.usedToday(h.clock.now()));
    expect(pushes.at(-1)?.state.requests.today).toBe(webApiRequests(h));
  });

  it('the daily budget follows the setting, and a bad one is refused with the allowed range', async () => {
    h = await startApp({ start: false });
    const pushes = pushesOf(h);
    const updated = await h.app.handlers['settings:update']({ dailyRequestBudget: 400 });
    expect(updated.dailyRequestBudget).toBe(400);
    expect(h.app.getState().requests.dailyBudget).toBe(400);
    expect(h.app.requestBudget.dailyBudget).toBe(400);
    expect(pushes.at(-1)?.state.requests.dailyBudget).toBe(400);

    for (const bad of [99, 10_001, 250.5]) {
      const error = await h.app.handlers['settings:update']({ dailyRequestBudget: bad }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(UserFacingError);
      expect(error).toMatchObject({
        code: 'validation',
        message: 'Enter a whole number from 100 to 10,000.',
      });
    }
    expect(h.settings.get().dailyRequestBudget).toBe(400);
    expect(h.app.requestBudget.dailyBudget).toBe(400);
  });

  it('the budget set before start is the one used', async () => {
    h = await startApp({ start: false });
    h.settings.update({ dailyRequestBudget: 2_500 });
    const restarted = await h.restart();
    expect(restarted.getState().requests.dailyBudget).toBe(2_500);
  });

  it('counts survive a sign-out and a restart (through the counts file)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'traytune-figures-'));
    const file = join(dir, REQUEST_COUNTS_FILE_NAME);
    h = await startApp({ deps: { requestCounts: new RequestCountsFile(file) } });
    await signIn(h);
    await h.app.handlers['player:togglePlay'](undefined);
    await h.app.handlers['auth:signOut'](undefined);
    const counted = h.app.getState().requests.today;
    expect(counted).toBeGreaterThan(0);
    expect(counted).toBe(h.app.requestBudget.usedToday(h.clock.now()));

    await h.app.stop(); // writes the counts
    expect(new RequestCountsFile(file).load()?.minutes.reduce((sum, [, n]) => sum + n, 0)).toBe(counted);
    const restarted = await h.restart({ requestCounts: new RequestCountsFile(file) });
    expect(restarted.getState().requests.today).toBe(counted);
    expect(restarted.getState().requests.lastHour).toBe(counted);
  });
});
