/**
 * requestsPerHour: the engine and a fixed 1-second poller side by side for one simulated hour per scenario,
 * on ONE FakeClock, each on its own simulator instance (so their request logs stay apart) set up the same way
 * and given the same external changes at the same moments (seeded). Besides the request counts, it measures
 * the staleness each leaves: how long after a change on Spotify's side (a natural track boundary, or a skip,
 * pause, resume, start or stop from another device) the observer's state shows it.
 *
 * How a change counts as shown: each simulator's true state is kept as a list of versions (key = device
 * active?, item, playing?), one per observable change. Version v is shown at the first snapshot (engine) or
 * poll answer (poller) at or after it whose key equals v's or a later version's that already happened (so a
 * pause that is followed by a track change before the observer looks is shown when the observer catches up).
 * The driver applies the next external change only once both observers show the current state, so
 * there is no ambiguity (a resume never lands before the pause it undoes was seen).
 */
import {
  startSimulator,
  type PlayerSnapshot as SimSnapshot,
  type Simulator,
} from '../dev/simulator/index.ts';
import type { AuthSession } from '../src/main/auth/index.ts';
import { createSpotifyApi, type PlaybackState } from '../src/main/spotify/index.ts';
import { PlayerEngine, type PlayerSnapshot } from '../src/main/spotify/player/index.ts';
import { FakeClock } from '../test/support/fake-clock.ts';
import { FixedPoller } from './lib/poller.ts';
import { createRng, deriveSeed, type Rng } from './lib/prng.ts';
import { signIn } from './lib/sign-in.ts';
import { summarize, type Summary } from './lib/stats.ts';
import { countRequests, type RequestCounts } from './lib/request-counts.ts';

export const SCENARIOS = [
  { name: 'playing-visible', base: 'playing', visible: true },
  { name: 'playing-hidden', base: 'playing', visible: false },
  { name: 'paused-hidden', base: 'paused', visible: false },
  { name: 'idle', base: 'idle', visible: false },
] as const;

export type ScenarioName = (typeof SCENARIOS)[number]['name'];
type Base = (typeof SCENARIOS)[number]['base'];

type ExternalKind = 'skip' | 'pause' | 'resume' | 'start-on-phone' | 'stop';

export interface PollOptions {
  /** Simulated time per scenario (the spec: one hour). */
  durationMs: number;
  /** Gap between external changes that move away from the scenario's base (uniform, seeded). */
  eventGapMs: readonly [number, number];
  /** An excursion (pause, resume, start on the phone) is undone this long after both observers show it. */
  returnGapMs: readonly [number, number];
  /** No external change in the last stretch of the period (so each one can be seen before the end). */
  quietEndMs: number;
  /** Observation goes on this long after the period (requests are counted for the period only). */
  tailMs: number;
  seed: number;
  pollerIntervalMs: number;
}

export const DEFAULT_POLL_OPTIONS: PollOptions = {
  durationMs: 60 * 60_000,
  eventGapMs: [3 * 60_000, 7 * 60_000],
  returnGapMs: [5_000, 30_000],
  quietEndMs: 2 * 60_000,
  tailMs: 3 * 60_000,
  seed: 1,
  pollerIntervalMs: 1_000,
};

/** The defaults for a period of `durationMs`: shorter periods get proportionally closer external changes. */
export function pollOptionsFor(durationMs: number, seed = DEFAULT_POLL_OPTIONS.seed): PollOptions {
  const scale = durationMs / DEFAULT_POLL_OPTIONS.durationMs;
  if (scale >= 1) return { ...DEFAULT_POLL_OPTIONS, durationMs, seed };
  const [min, max] = DEFAULT_POLL_OPTIONS.eventGapMs;
  return {
    ...DEFAULT_POLL_OPTIONS,
    durationMs,
    seed,
    eventGapMs: [Math.max(10_000, Math.round(min * scale)), Math.max(20_000, Math.round(max * scale))],
    quietEndMs: Math.max(20_000, Math.round(DEFAULT_POLL_OPTIONS.quietEndMs * scale)),
  };
}

