import type { Clock } from '../../util/clock.ts';
import type { CallOptions } from '../api-client.ts';
import type { RateLimitGate } from '../rate-limit-gate.ts';
import type { SpotifyWebApi } from '../web-api.ts';
import type { ConnectionTracker } from './connection.ts';
import { kindOf, messageOf, type SessionState } from './failures.ts';
import type { InFlightTracker } from './inflight.ts';
import type { PlayerStore } from './store.ts';
import type { PlayerError } from './types.ts';

/** The Web API operations the engine uses (a SpotifyWebApi; fakes only need these). */
export type PlayerApi = Pick<
  SpotifyWebApi,
  | 'getPlaybackState'
  | 'getDevices'
  | 'transferPlayback'
  | 'play'
  | 'pause'
  | 'next'
  | 'previous'
  | 'seek'
  | 'setVolume'
  | 'setShuffle'
  | 'setRepeat'
  | 'addToQueue'
  | 'checkLibrary'
  | 'saveToLibrary'
  | 'removeFromLibrary'
> & { readonly client?: { readonly gate: RateLimitGate } };

/** The parts of the AuthSession the engine watches. */
export interface PlayerSession {
  readonly isSignedIn: boolean;
  on(event: 'reconnect-needed', listener: (error: Error) => void): unknown;
  off(event: 'reconnect-needed', listener: (error: Error) => void): unknown;
}

/** What the engine's parts share: the API, the clock, the store, the connection, the in-flight count. */
export class EngineContext {
  readonly api: PlayerApi;
  readonly clock: Clock;
  readonly store: PlayerStore;
  readonly conn: ConnectionTracker;
  readonly inflight: InFlightTracker;
  readonly session: PlayerSession | undefined;
  readonly #abort = new AbortController();
  readonly #emit: () => void;

  constructor(parts: {
    api: PlayerApi;
    clock: Clock;
    store: PlayerStore;
    conn: ConnectionTracker;
    inflight: InFlightTracker;
    session: PlayerSession | undefined;
    emit: () => void;
  }) {
    this.api = parts.api;
    this.clock = parts.clock;
    this.store = parts.store;
    this.conn = parts.conn;
    this.inflight = parts.inflight;
    this.session = parts.session;
    this.#emit = parts.emit;
  }

  get stopped(): boolean {
    return this.#abort.signal.aborted;
  }

  /** Stops for good: requests in flight are aborted. */
  stop(): void {
    this.#abort.abort();
  }

  /** Publishes a new snapshot to the subscribers. */
  emit(): void {
    this.#emit();
  }

  /** Never wait out a 429 inside a request: the engine shows the pause and reads again after it. */
  callOptions(): CallOptions {
    return { signal: this.#abort.signal, waitIfRateLimited: false };
  }

  sessionState(): SessionState {
    return { reconnectNeeded: this.conn.reconnect !== null, signedIn: this.session?.isSignedIn };
  }

  playerError(error: unknown, source: PlayerError['source']): PlayerError {
    const until = (error as { rateLimitedUntil?: unknown } | null)?.rateLimitedUntil;
    return {
      kind: kindOf(error),
      message: messageOf(error),
      source,
      at: this.clock.now(),
      until: typeof until === 'number' ? until : null,
    };
  }

  /** An error the engine makes itself (a local refusal). */
  localError(
    source: PlayerError['source'],
    kind: string,
    message: string,
    until: number | null = null,
  ): PlayerError {
    return { kind, message, source, at: this.clock.now(), until };
  }
}
