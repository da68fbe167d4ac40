/**
 * LocalPlayerWatch on a real session bus with the fake MPRIS player: what it passes on of the player's
 * position (test/main/app/local-player.test.ts covers the rest through the app).
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakePlayer, type FakePlayer } from '../../../dev/mpris/fake-player.ts';
import { LocalPlayerWatch } from '../../../src/main/app/local/local-player-watch.ts';
import { openMprisBridge } from '../../../src/main/local-player/index.ts';
import { noteSkippedDbusSuite, requireDbus, skipDbusTests } from '../../support/dbus-gate.ts';
import { cleanUp } from '../../support/clean-up.ts';
import { until } from '../../support/until.ts';

let fake: FakePlayer | undefined;
let watch: LocalPlayerWatch | undefined;
afterEach(async () => {
  const [closing, player] = [watch, fake];
  watch = undefined;
  fake = undefined;
  await cleanUp(
    () => closing?.dispose(),
    () => player?.stop(),
  );
});

// Needs no bus: it runs with or without D-Bus.
it('says why there is no local player when the bus cannot be reached', async () => {
  watch = new LocalPlayerWatch();
  await watch.open(() => openMprisBridge({ busAddress: 'unix:path=/nonexistent/traytune-bus' }));
  expect(watch.player).toBeNull();
  expect(watch.report()).toBeNull();
  expect(watch.status(false)).toMatchObject({ name: null, pushing: false });
  expect(watch.status(false).problem).toMatch(/D-Bus/);
});

const suite = 'LocalPlayerWatch on a real session bus';
noteSkippedDbusSuite(suite);
describe.skipIf(skipDbusTests)(suite, () => {
  beforeAll(() => requireDbus());

  it('passes a position on with the change that brought it, and not with later unrelated ones', async () => {
    fake = await startFakePlayer({ mode: 'complete' });
    fake.play();
    watch = new LocalPlayerWatch();
    await watch.open(() => openMprisBridge({ positionProbeDelayMs: 200 }));
    // The bridge reads the position once the player has played a while (its probe): a fresh reading.
    const probed = await until('a position from the probe', () => {
      const position = watch!.report()?.positionMs;
      return position !== null && position !== undefined && position > 0 ? position : null;
    });
    expect(probed).toBeGreaterThan(0);
    // A pause carries no Position (MPRIS never signals it): the old reading must not come back with it.
    fake.pause();
    await until('the pause', () => watch!.report()?.isPlaying === false);
    expect(watch.report()?.positionMs).toBeNull();
  });
});
