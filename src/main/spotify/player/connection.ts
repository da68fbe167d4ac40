import { MESSAGES, messageOf, type FailureEffect } from './failures.ts';
import type { ConnectionState, ConnectionStatus } from './types.ts';

/**
 * The engine's standing with Spotify as a set of independent facts (each with the message to show),
 * reduced to the one status the UI shows, most important first (see ConnectionStatus).
 */
export class ConnectionTracker {
  signedOut: string | null = null;
  reconnect: string | null = null;
  quota: string | null = null;
  /** Spotify could not be reached (network error, timeout). */
  netOffline: string | null = null;
  premium: string | null = null;
  noDevice = false;
  /** What the OS says. */
  osOnline = true;
  #rateLimitedUntil: number | null = null;
  readonly #gateUntil: () => number | undefined;

  /** `gateUntil`: the client's shared rate-limit pause (RateLimitGate.rateLimitedUntil). */
  constructor(gateUntil: () => number | undefined) {
    this.#gateUntil = gateUntil;
  }

  /** Nothing may be sent until the user acts: sign in again, or "try again" after a quota stop. */
  get blocked(): boolean {
    return this.signedOut !== null || this.reconnect !== null || this.quota !== null;
  }

  noteRateLimit(until: number): void {
    this.#rateLimitedUntil = Math.max(this.#rateLimitedUntil ?? 0, until);
  }

  /** End of the rate-limit pause, while one is on. */
  rateLimitUntil(now: number): number | null {
    const until = Math.max(this.#gateUntil() ?? 0, this.#rateLimitedUntil ?? 0);
    return until > now ? until : null;
  }

  /**
   * Records what a failed request says about the connection. `from`: a state read (or a devices fetch)
   * decides 'offline'; a command that got no answer (network error, timeout) does not: only that command
   * failed, and the engine reads the state promptly to find out whether Spotify can be reached.
   */
  apply(effect: FailureEffect, error: unknown, from: 'read' | 'command' = 'read'): void {
    const message = messageOf(error);
    switch (effect) {
      case 'rate-limited': {
        const until = (error as { rateLimitedUntil?: unknown } | null)?.rateLimitedUntil;
        this.noteRateLimit(typeof until === 'number' ? until : (this.#gateUntil() ?? 0));
        break;
      }
      case 'quota-exceeded':
        this.quota = message;
        break;
      case 'reconnect-needed':
        this.reconnect ??= message;
        break;
      case 'signed-out':
        this.signedOut ??= message;
        break;
      case 'premium-required':
        this.premium = message;
        break;
      case 'no-device':
        this.noDevice = true;
        break;
      case 'offline':
        if (from === 'read') this.netOffline = message;
        break;
      case 'transient':
      case 'refused':
      case 'aborted':
        break;
    }
  }

  describe(now: number): ConnectionState {
    const state = (status: ConnectionStatus, message: string | null, until: number | null = null) => ({
      status,
      message,
      rateLimitedUntil: until,
    });
    if (this.signedOut !== null) return state('signed-out', this.signedOut);
    if (this.reconnect !== null) return state('reconnect-needed', this.reconnect);
    if (this.quota !== null) return state('quota-exceeded', this.quota);
    if (!this.osOnline) return state('offline', MESSAGES.offline);
    if (this.netOffline !== null) return state('offline', this.netOffline);
    const until = this.rateLimitUntil(now);
    if (until !== null) return state('rate-limited', MESSAGES.rateLimited, until);
    if (this.premium !== null) return state('premium-required', this.premium);
    if (this.noDevice) return state('no-device', MESSAGES.noDevice);
    return state('ok', null);
  }
}
