import type { LocalPlayerStatus } from '../../../shared/app-state.ts';
import {
  LocalPlayerError,
  localItemOf,
  type LocalPlayerIdentity,
  type LocalPlayerPort,
  type LocalPlayerState,
} from '../../local-player/index.ts';
import type { LocalReport } from '../../spotify/player/index.ts';

/** How long opening the OS's media interface may take before Traytune goes on without it. */
const OPEN_TIMEOUT_MS = 3_000;

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
  /** Why there is no port at all (no session bus), or a standing problem the port reported. */
  #problem: string | null = null;
  #disposed = false;

  /**
   * Opens the port with `open` and follows it. A failure (no session bus, say) is kept as the status's
   * problem and logged once: Traytune works without a local player, only without its push.
   */
  async open(open: () => Promise<LocalPlayerPort>): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new LocalPlayerError(
              'bus-unavailable',
              'The media interface of this computer did not answer, so Traytune cannot follow the Spotify app here.',
            ),
          ),
        OPEN_TIMEOUT_MS,
      );
    });
    const opening = open();
    try {
      const port = await Promise.race([opening, timeout]);
      if (this.#disposed) await port.dispose();
      else this.#attach(port);
    } catch (error) {
      // A port that opens after the timeout is not wanted any more.
      void opening.then((late) => late.dispose()).catch(() => undefined);
      this.#problem = error instanceof LocalPlayerError ? error.message : String(error);
      console.warn(`[local-player] not followed: ${this.#problem}`);
      this.#changed();
    } finally {
      clearTimeout(timer);
    }
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
    this.#unsubscribe.push(
      port.onPresence((event) => {
        if (event.kind === 'appeared') {
          this.#player = event.player;
          this.#state = port.current()?.state ?? null;
          this.#freshPositionMs = this.#state?.positionMs ?? null;
        } else if (this.#player?.busName === event.player.busName) {
          this.#player = null;
          this.#state = null;
          this.#freshPositionMs = null;
        }
        this.#changed();
      }),
      port.onState((state) => {
        this.#player ??= port.current()?.player ?? null;
        const before = this.#state?.positionMs ?? null;
        this.#freshPositionMs = state.positionMs !== before ? state.positionMs : null;
        this.#state = state;
        this.#changed();
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