export interface StalenessResult {
  /** Natural track ends while playing, measured from the boundary (the observer was up to date before it). */
  trackBoundary: Summary & {
    /** Boundaries that came before the observer had seen the change preceding them (counted there). */
    excluded: number;
  };
  /** Changes made from another device, measured from the moment they were made. */
  externalChange: Summary & { byKind: Partial<Record<ExternalKind, Summary>> };
  /** Changes never shown by the end of the observation. */
  neverShown: number;
}

interface ObserverResult {
  /** Web API requests (/v1/...) in the period [start, start + duration). */
  requests: number;
  /** Scaled to one hour (equal to `requests` for a one-hour period). */
  perHour: number;
  byEndpoint: Record<string, number>;
  /** POST /api/token in the period (access-token refreshes; not in `requests`). */
  tokenRequests: number;
  errors: number;
  staleness: StalenessResult;
}

export interface ScenarioResult {
  name: ScenarioName;
  visible: boolean;
  base: Base;
  simulatedMinutes: number;
  externalChanges: Partial<Record<ExternalKind, number>>;
  trackBoundaries: number;
  engine: ObserverResult;
  poller: ObserverResult;
  /** poller requests / engine requests. */
  ratio: number | null;
  /** Real time the simulated period took. */
  wallMs: number;
}

interface Version {
  t: number;
  key: string;
  cause: 'start' | 'boundary' | ExternalKind;
}

interface Observation {
  t: number;
  key: string;
}

const IDLE = 'idle';

function simKey(s: SimSnapshot): string {
  return s.deviceId === null ? IDLE : `${s.itemUri ?? '-'}|${s.isPlaying ? 'playing' : 'paused'}`;
}

function engineKey(s: PlayerSnapshot): string {
  return s.device === null ? IDLE : `${s.item?.uri ?? '-'}|${s.isPlaying ? 'playing' : 'paused'}`;
}

function pollerKey(s: PlaybackState | null): string {
  return s === null ? IDLE : `${s.item?.uri ?? '-'}|${s.is_playing ? 'playing' : 'paused'}`;
}

/** The simulator's true state over time: external changes as applied, track ends at the exact moment. */
class Truth {
  readonly versions: Version[] = [];
  readonly #sim: Simulator;
  readonly #clock: FakeClock;
  readonly #durations: ReadonlyMap<string, number>;
  #timer: number | undefined;

  constructor(sim: Simulator, clock: FakeClock) {
    this.#sim = sim;
    this.#clock = clock;
    this.#durations = new Map(sim.player.catalogue().map((track) => [track.uri, track.durationMs]));
  }

