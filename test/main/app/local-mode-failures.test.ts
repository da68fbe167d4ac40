/**
 * Local mode when the player on this computer will not do what it is asked (issue 11 §3): the real MPRIS
 * bridge on a real session bus, the fake Spotify MPRIS player answering every transport call with a
 * D-Bus error. The command's result and the snapshot carry the bridge's sentence, once, until dismissed.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { catalogueTracks, startFakePlayer, type FakePlayer } from '../../../dev/mpris/fake-player.ts';
import { openMprisBridge } from '../../../src/main/local-player/index.ts';
import type { PlayerError, PlayerSnapshot } from '../../../src/shared/player.ts';
import { noteSkippedDbusSuite, requireDbus, skipDbusTests } from '../../support/dbus-gate.ts';
import { cleanUp } from '../../support/clean-up.ts';
import { until } from '../../support/until.ts';
import { startApp, type AppHarness } from './harness.ts';

const TRACKS = catalogueTracks(3);
/** The MPRIS bridge's sentence for a command the player answered with an error (mpris-bridge.ts). */
const PLAYER_FAILED = 'Spotify did not do that. Try again, or use the player itself.';

let h: AppHarness | undefined;
let fake: FakePlayer | undefined;
afterEach(async () => {
  const [closing, player] = [h, fake];
  h = undefined;
  fake = undefined;
  await cleanUp(
    () => closing?.close(),
    () => player?.stop(),
  );
});

/** No client ID, and the fake player playing its first track but refusing every transport call. */
async function localModeWithAFailingPlayer(): Promise<{ h: AppHarness; player: FakePlayer }> {
  const player = (fake = await startFakePlayer({ mode: 'spotify', tracks: TRACKS, failCommands: true }));
  player.play();
  const harness = (h = await startApp({
    clientId: null,
    deps: { openLocalPlayer: () => openMprisBridge() },
  }));
  await until('local mode', () => harness.app.getSnapshot().connection.status === 'local');
  return { h: harness, player };
}

function failure(source: PlayerError['source']): Partial<PlayerError> {
  return { kind: 'player-failed', message: PLAYER_FAILED, source, until: null };
}

const suite = 'local mode: a command the local player fails';
noteSkippedDbusSuite(suite);
describe.skipIf(skipDbusTests)(suite, () => {
  beforeAll(() => requireDbus());

  it('resolves not ok with the bridge’s message, which the snapshot carries until dismissed', async () => {
    const { h, player } = await localModeWithAFailingPlayer();
    const pushed = h.snapshots.length;

    const result = await h.app.handlers['player:togglePlay'](undefined);
    expect(result).toMatchObject({ ok: false, error: failure('play') });
    expect(player.state().status).toBe('Playing');

    // The same error, in what is read and in what was pushed to the window and the tray.
    const snapshot = h.app.getSnapshot();
    expect(snapshot.connection.status).toBe('local');
    expect(snapshot.error).toEqual(result.ok ? null : result.error);
    const withError = (s: PlayerSnapshot): boolean => s.error?.message === PLAYER_FAILED;
    expect(h.snapshots.slice(pushed).some(withError)).toBe(true);
    // The player's own changes go on showing, and the error stays with them.
    player.next();
    await until('the next track shown', () => h.app.getSnapshot().item?.uri === TRACKS[1]!.uri);
    expect(h.app.getSnapshot().error).toMatchObject(failure('play'));

    const beforeDismiss = h.snapshots.length;
    await h.app.handlers['player:dismissError'](undefined);
    expect(h.app.getSnapshot().error).toBeNull();
    expect(h.snapshots.at(-1)?.error).toBeNull();
    expect(h.snapshots.length).toBeGreaterThan(beforeDismiss);
    expect(h.app.getSnapshot().item?.uri).toBe(TRACKS[1]!.uri);
  });

  it('says the same for next and previous, each under its own command', async () => {
    const { h, player } = await localModeWithAFailingPlayer();
    expect(await h.app.handlers['player:next'](undefined)).toMatchObject({
      ok: false,
      error: failure('next'),
    });
    expect(h.app.getSnapshot().error).toMatchObject(failure('next'));
    expect(await h.app.handlers['player:previous'](undefined)).toMatchObject({
      ok: false,
      error: failure('previous'),
    });
    expect(h.app.getSnapshot().error).toMatchObject(failure('previous'));
    expect(player.state().trackIndex).toBe(0);
  });
});
