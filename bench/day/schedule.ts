/**
 * The seeded plan of a simulated day (issue 9, section 4): when the music plays and pauses, when the
 * mini-player is shown and for how long, which commands the user gives and which changes come from
 * another device. Pure: the same options and seed give the same day, so the engine and every baseline
 * live through exactly the same one.
 *
 * How it is laid out: the day's own commands and other-device changes are "actions" (a single event,
 * or a pause followed by a resume a little later). They are shuffled and dealt into equal slots of the
 * time outside the long pause blocks, one per slot, so two actions are always at least `minGapMs`
 * apart. The long pause blocks sit between slots and are sized so that, with the short pauses inside
 * the actions, exactly `playingMs` of the day is spent playing. The shows are dealt into equal slots
 * of the whole day, independently of the actions.
 */
import { createRng, deriveSeed, type Rng } from '../lib/prng.ts';

export type CommandKind = 'pause' | 'play' | 'next' | 'previous' | 'seek' | 'volume' | 'like';
export type ExternalKind = 'skip' | 'pause' | 'resume' | 'seek' | 'volume';

interface ScheduledCommand {
  type: 'command';
  /** Milliseconds from the start of the day. */
  at: number;
  kind: CommandKind;
  /** seek: where to, as a fraction of the item's length; volume: the percent. */
  value?: number;
}

interface ScheduledExternal {
  type: 'external';
  at: number;
  kind: ExternalKind;
  /** A long pause block's pause or resume (not one of the short pauses). */
  block?: boolean;
  value?: number;
}

interface ScheduledShow {
  /** The mini-player is shown at `at` and hidden at `at + durationMs`. */
  at: number;
  durationMs: number;
}

export type ScheduledAction = ScheduledCommand | ScheduledExternal;

export interface DaySchedule {
  dayMs: number;
  /** Every command and other-device change, by time. */
  actions: ScheduledAction[];
  shows: ScheduledShow[];
  /** The long pause blocks, [start, end) from the start of the day. */
  pauseBlocks: { start: number; end: number }[];
}

export interface DayScheduleOptions {
  dayMs: number;
  playingMs: number;
  pauseBlocks: number;
  shows: number;
  showTotalMs: number;
  commands: number;
  externalChanges: number;
  /** Short pauses (own pause → play, phone pause → resume) last this long. */
  shortPauseMs: readonly [number, number];
  /** Two actions never come closer than this (each gets its own flicker window). */
  minGapMs: number;
  seed: number;
}

export const DEFAULT_DAY_SCHEDULE: DayScheduleOptions = {
  dayMs: 10 * 3_600_000,
  playingMs: 8 * 3_600_000,
  pauseBlocks: 2,
  shows: 20,
  showTotalMs: 60 * 60_000,
  commands: 40,
  externalChanges: 40,
  shortPauseMs: [10_000, 120_000],
  minGapMs: 45_000,
  seed: 1,
};

/** The mix of own commands: a pause followed by a play counts as two. */
const COMMAND_WEIGHTS = [
  ['pause-play', 2],
  ['next', 2],
  ['previous', 1],
  ['seek', 1.5],
  ['volume', 2],
  ['like', 1.5],
] as const;

/** The mix of other-device changes (besides the pause blocks' pauses and resumes). */
const EXTERNAL_WEIGHTS = [
  ['pause-resume', 1.5],
  ['skip', 3.5],
  ['seek', 2],
  ['volume', 2.5],
] as const;

type Draft =
  | { pair: false; events: [Omit<ScheduledAction, 'at'>] }
  | { pair: true; gapMs: number; events: [Omit<ScheduledAction, 'at'>, Omit<ScheduledAction, 'at'>] };

function pick<T extends string>(rng: Rng, weights: readonly (readonly [T, number])[], exclude: T | null): T {
  const allowed = weights.filter(([name]) => name !== exclude);
  const total = allowed.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = rng.next() * total;
  for (const [name, weight] of allowed) {
    roll -= weight;
    if (roll < 0) return name;
  }
  return (allowed.at(-1) as readonly [T, number])[0];
}

function valueFor(rng: Rng, kind: string): number | undefined {
  if (kind === 'seek') return Math.round((0.1 + rng.next() * 0.7) * 1000) / 1000;
  if (kind === 'volume') return 10 + 5 * rng.between(0, 18);
  return undefined;
}

function commandDrafts(rng: Rng, count: number, shortPauseMs: readonly [number, number]): Draft[] {
  const drafts: Draft[] = [];
  for (let left = count; left > 0;) {
    const name = pick(rng, COMMAND_WEIGHTS, left < 2 ? 'pause-play' : null);
    if (name === 'pause-play') {
      drafts.push({
        pair: true,
        gapMs: rng.between(shortPauseMs[0], shortPauseMs[1]),
        events: [
          { type: 'command', kind: 'pause' },
          { type: 'command', kind: 'play' },
        ],
      });
      left -= 2;
    } else {
      const value = valueFor(rng, name);
      drafts.push({
        pair: false,
        events: [{ type: 'command', kind: name, ...(value !== undefined && { value }) }],
      });
      left -= 1;
    }
  }
  return drafts;
}

function externalDrafts(rng: Rng, count: number, shortPauseMs: readonly [number, number]): Draft[] {
  const drafts: Draft[] = [];
  for (let left = count; left > 0;) {
    const name = pick(rng, EXTERNAL_WEIGHTS, left < 2 ? 'pause-resume' : null);
    if (name === 'pause-resume') {
      drafts.push({
        pair: true,
        gapMs: rng.between(shortPauseMs[0], shortPauseMs[1]),
        events: [
          { type: 'external', kind: 'pause' },
          { type: 'external', kind: 'resume' },
        ],
      });
      left -= 2;
    } else {
      const value = valueFor(rng, name);
      drafts.push({
        pair: false,
        events: [{ type: 'external', kind: name, ...(value !== undefined && { value }) }],
      });
      left -= 1;
    }
  }
  return drafts;
}

