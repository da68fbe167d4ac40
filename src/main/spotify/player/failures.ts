import { USER_MESSAGES } from '../../../shared/messages.ts';
import { SpotifyApiError } from '../errors.ts';

/**
 * What a failed request means for the engine, beyond its message:
 * - 'rate-limited' / 'quota-exceeded': the client's gate paused or stopped every request.
 * - 'reconnect-needed' / 'signed-out': the session cannot give tokens any more; stop polling.
 * - 'premium-required': the account cannot control playback.
 * - 'no-device': no active device to carry a command out.
 * - 'offline': Spotify could not be reached (network, timeout). On a state read: the connection is offline,
 *   back off. On a command: only that command failed (one slow answer says little about the connection);
 *   a prompt state read decides (see ConnectionTracker.apply).
 * - 'transient': Spotify answered with a server error or something unreadable: back off, try again.
 * - 'refused': Spotify refused this one request (restriction, bad request…): nothing to change but the message.
 * - 'aborted': the engine stopped; ignore.
 */
export type FailureEffect =
  | 'rate-limited'
  | 'quota-exceeded'
  | 'reconnect-needed'
  | 'signed-out'
  | 'premium-required'
  | 'no-device'
  | 'offline'
  | 'transient'
  | 'refused'
  | 'aborted';

export interface SessionState {
  /** The session's 'reconnect-needed' event was seen. */
  reconnectNeeded: boolean;
  /** The session reports it has no tokens (undefined without a session). */
  signedIn: boolean | undefined;
}

export function effectOf(error: unknown, session: SessionState): FailureEffect {
  if (!(error instanceof SpotifyApiError)) return 'transient';
  switch (error.kind) {
    case 'rate-limited':
    case 'quota-exceeded':
    case 'premium-required':
    case 'aborted':
      return error.kind;
    case 'no-active-device':
      return 'no-device';
    case 'network':
    case 'timeout':
      return 'offline';
    case 'server':
    case 'malformed-response':
      return 'transient';
    case 'reconnect-needed':
      return 'reconnect-needed';
    case 'signed-out':
      return 'signed-out';
    case 'unauthorized':
      // The client has already refreshed once; whether that is final depends on the session.
      if (session.reconnectNeeded) return 'reconnect-needed';
      return session.signedIn === false ? 'reconnect-needed' : 'transient';
    case 'forbidden':
    case 'not-found':
    case 'restricted':
    case 'bad-request':
      return 'refused';
  }
}

/** The user-readable text: the client's messages already say what happened and what to do. */
export function messageOf(error: unknown): string {
  if (error instanceof SpotifyApiError) return error.message;
  return 'Something went wrong while talking to Spotify. Try again in a moment.';
}

export function kindOf(error: unknown): string {
  return error instanceof SpotifyApiError ? error.kind : 'unknown';
}

/** The engine's own words; those the renderer or the app say too come from the shared catalogue. */
export const MESSAGES = {
  offline: USER_MESSAGES.offline,
  noDevice: USER_MESSAGES.noDevice,
  stopped: 'The player has stopped. Sign in again or restart Traytune.',
  signedOut: USER_MESSAGES.signedOut,
  /** A transfer to a device Spotify no longer lists (switched off, asleep, out of reach). */
  deviceGone:
    'That device is not available any more (it may be switched off or asleep). Choose another device, ' +
    'or open Spotify on it and try again.',
  /** Spotify answers an artist context with an offset with 400 "Can't have offset for context type: ARTIST". */
  artistOffset:
    'Spotify cannot start an artist at a chosen track. Play the artist from the top, or play the track on its own.',
  /** Both the status and a command's refusal during the pause (see the catalogue for its wording). */
  rateLimited: USER_MESSAGES.rateLimited,
} as const;
