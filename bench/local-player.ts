/**
 * "Playing locally" (issue 11 §4): the engine hidden and playing, with the Spotify client on this
 * computer as its push channel, for one simulated hour. Real parts: the MPRIS bridge and the fake Spotify
 * MPRIS player (Spotify's partial MPRIS: no position, no volume, no Seeked) on a private D-Bus session
 * bus, the LocalPlayerWatch the app uses, and the simulator behind the Web API on a FakeClock.
 *
 * The fake player mirrors the simulator's computer: both play the same track list on repeat, and every
 * change (a natural track end, a skip, a pause and its resume) is made on both. Each change is made
 * while the simulated clock stands still, and the real time from the fake player's signal to the
 * engine's snapshot showing it is measured: D-Bus, the bridge, the watch and the engine together.
 * Requests are the simulator's log for the simulated hour; the baselines (the 1-second poller and the
 * same engine polling in `playing-hidden`) come from the same run (bench.ts).
 */
import { catalogueTracks, startFakePlayer, type FakePlayer } from '../dev/mpris/fake-player.ts';
import { startSimulator, type Simulator } from '../dev/simulator/index.ts';
import { LocalPlayerWatch } from '../src/main/app/local/local-player-watch.ts';
import { openMprisBridge } from '../src/main/local-player/index.ts';
import { createSpotifyApi } from '../src/main/spotify/index.ts';
import { PlayerEngine, type PlayerSnapshot } from '../src/main/spotify/player/index.ts';
import { FakeClock } from '../test/support/fake-clock.ts';
import { startPrivateBus } from './lib/private-bus.ts';
import { createRng, deriveSeed } from './lib/prng.ts';
import { countRequests } from './lib/request-counts.ts';
import { signIn } from './lib/sign-in.ts';
import { percentile, round, summarize, type Summary } from './lib/stats.ts';

type LocalChange = 'track-end' | 'skip' | 'pause' | 'resume';

export interface LocalPlayerOptions {
  durationMs: number;
  seed: number;
  /** Gap between external changes (a skip, or a pause resumed shortly after), uniform, seeded. */
  eventGapMs: readonly [number, number];
  returnGapMs: readonly [number, number];
  /** A change the engine has not shown after this much real time counts as never shown. */
  shownTimeoutMs: number;
}

export const DEFAULT_LOCAL_PLAYER_OPTIONS: LocalPlayerOptions = {
  durationMs: 60 * 60_000,
  seed: 1,
  eventGapMs: [3 * 60_000, 7 * 60_000],
  returnGapMs: [5_000, 30_000],
  shownTimeoutMs: 5_000,
};

export interface LocalPlayerResult {
  scenario: 'playing-locally';
  /** Why the scenario could not run (no dbus-daemon, say); the rest is then empty. */
  notRun: string | null;
  simulatedMinutes: number;
  changes: Partial<Record<LocalChange, number>>;
  engine: { requests: number; perHour: number; byEndpoint: Record<string, number>; tokenRequests: number };
  /** Whether the local player still pushed at the end (it should have throughout). */
  pushActiveAtEnd: boolean;
  /** Real time from the fake player's signal to the engine's snapshot showing the change. */
  shownAfterSignal: Summary & { p95Ms: number | null; byKind: Partial<Record<LocalChange, Summary>> };
  /** Changes the engine never showed within `shownTimeoutMs`. */
  neverShown: number;
  wallMs: number;
}

function keyOf(snapshot: PlayerSnapshot): string {
  return `${snapshot.item?.uri ?? '-'}|${snapshot.isPlaying ? 'playing' : 'paused'}`;
}

function simKey(sim: Simulator): string {
  const state = sim.player.snapshot();
  return `${state.itemUri ?? '-'}|${state.isPlaying ? 'playing' : 'paused'}`;
}

function emptyResult(notRun: string, options: LocalPlayerOptions, wallMs: number): LocalPlayerResult {
  return {
    scenario: 'playing-locally',
    notRun,
    simulatedMinutes: options.durationMs / 60_000,
    changes: {},
    engine: { requests: 0, perHour: 0, byEndpoint: {}, tokenRequests: 0 },
    pushActiveAtEnd: false,
    shownAfterSignal: { ...summarize([]), p95Ms: null, byKind: {} },
    neverShown: 0,
    wallMs,
  };
}

