/**
 * The app with the local player (issue 11 §2, §3): the real MPRIS bridge on a real session bus, the fake
 * Spotify MPRIS player on it, the simulator behind the Web API. Local mode without an account; the push
 * channel while signed in.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { catalogueTracks, startFakePlayer, type FakePlayer } from '../../../dev/mpris/fake-player.ts';
import { MEDIA_SHORTCUTS, commandForShortcut } from '../../../src/main/app/shortcuts.ts';
import { openMprisBridge } from '../../../src/main/local-player/index.ts';
import { USER_MESSAGES } from '../../../src/shared/messages.ts';
import { noteSkippedDbusSuite, requireDbus, skipDbusTests } from '../../support/dbus-gate.ts';
import { cleanUp } from '../../support/clean-up.ts';
import { until } from '../../support/until.ts';
import { runnerFor, signIn, startApp, type AppHarness } from './harness.ts';

const TRACKS = catalogueTracks(3);

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

/** Web API requests since the simulator's log was last reset. */
function apiRequests(h: AppHarness): string[] {
  return h.sim.requests.entries.filter((e) => e.path.startsWith('/v1/')).map((e) => `${e.method} ${e.path}`);
}

it('starts without a local player when there is no session bus, and says why', async () => {
  h = await startApp({
    clientId: null,
    deps: { openLocalPlayer: () => openMprisBridge({ busAddress: 'unix:path=/nonexistent/traytune-bus' }) },
  });
  expect(h.app.getState().localPlayer).toMatchObject({ name: null, pushing: false });
  expect(h.app.getState().localPlayer.problem).toMatch(/D-Bus/);
  expect(h.app.getSnapshot().connection.status).toBe('signed-out');
});

