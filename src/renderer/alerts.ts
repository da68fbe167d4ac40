import type { ConnectionStatus, PlayerError, PlayerSnapshot } from '../shared/player.ts';

/** The statuses a failed state read causes: the connection banner already says what went wrong. */
const READ_FAILURE_STATUSES: ReadonlySet<ConnectionStatus> = new Set<ConnectionStatus>([
  'signed-out',
  'reconnect-needed',
  'quota-exceeded',
  'offline',
  'rate-limited',
]);

/**
 * The player error worth an alert: a command's own failure always (the press needs an answer), a failed
 * state read only when the connection banner does not already tell the same story.
 */
export function alertableError(snapshot: PlayerSnapshot | null): PlayerError | null {
  if (snapshot === null || snapshot.error === null) return null;
  const { error, connection } = snapshot;
  if (error.source !== 'sync') return error;
  return READ_FAILURE_STATUSES.has(connection.status) || error.message === connection.message ? null : error;
}
