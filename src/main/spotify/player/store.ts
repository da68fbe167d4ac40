import { progressOf, type PlaybackModel, type PlayerView } from './model.ts';
import { applyAll, confirms, type OptimisticChange } from './optimistic.ts';
import type {
  CommandKind,
  ConnectionState,
  PendingOperation,
  PlayerDevice,
  PlayerError,
  PlayerItem,
  PlayerSnapshot,
} from './types.ts';

interface Overlay {
  readonly opId: number;
  readonly change: OptimisticChange;
  /** Sequence number when its command succeeded (null while it is waiting or in flight). */
  readonly settledSeq: number | null;
  /** Clock time its hold ends: the first read started from then on shows the truth. */
  readonly deadline: number | null;
}

interface ViewMemo {
  readonly playback: PlaybackModel | null;
  readonly liked: PlayerView['liked'];
  readonly overlays: readonly Overlay[];
  readonly view: PlayerView;
}

/**
 * What the engine knows: the facts last read from Spotify (playback, liked state, devices, the last
 * error), the optimistic overlay of own commands on top of them, and the snapshot built from both.
 *
 * The overlay rule (no flicker): a command's change is shown from the press; once the command succeeded
 * it holds until a read started after that confirms it, or until a read started after its settle
 * deadline (the read's truth wins then: the change may really have been undone elsewhere). A read in
 * between that still shows the state from before the command (Spotify's reads lag) leaves it alone.
 * A failed command's change is removed at once (the rollback).
 *
 * `playback`, `liked`, `devices` and the overlay list are only ever replaced, never changed in place, so
 * the view is memoized on them.
 */
export class PlayerStore {
  readonly #settleMs: number;

  #playback: PlaybackModel | null = null;
  #liked: { uri: string; value: boolean } | null = null;
  #devices: readonly PlayerDevice[] = Object.freeze([]);
  #lastDeviceId: string | null;
  #overlays: readonly Overlay[] = [];
  #viewMemo: ViewMemo | null = null;
  #pending: readonly PendingOperation[] = [];
  #nextOpId = 1;
  #seq = 0;
  /** The item whose liked state was last asked for (asked once per item). */
  likedCheckedUri: string | null = null;
  /** The last failure shown (a read's or a command's), until replaced, cleared or dismissed. */
  error: PlayerError | null = null;

  constructor(options: { settleMs: number; lastDeviceId: string | null }) {
    this.#settleMs = options.settleMs;
    this.#lastDeviceId = options.lastDeviceId;
  }

  // --- facts -----------------------------------------------------------------------------------------

  get devices(): readonly PlayerDevice[] {
    return this.#devices;
  }

  get lastDeviceId(): string | null {
    return this.#lastDeviceId;
  }

  /** The item last read (not the view: an optimistic skip hides it). */
  get readItem(): PlayerItem | null {
    return this.#playback?.item ?? null;
  }

  /** Where the last read puts its item at clock time `now` (null without a read item). */
  readProgressMs(now: number): number | null {
    const playback = this.#playback;
    return playback === null || playback.item === null ? null : progressOf(playback, now);
  }

  /** Counts command successes: a read remembers it when it starts, to know which ones it can contain. */
  get seq(): number {
    return this.#seq;
  }

