import type { LocalPlayerStatus } from '../../../shared/app-state.ts';
import {
  LocalPlayerError,
  localItemOf,
  type LocalPlayerIdentity,
  type LocalPlayerPort,
  type LocalPlayerState,
} from '../../local-player/index.ts';
import type { LocalReport } from '../../spotify/player/index.ts';
import { safeCause } from '../../util/safe-cause.ts';

/** How long the start waits for the OS's media interface to open (a later one is still followed). */
const OPEN_TIMEOUT_MS = 3_000;

const NOT_ANSWERING =
  'The media interface of this computer did not answer, so Traytune cannot follow the Spotify app here.';

/**
 * How far a new position may be from where the last one has moved to since, and still be the same
 * playback going on: a polled player (AppleScript) reports one a second; only a jump (a seek) is news.
 */
const POSITION_DRIFT_MS = 1_500;

/** What the app can ask of the local player from its own controls (local mode). */
export type LocalCommand = 'playPause' | 'next' | 'previous';

/**
 * The local player as the app follows it: the port once opened (MPRIS, AppleScript), the player it
 * follows now and that player's last state, reduced to what the rest of the app uses: a LocalReport for
 * the engine and local mode, the status for AppState, and the few commands local mode sends.
 */
export class LocalPlayerWatch {
  readonly #listeners = new Set<() => void>();
  readonly #unsubscribe: (() => void)[] = [];
  #port: LocalPlayerPort | null = null;
  #player: LocalPlayerIdentity | null = null;
  #state: LocalPlayerState | null = null;
  /**
   * The player's position when its last change brought a new one (a Seeked, a probe), else null. The
   * state keeps the last position it was told, with no time of its own: passed on again with an
   * unrelated change, it would move the progress back to where it was then.
   */
  #freshPositionMs: number | null = null;
  /** The last position the player gave, and when (performance.now()): where it should be now. */
  #positionSeen: { readonly positionMs: number; readonly at: number } | null = null;
  /** Why there is no port at all (no session bus), or a standing problem the port reported. */
  #problem: string | null = null;
  #disposed = false;

