/**
 * The server's side of the day: the simulator's true player state (read through `sim.player`, which is
 * not an API request and is never logged), sampled after every timer the fake clock fires and at the
 * exact end of every playing item, so natural track boundaries are known to the millisecond.
 */
import type { Simulator } from '../../dev/simulator/index.ts';
import type { FakeClock } from '../../test/support/fake-clock.ts';
import type { Boundary } from './measures.ts';
import { IDLE_STATE, positionAt, Timeline, type PlayerState, type Sample } from './timeline.ts';

/** How often an item of unknown length is looked at, so its end is known to within this. */
const AD_WATCH_MS = 250;
/** How long after an action an item change is taken for its doing (commands may land late: 202, reordering). */
const ACTION_SETTLE_MS = 3_000;

export class TruthRecorder {
  readonly timeline = new Timeline();
  readonly boundaries: Boundary[] = [];
  readonly #sim: Simulator;
  readonly #clock: FakeClock;
  readonly #durations: ReadonlyMap<string, number>;
  #timer: number | undefined;
  #endsAt: number | null = null;
  #lastActionAt = -Infinity;

  constructor(sim: Simulator, clock: FakeClock) {
    this.#sim = sim;
    this.#clock = clock;
    this.#durations = new Map(sim.player.catalogue().map((track) => [track.uri, track.durationMs]));
  }

  state(): PlayerState {
    const s = this.#sim.player.snapshot();
    if (s.deviceId === null) return IDLE_STATE;
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

  /** An own command or other-device change is being made now (see endedNaturally). */
  noteAction(): void {
    this.#lastActionAt = this.#clock.now();
  }

  /**
   * Records the state now, and keeps a timer at the end of the playing item. An item of unknown length
   * (an ad: the simulator's snapshot has no item for it) is watched every AD_WATCH_MS instead.
   */
  sample(): PlayerState {
    const state = this.state();
    const now = this.#clock.now();
    const last = this.timeline.samples.at(-1);
    if (last !== undefined && endedNaturally(last, state, now, now - this.#lastActionAt)) {
      // Seen up to AD_WATCH_MS late after an ad: the new item's progress says when it began.
      const late = state.playing && state.progressMs <= AD_WATCH_MS + 5 ? state.progressMs : 0;
      const t = Math.max(last.t, now - late);
      this.boundaries.push({ t, from: last.state.item, to: state.item });
      this.timeline.record(t, { ...state, progressMs: state.progressMs - (now - t) });
    } else {
      this.timeline.record(now, state);
    }
    if (!state.playing) {
      this.#setTimer(null);
    } else if (state.durationMs === null) {
      if (this.#timer === undefined) this.#setTimer(now + AD_WATCH_MS);
    } else {
      const endsAt = now + Math.max(0, state.durationMs - state.progressMs);
      // Progress is whole milliseconds: the same end within a few ms is the same end.
      if (this.#timer === undefined || this.#endsAt === null || Math.abs(endsAt - this.#endsAt) > 5)
        this.#setTimer(endsAt, true);
    }
    return state;
  }

  stop(): void {
    this.#setTimer(null);
  }

  #setTimer(wakeAt: number | null, isEnd = false): void {
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#endsAt = isEnd ? wakeAt : null;
    if (wakeAt === null) return;
    // 1 ms past the end, so the simulator has played the end out when it is read.
    this.#timer = this.#clock.setTimeout(
      () => {
        this.#timer = undefined;
        this.#endsAt = null;
        this.sample();
      },
      wakeAt + 1 - this.#clock.now(),
    );
  }
}

/**
 * A new item after one that was playing to its end: a natural boundary. For an item of unknown length
 * (an ad, an episode, a local file: the simulator's catalogue lists tracks only), any new item counts,
 * unless an action was made in the last ACTION_SETTLE_MS (then it is the skip's doing).
 */
export function endedNaturally(
  last: Sample,
  state: PlayerState,
  now: number,
  sinceActionMs: number,
): boolean {
  if (!last.state.active || !last.state.playing || !state.active || state.item === last.state.item)
    return false;
  if (last.state.durationMs === null) return sinceActionMs > ACTION_SETTLE_MS;
  return positionAt(last, now) >= last.state.durationMs - 5;
}
