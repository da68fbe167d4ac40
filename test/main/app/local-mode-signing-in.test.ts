/**
 * Local mode stands in for an account that is not there, not for one being signed in: while the browser
 * sign-in runs, main neither shows the local player nor sends it commands (the window and the tray show
 * the sign-in then, by the same shared rule, localModeApplies).
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakePlayer, type FakePlayer } from '../../../dev/mpris/fake-player.ts';
import { openMprisBridge } from '../../../src/main/local-player/index.ts';
import { noteSkippedDbusSuite, requireDbus, skipDbusTests } from '../../support/dbus-gate.ts';
import { startApp, type AppHarness } from './harness.ts';

const suite = 'local mode while signing in, on a real session bus';
noteSkippedDbusSuite(suite);
describe.skipIf(skipDbusTests)(suite, () => {
  beforeAll(() => requireDbus());

  let h: AppHarness | undefined;
  let fake: FakePlayer | undefined;
  afterEach(async () => {
    try {
      await h?.close();
    } finally {
      await fake?.stop();
      h = fake = undefined;
    }
  });

  it('is set aside while the sign-in runs, and back when it is cancelled', async () => {
    fake = await startFakePlayer({ mode: 'spotify' });
    fake.play();
    // The "browser" opens, and nobody answers the consent page: the sign-in waits.
    h = await startApp({
      deps: { openLocalPlayer: () => openMprisBridge(), openExternal: () => Promise.resolve() },
    });
    expect(h.app.getState().account).toBe('signed-out');
    expect(h.app.getSnapshot().connection.status).toBe('local');

    const signingIn = h.app.handlers['auth:signIn'](undefined);
    expect(h.app.getState().account).toBe('signing-in');
    expect(h.app.getSnapshot().connection.status).not.toBe('local');
    const result = await h.app.handlers['player:togglePlay'](undefined);
    expect(result.ok).toBe(false);
    expect(fake.state().status).toBe('Playing');

    const pushed = h.snapshots.length;
    await h.app.handlers['auth:cancelSignIn'](undefined);
    await signingIn;
    expect(h.app.getState().account).toBe('signed-out');
    expect(h.app.getSnapshot().connection.status).toBe('local');
    // Pushed too, with no change of the player's: the window draws from what is pushed.
    expect(h.snapshots.slice(pushed).map((s) => s.connection.status)).toContain('local');
  });
});
