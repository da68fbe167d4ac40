/**
 * The day's figures, computed after the run from the recorded timelines (pure, so test/bench checks
 * them on hand-made timelines): freshness when the mini-player is shown, how long track boundaries and
 * other-device changes take to show, and flicker after own commands.
 */
import { percentile, summarize, type Summary } from '../lib/stats.ts';
import type { CommandKind, ExternalKind } from './schedule.ts';
import {
  firstAgreement,
  positionAt,
  POSITION_TOLERANCE_MS,
  type Aspect,
  type Sample,
  type Timeline,
} from './timeline.ts';

export interface Percentiles {
  n: number;
  p50Ms: number | null;
  p95Ms: number | null;
  worstMs: number | null;
}

function percentiles(values: readonly number[]): Percentiles {
  return {
    n: values.length,
    p50Ms: percentile(values, 50),
    p95Ms: percentile(values, 95),
    worstMs: values.length === 0 ? null : Math.max(...values),
  };
}

export interface FreshnessResult extends Percentiles {
  /** Shows during which the shown state never matched the server's (counted at the show's length). */
  neverFresh: number;
}

/**
 * "Fresh when looked at": for each show, the time from showing the mini-player to the first moment the
 * shown state (item, play/pause, volume, position within POSITION_TOLERANCE_MS) matches the server's.
 * 0 when it already matched. A show that never matched counts with its whole length.
 */
export function freshness(
  truth: Timeline,
  shown: Timeline,
  shows: readonly { at: number; durationMs: number }[],
): FreshnessResult {
  const values: number[] = [];
  let neverFresh = 0;
  for (const show of shows) {
    const end = show.at + show.durationMs;
    const at = firstAgreement(truth, shown, show.at, end, 'all');
    if (at === null) neverFresh++;
    values.push((at ?? end) - show.at);
  }
  return { ...percentiles(values), neverFresh };
}

export interface Boundary {
  /** When the item ended on the server. */
  t: number;
  from: string | null;
  to: string | null;
}

/** The figures of one class of boundaries. */
interface BoundaryClass extends Summary {
  neverShown: number;
}

export interface BoundaryResult extends BoundaryClass {
  /** Boundaries the observer was not showing the ending item for (it was behind already). */
  excluded: number;
  /**
   * The end of an ad (`from` null: no item on the server's side). Spotify gives an ad no length, so its
   * end can only be found by reading in steps: not in the main figures.
   */
  afterAd: BoundaryClass;
  /**
   * Boundaries moved by a change on another device (seek, pause, resume) the observer had not shown yet
   * when the item ended: its predicted end was wrong through no read it could have known to make. They
   * are the other-device figure's delays showing up here; not in the main figures.
   */
  afterUnseenChange: BoundaryClass;
}

/** What an other-device change changes, so what the observer must agree on to have shown it. */
const EXTERNAL_ASPECT: Record<ExternalKind, Aspect> = {
  skip: 'item',
  pause: 'playing',
  resume: 'playing',
  seek: 'position',
  volume: 'volume',
};

/** Other-device changes that move where an item ends. */
const MOVES_THE_END: ReadonlySet<ExternalKind> = new Set(['seek', 'pause', 'resume']);

/**
 * Track boundary → shown: from the end of an item to the first moment the shown item is the server's.
 * The main figures are the boundaries an observer can predict; ends of ads and boundaries after an
 * unseen other-device change (`changes`) are counted in classes of their own.
 */
export function boundaryStaleness(
  truth: Timeline,
  shown: Timeline,
  boundaries: readonly Boundary[],
  until: number,
  changes: readonly { t: number; kind: ExternalKind }[] = [],
): BoundaryResult {
  const classes = { main: [] as number[], ad: [] as number[], unseen: [] as number[] };
  const never = { main: 0, ad: 0, unseen: 0 };
  let excluded = 0;
  for (const boundary of boundaries) {
    if (boundary.t >= until) continue;
    const before = shown.at(boundary.t - 1);
    if (before === undefined || before.state.item !== boundary.from) {
      excluded++;
      continue;
    }
    const unseen = changes.some(
      (change) =>
        MOVES_THE_END.has(change.kind) &&
        change.t < boundary.t &&
        (firstAgreement(truth, shown, change.t, until, EXTERNAL_ASPECT[change.kind]) ?? Infinity) >=
          boundary.t,
    );
    const kind = boundary.from === null ? 'ad' : unseen ? 'unseen' : 'main';
    const at = firstAgreement(truth, shown, boundary.t, until, 'item');
    if (at === null) never[kind]++;
    else classes[kind].push(at - boundary.t);
  }
  return {
    ...summarize(classes.main),
    neverShown: never.main,
    excluded,
    afterAd: { ...summarize(classes.ad), neverShown: never.ad },
    afterUnseenChange: { ...summarize(classes.unseen), neverShown: never.unseen },
  };
}

