import { USER_MESSAGES } from '../../../shared/messages.ts';
import type {
  CommandResult,
  ConnectionState,
  PlayerDevice,
  PlayerError,
  PlayerSnapshot,
} from '../../../shared/player.ts';
import { LocalPlayerError } from '../../local-player/index.ts';
import { PlayerStore } from '../../spotify/player/store.ts';
import type { Clock } from '../../util/clock.ts';
import type { LocalCommand, LocalPlayerWatch } from './local-player-watch.ts';

const LOCAL_CONNECTION: ConnectionState = Object.freeze({
  status: 'local',
  message: USER_MESSAGES.localMode,
  rateLimitedUntil: null,
});

/**
 * Local mode: no account is connected, and the Spotify app runs on this computer. The snapshot shows
 * what it plays (from its reports, progress estimated where it gives none), and play/pause, next and
 * previous go to it; everything else is refused with what it needs. The player's store is the engine's
 * own (spotify/player/store.ts), fed with the local reports instead of reads.
 */
export class LocalMode {
  readonly #watch: LocalPlayerWatch;
  readonly #clock: Clock;
  /** The store of the player followed now; a new one for each player that appears. */
  #store: PlayerStore | null = null;
  #storePlayer: string | null = null;

  constructor(options: { watch: LocalPlayerWatch; clock: Clock }) {
    this.#watch = options.watch;
    this.#clock = options.clock;
  }

  /**
   * A local player runs and has said what it plays: local mode applies while no account is connected
   * (so commands go to it exactly while its snapshot is shown).
   */
  get available(): boolean {
    return this.#store !== null;
  }

  /** Takes the watch's latest report in (call on every change of the watch). */
  update(): void {
    const player = this.#watch.player;
    const report = this.#watch.report();
    if (player === null || report === null) {
      this.#store = null;
      this.#storePlayer = null;
      return;
    }
    const now = this.#clock.now();
    if (this.#store === null || this.#storePlayer !== player.busName) {
      this.#store = new PlayerStore({ settleMs: 0, lastDeviceId: null });
      this.#store.applyRead(
        {
          item: null,
          isPlaying: false,
          progressMs: 0,
          progressAt: now,
          device: localDevice(player.identity),
          volumePercent: null,
          shuffle: false,
          repeat: 'off',
          contextUri: null,
          disallows: [],
        },
        0,
        now,
        now,
      );
      this.#storePlayer = player.busName;
    }
    this.#store.applyLocal(report, now);
  }

  /** The local-mode snapshot, or null while no local player runs. */
  snapshot(): PlayerSnapshot | null {
    return this.#store?.snapshot(this.#clock.now(), LOCAL_CONNECTION) ?? null;
  }

  /** Sends `command` to the local player: ok, or its failure (shown in the snapshot too). */
  async run(command: LocalCommand, source: PlayerError['source']): Promise<CommandResult> {
    const store = this.#store;
    try {
      await this.#watch.command(command);
      if (store !== null && store.error?.source === source) store.error = null;
      return { ok: true };
    } catch (error) {
      if (!(error instanceof LocalPlayerError)) throw error;
      const failure: PlayerError = {
        kind: error.code,
        message: error.message,
        source,
        at: this.#clock.now(),
        until: null,
      };
      if (store !== null) store.error = failure;
      return { ok: false, error: failure };
    }
  }

  /** A command local mode cannot carry out: it needs an account. No request is sent. */
  refuse(source: PlayerError['source']): CommandResult {
    return {
      ok: false,
      error: {
        kind: 'refused',
        message: USER_MESSAGES.needsAccount,
        source,
        at: this.#clock.now(),
        until: null,
      },
    };
  }

  dismissError(): void {
    if (this.#store !== null) this.#store.error = null;
  }
}

/** The computer's own player, as the device line shows it: not addressable through the Web API. */
function localDevice(name: string): PlayerDevice {
  return {
    id: null,
    name,
    type: 'Computer',
    isActive: true,
    isRestricted: false,
    volumePercent: null,
    supportsVolume: false,
  };
}
