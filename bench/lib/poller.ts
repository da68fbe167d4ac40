/**
 * The baseline: what other Spotify mini-players commonly do (docs/SPOTIFY.md: "competing apps poll every
 * 1–3 s"). One GET /me/player every `intervalMs` on a fixed rate, nothing else (no liked checks, no device
 * list), through the same Web API client as the engine. A poll still in flight when the next is due is skipped.
 */
import type { PlaybackState, SpotifyWebApi } from '../../src/main/spotify/index.ts';
import type { Scheduler } from '../../src/main/spotify/player/index.ts';
import type { Clock } from '../../src/main/util/clock.ts';

export interface FixedPollerOptions {
  api: Pick<SpotifyWebApi, 'getPlaybackState'>;
  clock: Clock;
  scheduler: Scheduler;
  intervalMs: number;
  /** Every answer (null = nothing active), at the time it arrived. */
  onState: (state: PlaybackState | null) => void;
}

export class FixedPoller {
  readonly #options: FixedPollerOptions;
  #timer: unknown;
  #nextAt = 0;
  #inflight: Promise<void> | null = null;
  #stopped = false;
  /** Polls that failed (none expected against the simulator). */
  errors = 0;

  constructor(options: FixedPollerOptions) {
    this.#options = options;
  }

  /** Polls now and then every interval; resolves after the first poll. */
  start(): Promise<void> {
    this.#nextAt = this.#options.clock.now();
    return this.#tick();
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer !== undefined) this.#options.scheduler.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Resolves when no poll is in flight (for FakeClock.onSettle). */
  async settled(): Promise<void> {
    while (this.#inflight) await this.#inflight;
  }

  #tick(): Promise<void> {
    if (this.#stopped) return Promise.resolve();
    const { clock, scheduler, intervalMs } = this.#options;
    this.#nextAt += intervalMs;
    this.#timer = scheduler.setTimeout(() => void this.#tick(), Math.max(0, this.#nextAt - clock.now()));
    if (this.#inflight) return this.#inflight;
    const poll = this.#poll().finally(() => {
      this.#inflight = null;
    });
    this.#inflight = poll;
    return poll;
  }

  async #poll(): Promise<void> {
    try {
      const state = await this.#options.api.getPlaybackState();
      if (!this.#stopped) this.#options.onState(state);
    } catch {
      this.errors++;
    }
  }
}
