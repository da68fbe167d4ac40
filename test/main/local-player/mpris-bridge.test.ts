import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { catalogueTracks, startFakePlayer } from '../../../dev/mpris/fake-player.ts';
import type { FakePlayer, FakePlayerOptions } from '../../../dev/mpris/fake-player.ts';
import { openMprisBridge } from '../../../src/main/local-player/mpris-bridge.ts';
import type { MprisBridgeOptions } from '../../../src/main/local-player/mpris-bridge.ts';
import { LocalPlayerError } from '../../../src/main/local-player/types.ts';
import type { LocalPlayerPort, LocalPresenceEvent } from '../../../src/main/local-player/types.ts';
import { noteSkippedDbusSuite, requireDbus, skipDbusTests } from '../../support/dbus-gate.ts';
import { until } from '../../support/until.ts';

const SPOTIFY = 'org.mpris.MediaPlayer2.spotify';
const SPOTIFYD = 'org.mpris.MediaPlayer2.spotifyd.instance4242';
const TRACKS = catalogueTracks();

async function rejection(promise: Promise<unknown>): Promise<LocalPlayerError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof LocalPlayerError) return error;
    throw error;
  }
  throw new Error('expected a LocalPlayerError, but the call succeeded');
}

it('says the bus is unavailable when there is no bus at that address', async () => {
  const error = await rejection(openMprisBridge({ busAddress: 'unix:path=/nonexistent/traytune-test-bus' }));
  expect(error.code).toBe('bus-unavailable');
  expect(error.message).toMatch(/D-Bus/);
});