  /**
   * Opens the port with `open` and follows it, waiting at most OPEN_TIMEOUT_MS: a port that opens later
   * is followed from then on (the app starts without waiting longer for it). A failure (no session bus,
   * say) is kept as the status's problem and logged once: Traytune works without a local player, only
   * without its push.
   */
  async open(open: () => Promise<LocalPlayerPort>): Promise<void> {
    const opening = open();
    // Registered first, so a port that opens in time is attached before the wait below ends.
    void opening.then(
      (port) => {
        if (this.#disposed || this.#port !== null) void port.dispose();
        else this.#attach(port);
      },
      (error: unknown) => this.#notOpened(error),
    );
    let timer: ReturnType<typeof setTimeout> | undefined;
    const waited = new Promise<'late'>(
      (resolve) => (timer = setTimeout(() => resolve('late'), OPEN_TIMEOUT_MS)),
    );
    const outcome = await Promise.race([
      opening.then(
        () => 'opened' as const,
        () => 'failed' as const,
      ),
      waited,
    ]);
    clearTimeout(timer);
    if (outcome === 'late' && this.#port === null && this.#problem === null) {
      this.#problem = NOT_ANSWERING;
      this.#changed();
    }
  }

  #notOpened(error: unknown): void {
    if (this.#disposed) return;
    if (error instanceof LocalPlayerError) {
      this.#problem = error.message;
      console.warn(`[local-player] not followed: ${error.message}`);
    } else {
      // Not one of ours: its text is not for the user (it may quote anything), only its name and code.
      this.#problem = NOT_ANSWERING;
      console.warn('[local-player] not followed, opening failed:', safeCause(error));
    }
    this.#changed();
  }

  /** The player followed now, or null when none runs. */
  get player(): LocalPlayerIdentity | null {
    return this.#player;
  }

  /** What the player plays, for the engine and local mode; null while no player runs. */
  report(): LocalReport | null {
    const state = this.#state;
    if (this.#player === null || state === null) return null;
    return {
      item: localItemOf(state),
      isPlaying: state.status === 'playing',
      positionMs: this.#freshPositionMs,
    };
  }

  status(pushing: boolean): LocalPlayerStatus {
    return { name: this.#player?.identity ?? null, problem: this.#problem, pushing };
  }

  /** Sends `command` to the player; rejects with a LocalPlayerError (`no-player` when none runs). */
  async command(command: LocalCommand): Promise<void> {
    const port = this.#port;
    if (port === null || this.#player === null) {
      throw new LocalPlayerError('no-player', 'The Spotify app on this computer is not running any more.');
    }
    await port[command]();
  }

  /** Called after every change of the player followed, its state or the status. Returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async dispose(): Promise<void> {
    this.#disposed = true;
    for (const off of this.#unsubscribe.splice(0)) off();
    this.#listeners.clear();
    const port = this.#port;
    this.#port = null;
    await port?.dispose();
  }

  #attach(port: LocalPlayerPort): void {
    this.#port = port;
    this.#problem = null;
    const current = port.current();
    this.#player = current?.player ?? null;
    this.#state = current?.state ?? null;
    this.#freshPositionMs = this.#state?.positionMs ?? null;
    this.#positionSeen = this.#seen(this.#freshPositionMs);
    this.#unsubscribe.push(
      port.onPresence((event) => {
        if (event.kind === 'appeared') {
          this.#player = event.player;
          this.#state = port.current()?.state ?? null;
          this.#freshPositionMs = this.#state?.positionMs ?? null;
          this.#positionSeen = this.#seen(this.#freshPositionMs);
        } else if (this.#player?.busName === event.player.busName) {
          this.#player = null;
          this.#state = null;
          this.#freshPositionMs = null;
          this.#positionSeen = null;
        }
        this.#changed();
      }),
      port.onState((state) => {
        this.#player ??= port.current()?.player ?? null;
        const previous = this.#state;
        this.#freshPositionMs = this.#newPosition(previous, state);
        this.#state = state;
        // Volume, shuffle and loop are not reported on; a position that only moved on is not news.
        if (previous === null || this.#freshPositionMs !== null || playbackChanged(previous, state)) {
          this.#changed();
        }
      }),
    );
    if (port.onProblem) {
      this.#unsubscribe.push(
        port.onProblem((problem) => {
          this.#problem = problem?.message ?? null;
          this.#freshPositionMs = null;
          this.#changed();
        }),
      );
    }
    this.#changed();
  }

  /**
   * The position `state` brings, when it is news: a value the player had not given before (a Seeked, the
   * bridge's probe), and not where the last one has simply moved on to. Else null (the app estimates).
   */
  #newPosition(previous: LocalPlayerState | null, state: LocalPlayerState): number | null {
    const position = state.positionMs;
    const now = performance.now();
    const seen = this.#positionSeen;
    if (position === null || position === (previous?.positionMs ?? null)) return null;
    this.#positionSeen = this.#seen(position);
    if (seen === null || previous === null || previous.trackUri !== state.trackUri) return position;
    const expected = seen.positionMs + (previous.status === 'playing' ? now - seen.at : 0);
    return Math.abs(position - expected) > POSITION_DRIFT_MS ? position : null;
  }

  #seen(positionMs: number | null): { positionMs: number; at: number } | null {
    return positionMs === null ? null : { positionMs, at: performance.now() };
  }

  #changed(): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener();
      } catch (error) {
        console.error('[local-player] listener failed:', error);
      }
    }
  }
}

/** What the app shows of the player changed: its item or its play state. */
function playbackChanged(before: LocalPlayerState, after: LocalPlayerState): boolean {
  return (
    before.status !== after.status ||
    before.trackUri !== after.trackUri ||
    before.title !== after.title ||
    before.album !== after.album ||
    before.artUrl !== after.artUrl ||
    before.durationMs !== after.durationMs ||
    before.artists.join('\u0000') !== after.artists.join('\u0000')
  );
}
