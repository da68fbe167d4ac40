import { afterEach, describe, expect, it } from 'vitest';
import { signIn, startApp, type AppHarness } from './harness.ts';

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const reads = (h: AppHarness) => h.sim.requests.count({ method: 'GET', path: '/v1/me/player' });

describe('notifyLooking (the tray menu opened) reaches the engine', () => {
  it('a stale state: one prompt read; opened again within a second: none', async () => {
    h = await startApp();
    await signIn(h);
    // Hidden and paused: the next interval read is minutes away, so any read below is the menu's.
    await h.clock.advance(5_000);
    h.sim.requests.reset();

    h.app.notifyLooking();
    await h.clock.advance(0);
    expect(reads(h)).toBe(1);

    await h.clock.advance(500);
    h.app.notifyLooking();
    await h.clock.advance(0);
    expect(reads(h)).toBe(1);

    // Once the state is stale again, the next opening reads again.
    await h.clock.advance(2_000);
    h.app.notifyLooking();
    await h.clock.advance(0);
    expect(reads(h)).toBe(2);
  });

  it('the read brings a change made elsewhere into the snapshot', async () => {
    h = await startApp();
    await signIn(h);
    await h.clock.advance(5_000);
    h.sim.player.externalResume();
    expect(h.app.getSnapshot().isPlaying).toBe(false);
    h.app.notifyLooking();
    await h.clock.advance(0);
    expect(h.app.getSnapshot().isPlaying).toBe(true);
  });

  it('signed out: nothing to look at, and nothing is read', async () => {
    h = await startApp();
    h.sim.requests.reset();
    h.app.notifyLooking();
    await h.clock.advance(0);
    expect(h.sim.requests.count()).toBe(0);
  });
});