  /**
   * A read's answer (null: nothing active anywhere), started at `startedAt` when `seq` was `startSeq`.
   * Overlays of commands that succeeded before it started end if it confirms them or their deadline had
   * passed when it started; the others stay on top.
   */
  applyRead(playback: PlaybackModel | null, startSeq: number, startedAt: number, now: number): void {
    this.#playback = playback;
    const read: PlayerView = { playback, liked: this.#liked };
    const kept = this.#overlays.filter(
      (overlay) =>
        overlay.settledSeq === null ||
        overlay.settledSeq > startSeq ||
        (overlay.deadline !== null && startedAt < overlay.deadline && !confirms(overlay.change, read, now)),
    );
    if (kept.length !== this.#overlays.length) this.#overlays = kept;
  }

  /**
   * What the local player reported at `now` (it plays on the active device): shown at once, on top of
   * everything, and held like a settled command until a read confirms it or `settleMs` has passed (a
   * read started before then may be stale). It replaces the local report before it. The progress is
   * the player's own where it gives one, else estimated from what was shown: the same item goes on
   * where it was, a new one starts at 0.
   */
  applyLocal(
    report: { item: PlayerItem | null; isPlaying: boolean; positionMs: number | null },
    now: number,
  ): void {
    const shown = this.shown();
    const sameItem = shown !== null && report.item !== null && shown.item?.uri === report.item.uri;
    const progressMs = report.positionMs ?? (sameItem ? progressOf(shown, now) : 0);
    const change: OptimisticChange = {
      kind: 'local',
      item: report.item,
      isPlaying: report.isPlaying,
      progressMs,
      at: now,
    };
    const seq = ++this.#seq;
    this.#overlays = [
      ...this.#overlays.filter((overlay) => overlay.change.kind !== 'local'),
      // opId 0: no operation (theirs start at 1), so nothing removes it as a command's.
      { opId: 0, change, settledSeq: seq, deadline: now + this.#settleMs },
    ];
    // The player plays on the active device: what it reports confirms own play, pause and skips as a
    // read would (and no read is then needed for them).
    const view = this.view();
    const confirmed = this.#overlays.filter(
      (overlay) =>
        overlay.settledSeq !== null &&
        isLocallyConfirmable(overlay.change) &&
        confirms(overlay.change, view, now),
    );
    if (confirmed.length > 0)
      this.#overlays = this.#overlays.filter((overlay) => !confirmed.includes(overlay));
  }

  /**
   * Every own change still waiting for a read is one the local player's next report can confirm (play,
   * pause, a skip), and there is one: while it pushes, the read after the commands can be left out (the
   * settle deadline's read still decides if no report comes).
   */
  awaitsOnlyLocalConfirmation(): boolean {
    const own = this.#overlays.filter((overlay) => overlay.change.kind !== 'local');
    return (
      own.length > 0 &&
      own.every((overlay) => overlay.settledSeq !== null && isLocallyConfirmable(overlay.change))
    );
  }