  key(): string {
    return simKey(this.#sim.player.snapshot());
  }

  start(): void {
    this.#record('start');
    this.#schedule();
  }

  changed(cause: ExternalKind): void {
    this.#record(cause);
    this.#schedule();
  }

  stop(): void {
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #record(cause: Version['cause']): void {
    const key = this.key();
    if (this.versions.at(-1)?.key === key) return;
    this.versions.push({ t: this.#clock.now(), key, cause });
  }

  /** A timer at the exact end of the playing item (the simulator plays track ends out lazily). */
  #schedule(): void {
    this.stop();
    const s = this.#sim.player.snapshot();
    if (s.deviceId === null || !s.isPlaying || s.itemUri === null) return;
    const duration = this.#durations.get(s.itemUri);
    if (duration === undefined) return;
    this.#timer = this.#clock.setTimeout(
      () => {
        this.#timer = undefined;
        this.#record('boundary');
        this.#schedule();
      },
      Math.max(0, duration - s.progressMs),
    );
  }
}

interface Side {
  sim: Simulator;
  truth: Truth;
  observations: Observation[];
  display(): string;
}

function makeSide(sim: Simulator, clock: FakeClock): Side & { observe(key: string): void } {
  const observations: Observation[] = [];
  return {
    sim,
    truth: new Truth(sim, clock),
    observations,
    display: () => observations.at(-1)?.key ?? '',
    observe: (key) => void observations.push({ t: clock.now(), key }),
  };
}

/** One scenario: engine and poller in the same simulated period. */
export async function runScenario(
  scenario: (typeof SCENARIOS)[number],
  options: PollOptions = DEFAULT_POLL_OPTIONS,
): Promise<ScenarioResult> {
  const started = performance.now();
  const clock = new FakeClock();
  const sims = [await startSimulator({ clock }), await startSimulator({ clock })] as const;
  const closers: (() => Promise<void> | void)[] = [];
  try {
    for (const sim of sims) prepare(sim, scenario.base);
    const [engineSim, pollerSim] = sims;
    const engineSession = await signIn(engineSim, clock);
    const engineApi = api(engineSim, clock, engineSession);
    const pollerApi = api(pollerSim, clock, await signIn(pollerSim, clock));
    closers.push(
      () => engineApi.client.close(),
      () => pollerApi.client.close(),
    );

    const engineSide = makeSide(engineSim, clock);
    const pollerSide = makeSide(pollerSim, clock);
    const engine = new PlayerEngine({
      api: engineApi,
      clock,
      scheduler: clock,
      session: engineSession,
      visible: scenario.visible,
    });
    const poller = new FixedPoller({
      api: pollerApi,
      clock,
      scheduler: clock,
      intervalMs: options.pollerIntervalMs,
      onState: (state) => pollerSide.observe(pollerKey(state)),
    });
    let engineErrors = 0;
    let lastError: unknown = null;
    engine.subscribe((snapshot) => {
      engineSide.observe(engineKey(snapshot));
      if (snapshot.error !== null && snapshot.error !== lastError) engineErrors++;
      lastError = snapshot.error;
    });
    closers.push(
      clock.onSettle(() => engine.settled()),
      clock.onSettle(() => poller.settled()),
      () => engine.stop(),
      () => poller.stop(),
    );

    // The period starts now: both observers read, the truth starts its list.
    const t0 = clock.now();
    for (const sim of sims) sim.requests.reset();
    engineSide.truth.start();
    pollerSide.truth.start();
    await Promise.all([engine.start(), poller.start()]);
    engineSide.observe(engineKey(engine.getSnapshot()));
    closers.push(
      () => engineSide.truth.stop(),
      () => pollerSide.truth.stop(),
    );

    const sides = [engineSide, pollerSide];
    const rng = createRng(deriveSeed(options.seed, scenario.name));
    const end = t0 + options.durationMs;
    const externalChanges = await drive(clock, sides, scenario.base, rng, end - options.quietEndMs, options);
    if (clock.now() < end) await clock.advance(end - clock.now());
    const counted = [countRequests(engineSim, t0, end), countRequests(pollerSim, t0, end)] as const;
    await clock.advance(options.tailMs);

    const hours = options.durationMs / 3_600_000;
    const result = (side: Side, counts: RequestCounts, errors: number): ObserverResult => ({
      requests: counts.requests,
      perHour: Math.round(counts.requests / hours),
      byEndpoint: counts.byEndpoint,
      tokenRequests: counts.tokenRequests,
      errors,
      staleness: staleness(side.truth.versions, side.observations, end),
    });
    const engineResult = result(engineSide, counted[0], engineErrors);
    const pollerResult = result(pollerSide, counted[1], poller.errors);
    return {
      name: scenario.name,
      visible: scenario.visible,
      base: scenario.base,
      simulatedMinutes: options.durationMs / 60_000,
      externalChanges,
      trackBoundaries: engineSide.truth.versions.filter((v) => v.t < end && v.cause === 'boundary').length,
      engine: engineResult,
      poller: pollerResult,
      ratio: engineResult.requests === 0 ? null : pollerResult.requests / engineResult.requests,
      wallMs: Math.round(performance.now() - started),
    };
  } finally {
    for (const close of closers.reverse()) await close();
    for (const sim of sims) await sim.close();
  }
}

function api(sim: Simulator, clock: FakeClock, tokens: AuthSession) {
  return createSpotifyApi({ tokens, baseUrl: sim.apiUrl, clock, sleep: clock.sleep });
}

/** The scenario's starting state. Repeat context, so an hour of playing never runs out of playlist. */
function prepare(sim: Simulator, base: Base): void {
  sim.player.externalRepeat('context');
  if (base === 'playing') sim.player.externalResume();
  if (base === 'idle') sim.player.deactivate();
}

/**
 * The seeded external changes until `lastAt`. Playing: a skip, or a pause that is resumed shortly after.
 * Paused: a skip, or a resume that is paused again shortly after. Idle: playback started on the phone and
 * stopped again shortly after. Each waits until both observers show the current state.
 */
async function drive(
  clock: FakeClock,
  sides: readonly Side[],
  base: Base,
  rng: Rng,
  lastAt: number,
  options: PollOptions,
): Promise<Partial<Record<ExternalKind, number>>> {
  const counts: Partial<Record<ExternalKind, number>> = {};
  const apply = (kind: ExternalKind): void => {
    for (const side of sides) {
      const player = side.sim.player;
      switch (kind) {
        case 'skip':
          player.externalSkip();
          break;
        case 'pause':
          player.externalPause();
          break;
        case 'resume':
          player.externalResume();
          break;
        case 'start-on-phone': {
          const phone = player.devices().find((device) => device.type === 'Smartphone');
          if (!phone) throw new Error('the simulator has no phone');
          player.externalPlay({ deviceId: phone.id });
          break;
        }
        case 'stop':
          player.deactivate();
          break;
      }
      side.truth.changed(kind);
    }
    counts[kind] = (counts[kind] ?? 0) + 1;
  };
  const caughtUp = async (): Promise<void> => {
    // Bounded: an observer that never catches up shows in the results as a long staleness.
    for (let waited = 0; waited < 10 * 60_000; waited += 250) {
      if (sides.every((side) => side.display() === side.truth.key())) return;
      await clock.advance(250);
    }
  };

  for (;;) {
    const gap = rng.between(options.eventGapMs[0], options.eventGapMs[1]);
    if (clock.now() + gap > lastAt) break;
    await clock.advance(gap);
    await caughtUp();
    const [away, back]: [ExternalKind, ExternalKind | null] =
      base === 'idle'
        ? ['start-on-phone', 'stop']
        : rng.chance(0.5)
          ? ['skip', null]
          : base === 'playing'
            ? ['pause', 'resume']
            : ['resume', 'pause'];
    apply(away);
    if (back === null) continue;
    await caughtUp();
    await clock.advance(rng.between(options.returnGapMs[0], options.returnGapMs[1]));
    await caughtUp();
    apply(back);
  }
  await caughtUp();
  return counts;
}

/** Staleness of every version before `until` (see the file comment for what "shown" means). */
export function staleness(
  versions: readonly Version[],
  observations: readonly Observation[],
  until: number,
): StalenessResult {
  const shownAt = versions.map((_, i) => firstShown(versions, observations, i));
  const boundary: number[] = [];
  const external: number[] = [];
  const byKind: Partial<Record<ExternalKind, number[]>> = {};
  let excluded = 0;
  let neverShown = 0;
  for (let i = 1; i < versions.length; i++) {
    const version = versions[i] as Version;
    if (version.t >= until) break;
    const shown = shownAt[i];
    if (shown === null || shown === undefined) {
      neverShown++;
      continue;
    }
    const delay = shown - version.t;
    if (version.cause === 'boundary') {
      const previous = shownAt[i - 1];
      if (previous === null || previous === undefined || previous > version.t) {
        excluded++;
        continue;
      }
      boundary.push(delay);
    } else if (version.cause !== 'start') {
      external.push(delay);
      (byKind[version.cause] ??= []).push(delay);
    }
  }
  const kinds: Partial<Record<ExternalKind, Summary>> = {};
  for (const [kind, delays] of Object.entries(byKind) as [ExternalKind, number[]][]) {
    kinds[kind] = summarize(delays);
  }
  return {
    trackBoundary: { ...summarize(boundary), excluded },
    externalChange: { ...summarize(external), byKind: kinds },
    neverShown,
  };
}

function firstShown(
  versions: readonly Version[],
  observations: readonly Observation[],
  i: number,
): number | null {
  const version = versions[i] as Version;
  let lo = 0;
  let hi = observations.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((observations[mid] as Observation).t < version.t) lo = mid + 1;
    else hi = mid;
  }
  for (let o = lo; o < observations.length; o++) {
    const observation = observations[o] as Observation;
    for (let j = i; j < versions.length; j++) {
      const later = versions[j] as Version;
      if (later.t > observation.t) break;
      if (later.key === observation.key) return observation.t;
    }
  }
  return null;
}
