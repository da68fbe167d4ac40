/**
 * The macOS local player: Spotify.app's AppleScript dictionary through `osascript`, as a child process.
 *
 * UNVERIFIED ON A MAC. The scripts, the parser, the error mapping and the poll loop are tested on Linux
 * with a fake runner; nobody has yet run them against Spotify.app. Points to check on a real Mac: the
 * read script's output (`player position` uses the user's decimal separator, handled by the parser),
 * `artwork url` on the installed Spotify version, and the Automation prompt (-1743).
 *
 * Spotify.app sends no events that a child process can hear, so the state is polled locally once a
 * second while Spotify runs (and every few seconds while it does not, to see it start). A poll costs no
 * Web API request. Every script checks `application "Spotify" is running` before it talks to Spotify,
 * so Traytune never launches Spotify by asking it something.
 *
 * Windows (not built, left for later): the system media transport controls (SMTC,
 * `Windows.Media.Control.GlobalSystemMediaTransportControlsSessionManager`) through a small helper exe
 * (C#/.NET or Rust with the `windows` crate) that prints JSON lines on stdout and takes commands on
 * stdin, run as a child process like osascript here. Not a WinRT projection for Node: the NodeRT
 * packages (`@nodert-win10-*`) are not actively maintained and are native modules to rebuild for every
 * Electron ABI; no maintained Node package for SMTC was found. The helper is event-driven (SMTC raises
 * MediaPropertiesChanged and PlaybackInfoChanged), so it needs no poll. More in README.md beside this file.
 */
import { AppleScriptParseError, parseStateRecord, type AppleScriptReading } from './applescript-parse.ts';
import {
  AppleScriptError,
  osascriptRunner,
  toAppleScriptError,
  type OsascriptRunner,
} from './applescript-runner.ts';
import { commandScript, READ_STATE_SCRIPT, type AppleScriptCommand } from './applescript-scripts.ts';
import { Listeners } from './listeners.ts';
import {
  LocalPlayerError,
  type LocalLoopStatus,
  type LocalPlayerCapabilities,
  type LocalPlayerIdentity,
  type LocalPlayerPort,
  type LocalPlayerSnapshot,
  type LocalPlayerState,
  type LocalPresenceEvent,
  type Unsubscribe,
} from './types.ts';

/** Runs `run` after `ms`; the returned function cancels it. Injected so tests move time by hand. */
export interface PollScheduler {
  after(ms: number, run: () => void): () => void;
}

const timerScheduler: PollScheduler = {
  after(ms, run) {
    const timer = setTimeout(run, ms);
    return () => clearTimeout(timer);
  },
};

export interface AppleScriptPlayerOptions {
  readonly run?: OsascriptRunner;
  readonly scheduler?: PollScheduler;
  /** Between polls while Spotify runs. */
  readonly intervalMs?: number;
  /** Between polls while it does not: only to see it start. */
  readonly absentIntervalMs?: number;
}

const POLL_INTERVAL_MS = 1_000;
const ABSENT_POLL_INTERVAL_MS = 3_000;

/** On macOS the player is the application itself. */
export const SPOTIFY_APP: LocalPlayerIdentity = {
  busName: 'Spotify',
  identity: 'Spotify',
  client: 'spotify',
};

/**
 * What the dictionary offers, known up front: every read is a full read, so position and volume are
 * real. There are no signals at all (`emitsSeeked` false): the poll sees a seek on its next read.
 */
export const APPLESCRIPT_CAPABILITIES: LocalPlayerCapabilities = {
  canControl: true,
  canSeek: true,
  canControlVolume: true,
  reportsPosition: true,
  emitsSeeked: false,
  canShuffle: true,
  canLoop: true,
};

/** A failure the poll met: said once through `onProblem`, and null once a poll succeeds again. */
export type AppleScriptProblem = AppleScriptError | AppleScriptParseError;

/** The failure of a command, in the port's terms; the AppleScript error (e.g. `automation-refused`) is its cause. */
function toPortError(error: AppleScriptError): LocalPlayerError {
  const code = error.code === 'not-running' ? 'no-player' : 'player-failed';
  return new LocalPlayerError(code, error.message, { cause: error });
}

export class AppleScriptLocalPlayer implements LocalPlayerPort {
  private readonly run: OsascriptRunner;
  private readonly scheduler: PollScheduler;
  private readonly intervalMs: number;
  private readonly absentIntervalMs: number;
  private readonly presenceListeners = new Listeners<LocalPresenceEvent>();
  private readonly stateListeners = new Listeners<LocalPlayerState>();
  private readonly capabilityListeners = new Listeners<LocalPlayerCapabilities>();
  private readonly problemListeners = new Listeners<AppleScriptProblem | null>();
  private snapshot: LocalPlayerSnapshot | null = null;
  private problemCode: string | null = null;
  private cancelNext: (() => void) | null = null;
  private polling = false;
  private pollAgain = false;
  private started = false;
  private disposed = false;

  constructor(options: AppleScriptPlayerOptions = {}) {
    this.run = options.run ?? osascriptRunner;
    this.scheduler = options.scheduler ?? timerScheduler;
    this.intervalMs = options.intervalMs ?? POLL_INTERVAL_MS;
    this.absentIntervalMs = options.absentIntervalMs ?? ABSENT_POLL_INTERVAL_MS;
  }

  /** Starts polling: the first read is at once. */
  start(): void {
    if (this.started || this.disposed) return;
    this.started = true;
    void this.poll();
  }

  onPresence(listener: (event: LocalPresenceEvent) => void): Unsubscribe {
    return this.presenceListeners.add(listener);
  }