const suite = 'the MPRIS bridge on a real session bus';
noteSkippedDbusSuite(suite);
describe.skipIf(skipDbusTests)(suite, () => {
  beforeAll(() => requireDbus());

  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function fake(options: FakePlayerOptions): Promise<FakePlayer> {
    const player = await startFakePlayer(options);
    cleanups.push(() => player.stop());
    return player;
  }

  async function bridge(
    options: MprisBridgeOptions = {},
  ): Promise<{ port: LocalPlayerPort; presence: LocalPresenceEvent[] }> {
    const port = await openMprisBridge(options);
    cleanups.push(() => port.dispose());
    const presence: LocalPresenceEvent[] = [];
    port.onPresence((event) => presence.push(event));
    return { port, presence };
  }

  it('sees a player appear and vanish, and says there is none in between', async () => {
    const { port, presence } = await bridge();
    expect(port.current()).toBeNull();
    expect((await rejection(port.play())).code).toBe('no-player');

    const player = await fake({ mode: 'spotify' });
    await until('the player to appear', () => port.current());
    expect(presence).toEqual([
      { kind: 'appeared', player: { busName: SPOTIFY, identity: 'Spotify', client: 'spotify' } },
    ]);
    expect(port.current()?.state).toMatchObject({
      status: 'paused',
      trackUri: TRACKS[0]?.uri,
      title: TRACKS[0]?.title,
      artists: TRACKS[0]?.artists,
      album: TRACKS[0]?.album,
      artUrl: TRACKS[0]?.artUrl,
      durationMs: TRACKS[0]?.durationMs,
    });

    await player.stop();
    await until('the player to go', () => port.current() === null);
    expect(presence.map((event) => event.kind)).toEqual(['appeared', 'gone']);
  });

  it('finds a player that was already running when it opened', async () => {
    await fake({ mode: 'complete', busName: SPOTIFYD, identity: 'spotifyd' });
    const { port } = await bridge();
    expect(port.current()?.player).toEqual({ busName: SPOTIFYD, identity: 'spotifyd', client: 'spotifyd' });
  });

  it('follows Spotify over an alternative client when both run, and falls back when Spotify quits', async () => {
    await fake({ mode: 'complete', busName: SPOTIFYD });
    const { port, presence } = await bridge();
    const spotify = await fake({ mode: 'spotify' });
    await until('Spotify to be followed', () => port.current()?.player.busName === SPOTIFY);
    await spotify.stop();
    await until('spotifyd to be followed again', () => port.current()?.player.busName === SPOTIFYD);
    expect(presence.map((event) => `${event.kind} ${event.player.busName}`)).toEqual([
      `gone ${SPOTIFYD}`,
      `appeared ${SPOTIFY}`,
      `gone ${SPOTIFY}`,
      `appeared ${SPOTIFYD}`,
    ]);
  });

  it('follows the state from PropertiesChanged as the user plays, pauses and skips in the player', async () => {
    const player = await fake({ mode: 'spotify' });
    // No position probe during this test, so every state seen comes from a PropertiesChanged.
    const { port } = await bridge({ positionProbeDelayMs: 600_000 });
    const statuses: string[] = [];
    port.onState((state) => statuses.push(`${state.status} ${state.title ?? ''}`));

    player.play();
    await until('playing', () => port.current()?.state.status === 'playing');
    player.next();
    await until('the next track', () => port.current()?.state.trackUri === TRACKS[1]?.uri);
    player.pause();
    await until('paused', () => port.current()?.state.status === 'paused');
    expect(statuses).toEqual([
      `playing ${TRACKS[0]?.title}`,
      `playing ${TRACKS[1]?.title}`,
      `paused ${TRACKS[1]?.title}`,
    ]);
  });

  it("changes the player's state with play, pause, play/pause, next, previous and open-URI", async () => {
    const player = await fake({ mode: 'spotify' });
    const { port } = await bridge();
    await until('the player', () => port.current());

    await port.play();
    expect(player.state().status).toBe('Playing');
    await port.pause();
    expect(player.state().status).toBe('Paused');
    await port.playPause();
    expect(player.state().status).toBe('Playing');
    await port.next();
    expect(player.state().trackIndex).toBe(1);
    await port.previous();
    expect(player.state().trackIndex).toBe(0);
    const uri = TRACKS[3]?.uri ?? '';
    await port.openUri(uri);
    expect(player.state()).toMatchObject({ openedUris: [uri], trackIndex: 3, status: 'Playing' });
    await until('the bridge to see the opened track', () => port.current()?.state.trackUri === uri);
  });

  it("detects Spotify's partial MPRIS: no position, no volume, shuffle or repeat, no Seeked", async () => {
    const player = await fake({ mode: 'spotify' });
    const { port } = await bridge();
    await until('the player', () => port.current());
    expect(port.current()?.capabilities).toMatchObject({
      canControl: true,
      canSeek: true,
      reportsPosition: null,
      canControlVolume: null,
      emitsSeeked: null,
    });

    player.play();
    await until('reportsPosition decided', () => port.current()?.capabilities.reportsPosition === false);
    expect(port.current()?.state.positionMs).toBeNull();

    // Spotify's Volume reads 1 whatever is written, so asking for 1 succeeds and proves nothing yet.
    await port.setVolume(1);
    expect(port.current()?.capabilities.canControlVolume).toBeNull();
    const volume = await rejection(port.setVolume(0.3));
    expect(volume.code).toBe('not-supported');
    expect(volume.message).toBe('Spotify does not let other apps change its volume.');
    expect((await rejection(port.setShuffle(true))).code).toBe('not-supported');
    expect((await rejection(port.setLoop('track'))).code).toBe('not-supported');
    // Once known, a second try is refused without asking the player.
    const asked = player.state().writes;
    expect(asked).toContain('Volume');
    expect((await rejection(port.setVolume(0.5))).code).toBe('not-supported');
    expect(player.state().writes).toEqual(asked);

    await port.seek(30_000);
    expect(player.state().positionMs).toBeGreaterThanOrEqual(30_000);
    expect(port.current()?.capabilities).toMatchObject({
      canControlVolume: false,
      canShuffle: false,
      canLoop: false,
      emitsSeeked: false,
    });
  });

  it('detects a spec-complete player: real position, volume, shuffle, repeat and Seeked all work', async () => {
    const player = await fake({ mode: 'complete', busName: SPOTIFYD });
    const { port } = await bridge();
    await until('the player', () => port.current());

    player.play();
    await until('reportsPosition decided', () => port.current()?.capabilities.reportsPosition === true);
    expect(port.current()?.state.positionMs).toBeGreaterThan(0);

    await port.setVolume(0.3);
    expect(player.state().volume).toBeCloseTo(0.3);
    expect(port.current()?.state.volume).toBeCloseTo(0.3);
    await port.setShuffle(true);
    await port.setLoop('track');
    expect(player.state()).toMatchObject({ shuffle: true, loop: 'Track' });

    await port.seek(60_000);
    expect(player.state().positionMs).toBeGreaterThanOrEqual(60_000);
    expect(port.current()?.state.positionMs).toBe(60_000);
    expect(port.current()?.capabilities).toMatchObject({
      canControlVolume: true,
      canShuffle: true,
      canLoop: true,
      emitsSeeked: true,
    });
  });

  it('stops following and refuses commands once disposed', async () => {
    await fake({ mode: 'spotify' });
    const port = await openMprisBridge();
    await until('the player', () => port.current());
    await port.dispose();
    expect(port.current()).toBeNull();
    expect((await rejection(port.next())).code).toBe('no-player');
  });
});
