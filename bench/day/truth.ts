/**
 * The server's side of the day: the simulator's true player state (read through `sim.player`, which is
 * not an API request and is never logged), sampled after every timer the fake clock fires and at the
 * exact end of every playing item, so natural track boundaries are known to the millisecond.
 */
import type { Simulator } from '../../dev/simulator/index.ts';
import type { FakeClock } from '../../test/support/fake-clock.ts';
import type { Boundary } from './measures.ts';
import { Timeline, type PlayerState } from './timeline.ts';

export class TruthRecorder {
  readonly timeline = new Timeline();
  readonly boundaries: Boundary[] = [];
  readonly #sim: Simulator;
  readonly #clock: FakeClock;
  readonly #durations: ReadonlyMap<string, number>;
  #timer: number | undefined;
  #endsAt: number | null = null;

  constructor(sim: Simulator, clock: FakeClock) {
    this.#sim = sim;
    this.#clock = clock;
    this.#durations = new Map(sim.player.catalogue().map((track) => [track.uri, track.durationMs]));
  }

  state(): PlayerState {
    const s = this.#sim.player.snapshot();
    if (s.deviceId === null)
      return {
        active: false,
        item: null,
        playing: false,
        volume: null,
        progressMs: 0,
        durationMs: null,
        liked: null,
      };
    return {
      active: true,
      item: s.itemUri,
      playing: s.isPlaying,
      volume: s.volumePercent,
      progressMs: s.progressMs,
      durationMs: s.itemUri === null ? null : (this.#durations.get(s.itemUri) ?? null),
      liked: s.itemUri === null ? null : this.#sim.player.likedUris().includes(s.itemUri),
    };
  }

  /** Records the state now, and keeps a timer at the end of the playing item. */
  sample(): PlayerState {
    const state = this.state();
    this.timeline.record(this.#clock.now(), state);
    const endsAt =
      state.playing && state.durationMs !== null
        ? this.#clock.now() + Math.max(0, state.durationMs - state.progressMs)
        : null;
    // Progress is whole milliseconds: the same end within a few ms is the same end.
    if (endsAt === null || this.#endsAt === null || Math.abs(endsAt - this.#endsAt) > 5) {
      this.#setTimer(endsAt);
    }
    return state;
  }

  stop(): void {
    this.#setTimer(null);
  }

  #setTimer(endsAt: number | null): void {
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#endsAt = endsAt;
    if (endsAt === null) return;
    // 1 ms past the end, so the simulator has played the end out when it is read.
    this.#timer = this.#clock.setTimeout(
      () => {
        this.#timer = undefined;
        this.#endsAt = null;
        const from = this.timeline.samples.at(-1)?.state.item ?? null;
        const to = this.sample().item;
        if (to !== from) this.boundaries.push({ t: this.#clock.now(), from, to });
      },
      endsAt + 1 - this.#clock.now(),
    );
  }
}