export async function runLocalPlayer(
  options: LocalPlayerOptions = DEFAULT_LOCAL_PLAYER_OPTIONS,
): Promise<LocalPlayerResult> {
  const started = performance.now();
  let bus;
  try {
    bus = await startPrivateBus();
  } catch (error) {
    return emptyResult((error as Error).message, options, Math.round(performance.now() - started));
  }
  const closers: (() => Promise<void> | void)[] = [() => bus.close()];
  try {
    const clock = new FakeClock();
    const sim = await startSimulator({ clock });
    closers.push(() => sim.close());
    const tracks = catalogueTracks(12);
    const durations = new Map(tracks.map((track) => [track.uri, track.durationMs]));
    sim.player.externalRepeat('context');
    sim.player.externalPlay({ uris: tracks.map((track) => track.uri) });
    const fake: FakePlayer = await startFakePlayer({ mode: 'spotify', tracks, busAddress: bus.address });
    closers.push(() => fake.stop());
    fake.play();

    const session = await signIn(sim, clock);
    const api = createSpotifyApi({ tokens: session, baseUrl: sim.apiUrl, clock, sleep: clock.sleep });
    closers.push(() => api.client.close());
    const engine = new PlayerEngine({ api, clock, scheduler: clock, session, visible: false });
    closers.push(clock.onSettle(() => engine.settled()));
    closers.push(() => engine.stop());

    // The engine's shown key, and who waits for which key (resolved with the real time it showed).
    let shown = '';
    const waiters: { key: string; resolve: (at: number) => void }[] = [];
    engine.subscribe((snapshot) => {
      shown = keyOf(snapshot);
      const at = performance.now();
      for (const waiter of waiters.filter((w) => w.key === shown)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(at);
      }
    });

    const watch = new LocalPlayerWatch();
    closers.push(() => watch.dispose());
    await watch.open(() => openMprisBridge({ busAddress: bus.address }));
    watch.onChange(() => engine.localPlayer(watch.report()));
    if (!(await realTimeUntil(() => watch.report()?.isPlaying === true, options.shownTimeoutMs))) {
      const why = `the fake MPRIS player was not seen playing within ${options.shownTimeoutMs} ms`;
      return emptyResult(why, options, Math.round(performance.now() - started));
    }
    engine.localPlayer(watch.report());

    const t0 = clock.now();
    sim.requests.reset();
    await engine.start();

    const latencies: number[] = [];
    const byKind: Partial<Record<LocalChange, number[]>> = {};
    const changes: Partial<Record<LocalChange, number>> = {};
    let neverShown = 0;
    /** Makes one change on both sides and measures how long the engine takes to show it. */
    const change = async (kind: LocalChange, onSim: () => void, onFake: () => void): Promise<void> => {
      onSim();
      const expected = simKey(sim);
      changes[kind] = (changes[kind] ?? 0) + 1;
      const seen = new Promise<number | null>((resolve) => {
        const waiter = {
          key: expected,
          resolve: (at: number) => {
            clearTimeout(timer);
            resolve(at);
          },
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1); // never shown: it waits no more
          resolve(null);
        }, options.shownTimeoutMs);
        waiters.push(waiter);
      });
      const signalledAt = performance.now();
      onFake();
      const at = await seen;
      if (at === null) {
        neverShown++;
        return;
      }
      latencies.push(at - signalledAt);
      (byKind[kind] ??= []).push(at - signalledAt);
    };

    const rng = createRng(deriveSeed(options.seed, 'playing-locally'));
    const end = t0 + options.durationMs;
    let nextExternalAt = t0 + rng.between(options.eventGapMs[0], options.eventGapMs[1]);
    let resumeAt: number | null = null;
    for (;;) {
      const state = sim.player.snapshot();
      const duration = state.itemUri === null ? undefined : durations.get(state.itemUri);
      const boundaryAt =
        state.isPlaying && duration !== undefined
          ? clock.now() + duration - state.progressMs + 1
          : Number.POSITIVE_INFINITY;
      const externalAt = resumeAt ?? nextExternalAt;
      const at = Math.min(boundaryAt, externalAt);
      if (at >= end) break;
      await clock.advance(at - clock.now());
      if (at === boundaryAt) {
        await change(
          'track-end',
          () => undefined,
          () => fake.next(),
        );
      } else if (resumeAt !== null) {
        resumeAt = null;
        await change(
          'resume',
          () => sim.player.externalResume(),
          () => fake.play(),
        );
        nextExternalAt = clock.now() + rng.between(options.eventGapMs[0], options.eventGapMs[1]);
      } else if (rng.chance(0.5)) {
        await change(
          'skip',
          () => sim.player.externalSkip(),
          () => fake.next(),
        );
        nextExternalAt = clock.now() + rng.between(options.eventGapMs[0], options.eventGapMs[1]);
      } else {
        await change(
          'pause',
          () => sim.player.externalPause(),
          () => fake.pause(),
        );
        resumeAt = clock.now() + rng.between(options.returnGapMs[0], options.returnGapMs[1]);
      }
    }
    await clock.advance(end - clock.now());
    const counts = countRequests(sim, t0, end);
    const hours = options.durationMs / 3_600_000;
    const kinds: Partial<Record<LocalChange, Summary>> = {};
    for (const [kind, values] of Object.entries(byKind) as [LocalChange, number[]][]) {
      kinds[kind] = roundSummary(summarize(values));
    }
    return {
      scenario: 'playing-locally',
      notRun: null,
      simulatedMinutes: options.durationMs / 60_000,
      changes,
      engine: {
        requests: counts.requests,
        perHour: Math.round(counts.requests / hours),
        byEndpoint: counts.byEndpoint,
        tokenRequests: counts.tokenRequests,
      },
      pushActiveAtEnd: engine.pushActive && shown === simKey(sim),
      shownAfterSignal: {
        ...roundSummary(summarize(latencies)),
        p95Ms: roundMs(percentile(latencies, 95)),
        byKind: kinds,
      },
      neverShown,
      wallMs: Math.round(performance.now() - started),
    };
  } finally {
    for (const close of closers.reverse()) await close();
  }
}

/** Waits in real time (the D-Bus side runs on it) for `check`, at most `boundMs`; whether it held. */
async function realTimeUntil(check: () => boolean, boundMs: number): Promise<boolean> {
  const deadline = performance.now() + boundMs;
  while (!check()) {
    if (performance.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return true;
}

function roundMs(value: number | null): number | null {
  return round(value, 1);
}

function roundSummary(summary: Summary): Summary {
  return { n: summary.n, medianMs: roundMs(summary.medianMs), worstMs: roundMs(summary.worstMs) };
}
