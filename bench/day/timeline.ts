/**
 * What a player shows (or what the server holds) over simulated time, and when two of them agree.
 * A timeline is a list of samples; between samples the state stands still except for the progress of a
 * playing item, which moves on with the clock (as a mini-player's progress bar does).
 */

export interface PlayerState {
  /** A device is active (GET /me/player answers 200). */
  active: boolean;
  item: string | null;
  playing: boolean;
  volume: number | null;
  /** Progress at the sample's time. */
  progressMs: number;
  /** The item's length (progress stops there), null when unknown. */
  durationMs: number | null;
  /** Whether the item is in Liked Songs; null when the observer does not know. */
  liked: boolean | null;
}

export interface Sample {
  t: number;
  state: PlayerState;
}

/** Which part of the state a comparison looks at. */
export type Aspect = 'all' | 'item' | 'playing' | 'volume' | 'position' | 'liked';

/** Progress within this of the other side's counts as the same position (a bar cannot show better). */
export const POSITION_TOLERANCE_MS = 1_000;

export const IDLE_STATE: PlayerState = Object.freeze({
  active: false,
  item: null,
  playing: false,
  volume: null,
  progressMs: 0,
  durationMs: null,
  liked: null,
});

export function positionAt(sample: Sample, t: number): number {
  const { state } = sample;
  if (!state.playing) return state.progressMs;
  const moved = state.progressMs + Math.max(0, t - sample.t);
  return state.durationMs === null ? moved : Math.min(state.durationMs, moved);
}

/** Whether `a` (at time t) agrees with `b` (at time t) on `aspect`. */
export function agrees(a: Sample, b: Sample, t: number, aspect: Aspect): boolean {
  const x = a.state;
  const y = b.state;
  if (aspect === 'liked') return x.liked === y.liked;
  if (!x.active || !y.active) return x.active === y.active;
  switch (aspect) {
    case 'item':
      return x.item === y.item;
    case 'playing':
      return x.playing === y.playing;
    case 'volume':
      return x.volume === y.volume;
    case 'position':
      return (
        x.item === y.item &&
        x.playing === y.playing &&
        Math.abs(positionAt(a, t) - positionAt(b, t)) <= POSITION_TOLERANCE_MS
      );
    case 'all':
      return (
        x.item === y.item &&
        x.playing === y.playing &&
        x.volume === y.volume &&
        Math.abs(positionAt(a, t) - positionAt(b, t)) <= POSITION_TOLERANCE_MS
      );
  }
}

export class Timeline {
  readonly samples: Sample[] = [];

  /** Adds a sample unless it says what the last one already says (its progress having moved on). */
  record(t: number, state: PlayerState): void {
    const last = this.samples.at(-1);
    if (last !== undefined && t < last.t) throw new RangeError(`timeline sample at ${t} before ${last.t}`);
    if (last !== undefined && sameState(last, { t, state }, t)) return;
    this.samples.push({ t, state: Object.freeze({ ...state }) });
  }

  /** The index of the sample in force at `t` (the last one at or before it), -1 before the first. */
  indexAt(t: number): number {
    let lo = 0;
    let hi = this.samples.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.samples[mid] as Sample).t <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  at(t: number): Sample | undefined {
    return this.samples[this.indexAt(t)];
  }
}

function sameState(a: Sample, b: Sample, t: number): boolean {
  return (
    a.state.active === b.state.active &&
    a.state.item === b.state.item &&
    a.state.playing === b.state.playing &&
    a.state.volume === b.state.volume &&
    a.state.liked === b.state.liked &&
    a.state.durationMs === b.state.durationMs &&
    // Progress drifts by clock rounding only; a seek moves it by far more.
    Math.abs(positionAt(a, t) - positionAt(b, t)) <= 250
  );
}

/**
 * The first time in [from, until] at which `shown` agrees with `truth` on `aspect`, or null. Both sides
 * only change at their samples (progress moves on alike while both play), so only those times are checked.
 */
export function firstAgreement(
  truth: Timeline,
  shown: Timeline,
  from: number,
  until: number,
  aspect: Aspect,
): number | null {
  const check = (t: number): boolean => {
    const a = shown.at(t);
    const b = truth.at(t);
    return a !== undefined && b !== undefined && agrees(a, b, t, aspect);
  };
  if (check(from)) return from;
  let i = truth.indexAt(from) + 1;
  let j = shown.indexAt(from) + 1;
  for (;;) {
    const ti = truth.samples[i]?.t ?? Infinity;
    const tj = shown.samples[j]?.t ?? Infinity;
    const t = Math.min(ti, tj);
    if (t > until) return null;
    if (ti === t) i++;
    if (tj === t) j++;
    if (check(t)) return t;
  }
}
