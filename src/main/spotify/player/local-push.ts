import type { PlaybackModel } from './model.ts';
import type { PlayerItem } from './types.ts';

/**
 * What the local player (the Spotify client on this computer, through MPRIS or AppleScript) reports: the
 * app turns its state into this, the engine never sees the OS's interface.
 */
export interface LocalReport {
  readonly item: PlayerItem | null;
  readonly isPlaying: boolean;
  /** Where the player says it is, when it gives a real position; null: the engine estimates it. */
  readonly positionMs: number | null;
}

/**
 * Whether the local player's reports may stand in for polling: the push channel's state.
 *
 * The local player is taken for the active Web API device only when they agree: a read that shows the
 * same item, playing, as the last local report. Device names prove nothing (every desktop client may be
 * called after the computer), and a player may even mirror another device's playback, which is fine: what
 * counts is that its reports follow what the Web API would say. From then on push is on while:
 * - the local player is there (not quit, the bus not lost);
 * - the reads keep showing that device (an own transfer, or playback moved elsewhere, ends it);
 * - the reads keep agreeing: a read started `agreementGraceMs` or more after the last report that shows
 *   another item or play state means the local player went quiet or follows something else.
 * Push off, the engine polls as before, and the next agreeing read turns it back on.
 */
export class LocalPush {
  readonly #agreementGraceMs: number;
  /** The last report and when it came; null while the local player is not there. */
  #last: { readonly report: LocalReport; readonly at: number } | null = null;
  /** The Web API device the local player was found to agree with, or null until a read shows it. */
  #deviceId: string | null = null;
  /**
   * When push was last lost (clock time of the read that ended it): only a report after it can agree
   * again. A report from before a transfer still "agrees" with the device that now plays the same song.
   */
  #lostAt = Number.NEGATIVE_INFINITY;

  constructor(options: { agreementGraceMs: number }) {
    this.#agreementGraceMs = options.agreementGraceMs;
  }

  /** Push stands in for polling now. */
  get active(): boolean {
    // A read showing another device clears #deviceId (readApplied), so it is always the read's device.
    return this.#last !== null && this.#deviceId !== null;
  }

  /**
   * The local player reported `report` at `now`: 'same' as the last report, only a new 'position', or a
   * new item or play state ('playback').
   */
  report(report: LocalReport, now: number): 'same' | 'position' | 'playback' {
    const last = this.#last?.report;
    this.#last = { report, at: now };
    if (
      last === undefined ||
      last.isPlaying !== report.isPlaying ||
      (last.item?.uri ?? null) !== (report.item?.uri ?? null)
    ) {
      return 'playback';
    }
    return last.positionMs !== report.positionMs ? 'position' : 'same';
  }

  /** The local player went away (quit, or the bus was lost): push ends until it is back and agrees. */
  gone(): void {
    this.#last = null;
    this.#deviceId = null;
  }

  /** A read of the Web API, started at `startedAt`: finds the local device, or loses it. */
  readApplied(playback: PlaybackModel | null, startedAt: number): void {
    const readDeviceId = playback?.device?.id ?? null;
    if (this.#deviceId !== null && readDeviceId !== this.#deviceId) this.#lose(startedAt);
    const last = this.#last;
    if (last === null || playback === null) return;
    const agrees =
      playback.isPlaying === last.report.isPlaying &&
      playback.item !== null &&
      playback.item.uri === (last.report.item?.uri ?? null);
    // Playing, as both see it: a paused client may sit on the same track as the device that plays on.
    if (agrees && playback.isPlaying && last.at > this.#lostAt) this.#deviceId = readDeviceId;
    else if (!agrees && startedAt >= last.at + this.#agreementGraceMs) this.#lose(startedAt);
  }

  #lose(at: number): void {
    this.#deviceId = null;
    this.#lostAt = at;
  }
}