  setLiked(uri: string, value: boolean): void {
    this.#liked = { uri, value };
    this.#overlays = this.#overlays.filter(
      (overlay) =>
        overlay.change.kind !== 'like' || overlay.change.uri !== uri || overlay.settledSeq === null,
    );
  }

  setDevices(devices: readonly PlayerDevice[]): void {
    this.#devices = Object.freeze([...devices]);
  }

  /** A read showed playback on `device`: it is the last used one, and the active one in the list. */
  sawDevice(device: PlayerDevice): void {
    this.#lastDeviceId = device.id;
    if (this.#devices.length === 0) return;
    const listed = this.#devices.some((entry) => entry.id === device.id);
    const devices = this.#devices.map((entry) =>
      entry.id === device.id ? device : entry.isActive ? { ...entry, isActive: false } : entry,
    );
    this.#devices = Object.freeze(listed ? devices : [...devices, device]);
  }

  /** Playback was moved to `deviceId` by an own command. */
  deviceChosen(deviceId: string): void {
    this.#lastDeviceId = deviceId;
    this.#devices = Object.freeze(
      this.#devices.map((device) => ({ ...device, isActive: device.id === deviceId })),
    );
  }

  // --- operations and their overlay --------------------------------------------------------------

  addOperation(kind: CommandKind, change: OptimisticChange | undefined): PendingOperation {
    const op: PendingOperation = { id: this.#nextOpId++, kind };
    this.#pending = [...this.#pending, op];
    if (change)
      this.#overlays = [...this.#overlays, { opId: op.id, change, settledSeq: null, deadline: null }];
    return op;
  }

  /** The command failed or was replaced: its change goes (the view falls back to the last read). */
  removeOperation(opId: number): void {
    this.#pending = this.#pending.filter((op) => op.id !== opId);
    if (this.#overlays.some((overlay) => overlay.opId === opId)) {
      this.#overlays = this.#overlays.filter((overlay) => overlay.opId !== opId);
    }
  }

  /** The command succeeded at `now`: no longer pending; its change holds until a read decides. */
  operationSucceeded(opId: number, now: number): void {
    const seq = ++this.#seq;
    this.#pending = this.#pending.filter((op) => op.id !== opId);
    const overlay = this.#overlays.find((entry) => entry.opId === opId);
    if (overlay === undefined) return;
    // A like's outcome is a fact the moment it succeeds (no read shows it): nothing left to hold.
    if (
      overlay.change.kind === 'like' &&
      confirms(overlay.change, { playback: null, liked: this.#liked }, now)
    ) {
      this.#overlays = this.#overlays.filter((entry) => entry !== overlay);
      return;
    }
    // Earlier successes that set the same thing are superseded by this one (a volume drag's first step).
    const field = fieldOf(overlay.change);
    this.#overlays = this.#overlays.flatMap((entry) => {
      if (entry === overlay) return [{ ...entry, settledSeq: seq, deadline: now + this.#settleMs }];
      const older = entry.settledSeq !== null && fieldOf(entry.change) === field;
      return older ? [] : [entry];
    });
  }

  /** The earliest settle deadline after `after` of a change no read has decided on, else null. */
  settleDeadline(after: number | null): number | null {
    let earliest: number | null = null;
    for (const { deadline, change } of this.#overlays) {
      // A local report needs no read to decide it: the local player reports again when it changes.
      if (change.kind === 'local') continue;
      if (deadline === null || (after !== null && deadline <= after)) continue;
      if (earliest === null || deadline < earliest) earliest = deadline;
    }
    return earliest;
  }

  // --- the view and the snapshot -------------------------------------------------------------------

  /** The view as shown: the last read with the overlay on top (computed once per change of its inputs). */
  view(): PlayerView {
    const memo = this.#viewMemo;
    if (
      memo !== null &&
      memo.playback === this.#playback &&
      memo.liked === this.#liked &&
      memo.overlays === this.#overlays
    ) {
      return memo.view;
    }
    const view = applyAll(
      { playback: this.#playback, liked: this.#liked },
      this.#overlays.map((overlay) => overlay.change),
    );
    this.#viewMemo = { playback: this.#playback, liked: this.#liked, overlays: this.#overlays, view };
    return view;
  }

  /** The playback as shown. */
  shown(): PlaybackModel | null {
    return this.view().playback;
  }

  snapshot(now: number, connection: ConnectionState): PlayerSnapshot {
    const view = this.view();
    const playback = view.playback;
    const item = playback?.item ?? null;
    return deepFreeze({
      at: now,
      connection,
      item,
      isPlaying: playback?.isPlaying ?? false,
      progressMs: playback ? progressOf(playback, now) : 0,
      device: playback?.device ?? null,
      volumePercent: playback?.volumePercent ?? null,
      shuffle: playback?.shuffle ?? false,
      repeat: playback?.repeat ?? 'off',
      liked: item === null ? null : likedOf(view, item),
      devices: this.#devices,
      lastDeviceId: this.#lastDeviceId,
      contextUri: playback?.contextUri ?? null,
      disallows: playback?.disallows ?? [],
      error: this.error,
      pending: [...this.#pending],
    });
  }
}

/** Changes the local player reports (its play state and item), so one of its reports can confirm. */
function isLocallyConfirmable(change: OptimisticChange): boolean {
  return change.kind === 'play' || change.kind === 'pause' || change.kind === 'skip';
}

/** What a change sets: a later change to the same thing supersedes it. */
function fieldOf(change: OptimisticChange): string {
  switch (change.kind) {
    case 'play':
    case 'pause':
      return 'playback';
    case 'like':
      return `like:${change.uri}`;
    default:
      return change.kind;
  }
}

/** Whether `item` is in Liked Songs, as the view says; null while unknown. */
export function likedOf(view: PlayerView, item: PlayerItem): boolean | null {
  return view.liked !== null && view.liked.uri === item.uri ? view.liked.value : null;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