const suite = 'the app with the local player on a real session bus';
noteSkippedDbusSuite(suite);
describe.skipIf(skipDbusTests)(suite, () => {
  beforeAll(() => requireDbus());

  async function playingFake(): Promise<FakePlayer> {
    fake = await startFakePlayer({ mode: 'spotify', tracks: TRACKS });
    fake.play();
    return fake;
  }

  describe('local mode (no client ID)', () => {
    it('shows what the local player plays at start, before any setup, with no request', async () => {
      const player = await playingFake();
      h = await startApp({ clientId: null, deps: { openLocalPlayer: () => openMprisBridge() } });
      const snapshot = h.app.getSnapshot();
      expect(h.app.getState().account).toBe('no-client-id');
      expect(snapshot.connection).toEqual({
        status: 'local',
        message: USER_MESSAGES.localMode,
        rateLimitedUntil: null,
      });
      expect(snapshot.item).toMatchObject({
        uri: player.state().track.uri,
        name: player.state().track.title,
        artists: player.state().track.artists,
        type: 'track',
      });
      expect(snapshot).toMatchObject({ isPlaying: true, device: { id: null, name: 'Spotify' } });
      expect(h.app.getState().localPlayer).toEqual({ name: 'Spotify', problem: null, pushing: false });
      expect(apiRequests(h)).toEqual([]);
    });

    it('sends play/pause, next and previous to the local player, and follows its own changes', async () => {
      const player = await playingFake();
      h = await startApp({ clientId: null, deps: { openLocalPlayer: () => openMprisBridge() } });
      const handlers = h.app.handlers;

      expect(await handlers['player:togglePlay'](undefined)).toEqual({ ok: true });
      await until('the fake player paused', () => player.state().status === 'Paused');
      await until('the snapshot paused', () => !h!.app.getSnapshot().isPlaying);

      expect(await handlers['player:next'](undefined)).toEqual({ ok: true });
      await until('the fake player on its second track', () => player.state().trackIndex === 1);
      await until('the snapshot on it', () => h!.app.getSnapshot().item?.uri === TRACKS[1]!.uri);

      expect(await handlers['player:previous'](undefined)).toEqual({ ok: true });
      await until('the fake player back', () => player.state().trackIndex === 0);

      // Pressed on the player itself: pushed to every listener as a snapshot.
      const pushed = h.snapshots.length;
      player.play();
      await until('a pushed playing snapshot', () => h!.snapshots.slice(pushed).some((s) => s.isPlaying));
      expect(apiRequests(h)).toEqual([]);
    });

    it('carries out the media keys through the local player', async () => {
      const player = await playingFake();
      h = await startApp({ clientId: null, deps: { openLocalPlayer: () => openMprisBridge() } });
      // The desktop's side is only recorded: the media keys reach the handlers and nothing else.
      const { run, side } = runnerFor(h.app);
      const key = (id: string) => {
        const binding = MEDIA_SHORTCUTS.find((entry) => entry.id === id);
        if (!binding) throw new Error(`no media key ${id}`);
        return run(commandForShortcut(binding.action));
      };
      await key('mediaPlayPause');
      await until('paused by the media key', () => player.state().status === 'Paused');
      await key('mediaNext');
      await until('next by the media key', () => player.state().trackIndex === 1);
      await key('mediaPrevious');
      await until('previous by the media key', () => player.state().trackIndex === 0);
      expect({ told: side.told, bugs: side.bugs }).toEqual({ told: [], bugs: [] });
    });

    it('refuses what needs an account, without a request', async () => {
      await playingFake();
      h = await startApp({ clientId: null, deps: { openLocalPlayer: () => openMprisBridge() } });
      const refused = await h.app.handlers['player:setShuffle']({ on: true });
      expect(refused).toMatchObject({
        ok: false,
        error: { kind: 'refused', message: USER_MESSAGES.needsAccount },
      });
      const like = await h.app.handlers['player:toggleLike'](undefined);
      expect(like).toMatchObject({ ok: false, error: { message: USER_MESSAGES.needsAccount } });
      expect(apiRequests(h)).toEqual([]);
    });

    it('goes back to the not-connected state when the local player quits', async () => {
      const player = await playingFake();
      h = await startApp({ clientId: null, deps: { openLocalPlayer: () => openMprisBridge() } });
      await player.stop();
      fake = undefined;
      await until('the snapshot without the local player', () =>
        h!.app.getSnapshot().connection.status === 'signed-out' ? true : null,
      );
      expect(h.app.getState().localPlayer.name).toBeNull();
      const result = await h.app.handlers['player:togglePlay'](undefined);
      expect(result).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
    });
  });

  describe('signed in: the push channel', () => {
    /** The simulator's computer plays the fake player's tracks, and the fake plays the first. */
    async function signedInAndPushing(): Promise<{ h: AppHarness; player: FakePlayer }> {
      const player = await playingFake();
      const harness = (h = await startApp({
        before: (sim) => sim.player.externalPlay({ uris: TRACKS.map((track) => track.uri) }),
        deps: { openLocalPlayer: () => openMprisBridge() },
      }));
      await signIn(harness);
      await until('push on', () => harness.app.getState().localPlayer.pushing);
      // Past the moments after the start in which a new item's liked state is checked while hidden.
      await harness.clock.advance(15_000);
      harness.sim.requests.reset();
      return { h: harness, player };
    }

    it('finds the local device by agreement and shows its changes without a request', async () => {
      const { h, player } = await signedInAndPushing();
      h.sim.player.externalSkip();
      player.next();
      await until('the snapshot on the next track', () => h.app.getSnapshot().item?.uri === TRACKS[1]!.uri);
      h.sim.player.externalPause();
      player.pause();
      await until('the snapshot paused', () => !h.app.getSnapshot().isPlaying);
      await h.clock.advance(10 * 60_000);
      expect(apiRequests(h)).toEqual([]);
      expect(h.app.getState().localPlayer.pushing).toBe(true);
    });

    it('polls again when the local player quits', async () => {
      const { h, player } = await signedInAndPushing();
      await player.stop();
      fake = undefined;
      await until('push off', () => !h.app.getState().localPlayer.pushing);
      await h.clock.advance(2_000);
      expect(apiRequests(h)).toContain('GET /v1/me/player');
    });

    it('sends the commands of a signed-in user through the Web API, as before', async () => {
      const { h } = await signedInAndPushing();
      expect(await h.app.handlers['player:next'](undefined)).toEqual({ ok: true });
      expect(apiRequests(h)).toContain('POST /v1/me/player/next');
    });
  });
});
