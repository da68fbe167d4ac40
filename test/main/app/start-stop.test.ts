/**
 * Quitting while the app is still starting (an OS logout at launch): what start() had not begun yet is
 * never begun. The local player opens first, so a stop() can land while it does.
 */
import { afterEach, expect, it } from 'vitest';
import { TraytuneApp } from '../../../src/main/app/traytune-app.ts';
import { MemoryTokenCache } from '../../../src/main/auth/caches/memory.ts';
import { openMprisBridge } from '../../../src/main/local-player/index.ts';
import { signIn, startApp, type AppHarness } from './harness.ts';

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

it('restores no sign-in when stop() came while the local player was opening', async () => {
  h = await startApp();
  await signIn(h);
  await h.app.stop(); // the saved sign-in stays in the cache for the next start

  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const harness = h;
  const app = new TraytuneApp({
    settings: harness.settings,
    createTokenCache: (id) => harness.caches.get(id) ?? new MemoryTokenCache(),
    openExternal: () => Promise.resolve(),
    env: harness.env,
    clock: harness.clock,
    scheduler: harness.clock,
    // Opens slowly (and then finds no bus): the stop lands while it is still opening.
    openLocalPlayer: () => held.then(() => openMprisBridge({ busAddress: 'unix:path=/nonexistent/bus' })),
  });
  harness.sim.requests.reset();
  const starting = app.start();
  const stopping = app.stop();
  release();
  await starting;
  await stopping;
  await harness.clock.advance(10 * 60_000);

  expect(app.getState().account).not.toBe('signed-in');
  expect(app.getSnapshot().connection.status).not.toBe('ok');
  expect(harness.sim.requests.entries.map((e) => `${e.method} ${e.path}`)).toEqual([]);
});