function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.between(0, i);
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/** Lengths in [1, 9] parts, scaled to `total` exactly (the last one takes the rounding). */
function showLengths(rng: Rng, count: number, total: number): number[] {
  const parts = Array.from({ length: count }, () => rng.between(1, 9));
  const sum = parts.reduce((a, b) => a + b, 0);
  const lengths = parts.map((part) => Math.floor((total * part) / sum));
  const rest = total - lengths.reduce((a, b) => a + b, 0);
  lengths[count - 1] = (lengths[count - 1] ?? 0) + rest;
  return lengths;
}

export function generateDaySchedule(options: DayScheduleOptions = DEFAULT_DAY_SCHEDULE): DaySchedule {
  const { dayMs, playingMs, pauseBlocks, shows, showTotalMs, minGapMs } = options;
  const rng = createRng(deriveSeed(options.seed, 'day:schedule'));
  // The pause blocks lie wholly between the block-pause and block-resume, which are other-device changes.
  const blockEvents = 2 * pauseBlocks;
  if (options.externalChanges < blockEvents)
    throw new Error(
      `a day with ${pauseBlocks} pause block(s) needs at least ${blockEvents} external changes`,
    );
  const drafts = shuffle(rng, [
    ...commandDrafts(rng, options.commands, options.shortPauseMs),
    ...externalDrafts(rng, options.externalChanges - blockEvents, options.shortPauseMs),
  ]);
  const shortPausesMs = drafts.reduce((sum, draft) => sum + (draft.pair ? draft.gapMs : 0), 0);
  const blockTotalMs = dayMs - playingMs - shortPausesMs;
  if (pauseBlocks > 0 && blockTotalMs <= 0)
    throw new Error('the short pauses alone use up the day’s paused time: lower shortPauseMs');
  if (pauseBlocks === 0 && blockTotalMs !== 0)
    throw new Error('without pause blocks, the short pauses must fill the paused time exactly');

  // Block lengths: shares of the blocks' total, none shorter than half the average.
  const shares = Array.from({ length: pauseBlocks }, () => 1 + rng.next());
  const shareSum = shares.reduce((a, b) => a + b, 0);
  const blockLengths = shares.map((share) => Math.floor((blockTotalMs * share) / shareSum));
  if (pauseBlocks > 0)
    blockLengths[pauseBlocks - 1] =
      (blockLengths[pauseBlocks - 1] ?? 0) + blockTotalMs - blockLengths.reduce((a, b) => a + b, 0);

  // Slots over the time outside the blocks; the blocks sit after evenly spread slots.
  const slots = drafts.length;
  // Each block is padded by minGapMs / 2 on both sides, so its pause and resume keep the gap too.
  const slotMs = Math.floor((dayMs - blockTotalMs - pauseBlocks * minGapMs) / slots);
  const longest = Math.max(0, ...drafts.map((draft) => (draft.pair ? draft.gapMs : 0)));
  if (slotMs < longest + 2 * minGapMs)
    throw new Error(`${slots} actions do not fit in the day ${minGapMs} ms apart`);
  const blockAfterSlot = blockLengths.map((_, i) => Math.round(((i + 1) * slots) / (pauseBlocks + 1)));

  const actions: ScheduledAction[] = [];
  const blocks: DaySchedule['pauseBlocks'] = [];
  let offset = 0; // blocks (with their padding) passed so far
  drafts.forEach((draft, slot) => {
    const slotStart = slot * slotMs + offset;
    const span = draft.pair ? draft.gapMs : 0;
    // minGapMs from the slot's edges on both sides: neighbours are 2 × minGapMs / 2 apart at least.
    const at = slotStart + Math.floor(minGapMs / 2) + rng.between(0, slotMs - span - minGapMs);
    actions.push({ ...draft.events[0], at } as ScheduledAction);
    if (draft.pair) actions.push({ ...draft.events[1], at: at + draft.gapMs } as ScheduledAction);
    blockLengths.forEach((length, block) => {
      if (blockAfterSlot[block] !== slot + 1) return;
      const start = (slot + 1) * slotMs + offset + Math.floor(minGapMs / 2);
      blocks.push({ start, end: start + length });
      actions.push({ type: 'external', kind: 'pause', block: true, at: start });
      actions.push({ type: 'external', kind: 'resume', block: true, at: start + length });
      offset += length + 2 * Math.floor(minGapMs / 2);
    });
  });
  actions.sort((a, b) => a.at - b.at);

  const lengths = showLengths(rng, shows, showTotalMs);
  const showSlotMs = Math.floor(dayMs / shows);
  if (Math.max(0, ...lengths) > showSlotMs) throw new Error('a show is longer than its share of the day');
  const showList = lengths.map((durationMs, i) => ({
    at: i * showSlotMs + rng.between(0, showSlotMs - durationMs),
    durationMs,
  }));

  return { dayMs, actions, shows: showList, pauseBlocks: blocks };
}

/**
 * How long the day's plan plays: from the start (playing) through every pause and play/resume in
 * order. Computed from the events alone, as a check of the layout above.
 */
export function plannedPlayingMs(schedule: DaySchedule): number {
  let playing = true;
  let since = 0;
  let total = 0;
  for (const action of schedule.actions) {
    const stops = action.kind === 'pause';
    const starts = action.kind === 'play' || action.kind === 'resume';
    if (playing && stops) {
      total += action.at - since;
      playing = false;
    } else if (!playing && starts) {
      since = action.at;
      playing = true;
    }
  }
  if (playing) total += schedule.dayMs - since;
  return total;
}
