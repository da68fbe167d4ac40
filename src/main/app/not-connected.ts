import type { AccountStatus } from '../../shared/app-state.ts';
import { USER_MESSAGES } from '../../shared/messages.ts';
import type { CommandResult, PlayerError, PlayerSnapshot } from '../../shared/player.ts';
import { UserFacingError, type UserFacingErrorCode } from './errors.ts';

/** What the player and library channels answer while no account is connected (no engine exists then). */

const MESSAGES: Record<Exclude<AccountStatus, 'signed-in'>, string> = {
  'no-client-id': 'Traytune is not set up yet. Enter the client ID of your Spotify app, then sign in.',
  'signed-out': USER_MESSAGES.signedOut,
  'signing-in': 'Sign-in is not finished yet. Complete it in your browser, then try again.',
  'reconnect-needed': USER_MESSAGES.reconnectNeeded,
};

/** Why nothing can be done with Spotify right now, for the user. */
export function notConnectedMessage(account: AccountStatus): string {
  // 'signed-in' without a connection only happens for a moment while it is being set up or torn down.
  return MESSAGES[account === 'signed-in' ? 'signed-out' : account];
}

/** The error's code is the account status itself (each is a UserFacingErrorCode). */
export function notConnectedError(account: AccountStatus, message: string): UserFacingError {
  const code: UserFacingErrorCode = account === 'signed-in' ? 'signed-out' : account;
  return new UserFacingError(code, message);
}

/** A command refused before any request; `kind` matches the engine's own signed-out refusal. */
export function notConnectedResult(
  message: string,
  source: PlayerError['source'],
  now: number,
): CommandResult {
  return { ok: false, error: { kind: 'unauthorized', message, source, at: now, until: null } };
}

/** The snapshot drawn while no engine runs: nothing playing, the connection saying why. */
export function notConnectedSnapshot(
  account: AccountStatus,
  message: string,
  now: number,
  lastDeviceId: string | null,
): PlayerSnapshot {
  return Object.freeze({
    at: now,
    connection: Object.freeze({
      status: account === 'reconnect-needed' ? 'reconnect-needed' : 'signed-out',
      message,
      rateLimitedUntil: null,
    }),
    item: null,
    isPlaying: false,
    progressMs: 0,
    device: null,
    volumePercent: null,
    shuffle: false,
    repeat: 'off',
    liked: null,
    devices: Object.freeze([]),
    lastDeviceId,
    contextUri: null,
    disallows: Object.freeze([]),
    error: null,
    pending: Object.freeze([]),
  });
}