export interface ExternalResult extends Summary {
  byKind: Partial<Record<ExternalKind, Summary>>;
  neverShown: number;
}

/** Other-device change → shown: from the change to the first moment the observer agrees on what it changed. */
export function externalStaleness(
  truth: Timeline,
  shown: Timeline,
  changes: readonly { t: number; kind: ExternalKind }[],
  until: number,
): ExternalResult {
  const delays: number[] = [];
  const byKind: Partial<Record<ExternalKind, number[]>> = {};
  let neverShown = 0;
  for (const change of changes) {
    if (change.t >= until) continue;
    const at = firstAgreement(truth, shown, change.t, until, EXTERNAL_ASPECT[change.kind]);
    if (at === null) {
      neverShown++;
      continue;
    }
    delays.push(at - change.t);
    (byKind[change.kind] ??= []).push(at - change.t);
  }
  const kinds: Partial<Record<ExternalKind, Summary>> = {};
  for (const [kind, values] of Object.entries(byKind) as [ExternalKind, number[]][])
    kinds[kind] = summarize(values);
  return { ...summarize(delays), byKind: kinds, neverShown };
}

/** An own command as given: what was shown just before it, and what it asked for. */
export interface GivenCommand {
  t: number;
  kind: CommandKind;
  /** The shown state just before the command. */
  before: Sample;
  /** seek: the position asked for (ms); volume: the percent. */
  target?: number;
  /** The flicker window ends here (the next command or other-device change, or a cap). */
  windowEnd: number;
}

type Side = 'old' | 'new' | 'other';

/** Which side of the command a state is on: the value before it, the value it asked for, or neither. */
function sideOf(command: GivenCommand, sample: Sample, t: number): Side {
  const before = command.before.state;
  const state = sample.state;
  switch (command.kind) {
    case 'pause':
    case 'play': {
      if (!state.active) return 'other';
      const wanted = command.kind === 'play';
      return state.playing === wanted ? 'new' : state.playing === before.playing ? 'old' : 'other';
    }
    case 'next':
    case 'previous':
      if (!state.active) return 'other';
      return state.item === before.item ? 'old' : 'new';
    case 'volume':
      return state.volume === command.target ? 'new' : state.volume === before.volume ? 'old' : 'other';
    case 'like':
      if (state.liked === null || before.liked === null) return 'other';
      return state.liked === before.liked ? 'old' : 'new';
    case 'seek': {
      if (state.item !== before.item) return 'other';
      const elapsed = state.playing ? t - command.t : 0;
      const position = positionAt(sample, t);
      if (Math.abs(position - ((command.target ?? 0) + elapsed)) <= POSITION_TOLERANCE_MS) return 'new';
      if (Math.abs(position - positionAt(command.before, t)) <= POSITION_TOLERANCE_MS) return 'old';
      return 'other';
    }
  }
}

export interface FlickerResult {
  /** Reversals: the shown value went back to the pre-command value after showing the new one, and the
   * server ended on the new one (each such going-back counts). */
  reversals: number;
  /** Commands with at least one reversal. */
  commandsFlickered: number;
  /** Commands whose new value was shown and then undone because the server never took it (a rollback). */
  rolledBack: number;
  /** Commands measured (those whose kind the observer shows: a poller shows no liked state). */
  measured: number;
}

/**
 * Flicker after own commands, within each command's window. The server's value at the window's end
 * decides whether going back was a reversal (the server took the command) or a rollback (it did not).
 */
export function flicker(truth: Timeline, shown: Timeline, commands: readonly GivenCommand[]): FlickerResult {
  const result: FlickerResult = { reversals: 0, commandsFlickered: 0, rolledBack: 0, measured: 0 };
  for (const command of commands) {
    if (command.kind === 'like' && command.before.state.liked === null) continue;
    result.measured++;
    const first = shown.indexAt(command.t);
    const sides: Side[] = [];
    for (let i = Math.max(0, first); i < shown.samples.length; i++) {
      const sample = shown.samples[i] as Sample;
      if (sample.t >= command.windowEnd) break;
      const t = Math.max(sample.t, command.t);
      const side = sideOf(command, sample, t);
      if (side !== 'other' && side !== sides.at(-1)) sides.push(side);
    }
    const last = truth.at(command.windowEnd - 1);
    const tookIt = last !== undefined && sideOf(command, last, command.windowEnd - 1) === 'new';
    let goneBack = 0;
    for (let i = 1; i < sides.length; i++) if (sides[i - 1] === 'new' && sides[i] === 'old') goneBack++;
    if (goneBack === 0) continue;
    if (tookIt) {
      result.reversals += goneBack;
      result.commandsFlickered++;
    } else {
      result.rolledBack++;
    }
  }
  return result;
}