  onState(listener: (state: LocalPlayerState) => void): Unsubscribe {
    return this.stateListeners.add(listener);
  }

  onCapabilities(listener: (capabilities: LocalPlayerCapabilities) => void): Unsubscribe {
    return this.capabilityListeners.add(listener);
  }

  /**
   * Beyond the port: why polls fail (the Automation permission refused, osascript missing), said once
   * per cause, and null when they work again. The app shows it; the port has no channel for it.
   */
  onProblem(listener: (problem: AppleScriptProblem | null) => void): Unsubscribe {
    return this.problemListeners.add(listener);
  }

  current(): LocalPlayerSnapshot | null {
    return this.snapshot;
  }

  play(): Promise<void> {
    return this.send({ kind: 'play' });
  }

  pause(): Promise<void> {
    return this.send({ kind: 'pause' });
  }

  playPause(): Promise<void> {
    return this.send({ kind: 'playPause' });
  }

  next(): Promise<void> {
    return this.send({ kind: 'next' });
  }

  previous(): Promise<void> {
    return this.send({ kind: 'previous' });
  }

  /** Rejects with AppleScriptInputError (`invalid-uri`) before any script runs when the URI is not strict. */
  openUri(uri: string): Promise<void> {
    return this.send({ kind: 'openUri', uri });
  }

  seek(positionMs: number): Promise<void> {
    return this.send({ kind: 'seek', positionMs });
  }

  /** 0..1, as the port has it; Spotify's scale is 0–100. */
  setVolume(volume: number): Promise<void> {
    return this.send({ kind: 'setVolume', volume: volume * 100 });
  }

  setShuffle(shuffle: boolean): Promise<void> {
    return this.send({ kind: 'setShuffle', shuffle });
  }

  /** Spotify's dictionary has one `repeating` flag: repeating one track cannot be asked for. */
  setLoop(loop: LocalLoopStatus): Promise<void> {
    if (loop === 'track')
      return Promise.reject(
        new LocalPlayerError(
          'not-supported',
          'Spotify on a Mac can repeat the whole list, not one song, for Traytune.',
        ),
      );
    return this.send({ kind: 'setRepeat', repeat: loop === 'playlist' });
  }

  dispose(): Promise<void> {
    this.disposed = true;
    this.cancelNext?.();
    this.cancelNext = null;
    this.presenceListeners.clear();
    this.stateListeners.clear();
    this.capabilityListeners.clear();
    this.problemListeners.clear();
    return Promise.resolve();
  }

  /** Runs one command, then reads the state at once so the change shows without waiting for the next tick. */
  private async send(command: AppleScriptCommand): Promise<void> {
    const script = commandScript(command);
    let output: string;
    try {
      output = await this.run(script);
    } catch (error) {
      throw toPortError(toAppleScriptError(error));
    }
    if (output.trim() !== 'running') {
      this.apply({ running: false });
      throw toPortError(new AppleScriptError('not-running'));
    }
    this.pollNow();
  }

  /** A poll out of turn: the scheduled one is cancelled, or one in flight is followed by another. */
  private pollNow(): void {
    if (!this.started || this.disposed) return;
    if (this.polling) {
      this.pollAgain = true;
      return;
    }
    this.cancelNext?.();
    this.cancelNext = null;
    void this.poll();
  }

  private async poll(): Promise<void> {
    this.polling = true;
    try {
      const reading = parseStateRecord(await this.run(READ_STATE_SCRIPT));
      if (this.disposed) return;
      this.report(null);
      this.apply(reading);
    } catch (error) {
      if (this.disposed) return;
      this.report(error instanceof AppleScriptParseError ? error : toAppleScriptError(error));
    } finally {
      this.polling = false;
    }
    if (this.disposed) return;
    if (this.pollAgain) {
      this.pollAgain = false;
      void this.poll();
      return;
    }
    const wait = this.snapshot ? this.intervalMs : this.absentIntervalMs;
    this.cancelNext = this.scheduler.after(wait, () => {
      this.cancelNext = null;
      void this.poll();
    });
  }

  private apply(reading: AppleScriptReading): void {
    if (!reading.running) {
      if (!this.snapshot) return;
      this.snapshot = null;
      this.presenceListeners.emit({ kind: 'gone', player: SPOTIFY_APP });
      return;
    }
    const previous = this.snapshot;
    this.snapshot = { player: SPOTIFY_APP, state: reading.state, capabilities: APPLESCRIPT_CAPABILITIES };
    if (!previous) {
      this.presenceListeners.emit({ kind: 'appeared', player: SPOTIFY_APP });
      this.capabilityListeners.emit(APPLESCRIPT_CAPABILITIES);
      this.stateListeners.emit(reading.state);
      return;
    }
    if (!sameState(previous.state, reading.state)) this.stateListeners.emit(reading.state);
  }

  private report(problem: AppleScriptProblem | null): void {
    const code = problem?.code ?? null;
    if (code === this.problemCode) return;
    this.problemCode = code;
    this.problemListeners.emit(problem);
  }
}

/** A started player: polling from now on. */
export function startAppleScriptPlayer(options: AppleScriptPlayerOptions = {}): AppleScriptLocalPlayer {
  const player = new AppleScriptLocalPlayer(options);
  player.start();
  return player;
}

/** Field by field; the artists list by its entries. A position that moved is a change (the poll's point). */
function sameState(a: LocalPlayerState, b: LocalPlayerState): boolean {
  const keys = Object.keys(a) as (keyof LocalPlayerState)[];
  return keys.every((key) =>
    key === 'artists' ? a.artists.join('\u001f') === b.artists.join('\u001f') : a[key] === b[key],
  );
}
