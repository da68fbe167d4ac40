import type { AppError } from '../shared/app-state.ts';
import { SHARED_ERROR_CODES } from '../shared/messages.ts';
import type { CommandKind, ConnectionStatus, PlayerError, PlayerSnapshot } from '../shared/player.ts';

/** The statuses a failed state read causes: the connection banner already says what went wrong. */
const READ_FAILURE_STATUSES: ReadonlySet<ConnectionStatus> = new Set<ConnectionStatus>([
  'signed-out',
  'reconnect-needed',
  'quota-exceeded',
  'offline',
  'rate-limited',
]);

/**
 * The connection status whose banner explains a command refused with this error kind (the engine's local
 * refusals and Spotify's answers use the same kinds): the banner tells the story, so no alert repeats it.
 */
const BANNER_OF_KIND: Readonly<Record<string, ConnectionStatus>> = {
  'rate-limited': 'rate-limited',
  'quota-exceeded': 'quota-exceeded',
  'premium-required': 'premium-required',
  'no-active-device': 'no-device',
};

/** What the user pressed, as the start of "… was not sent". */
const COMMAND_NAMES: Readonly<Record<CommandKind, string>> = {
  play: 'Play',
  pause: 'Pause',
  next: 'Next track',
  previous: 'Previous track',
  seek: 'Seeking',
  volume: 'The volume change',
  shuffle: 'Shuffle',
  repeat: 'Repeat',
  like: 'Like',
  transfer: 'The device change',
  'play-items': 'Play',
  queue: 'Add to queue',
  playlist: 'Add to playlist',
};

function isCommand(source: PlayerError['source']): source is CommandKind {
  return source !== 'sync' && source !== 'devices';
}

/** A command failure the connection banner shown right now already explains. */
function coveredByBanner(error: PlayerError, status: ConnectionStatus): boolean {
  return isCommand(error.source) && BANNER_OF_KIND[error.kind] === status;
}

/**
 * The player error worth an alert: a command's own failure unless the connection banner gives its reason
 * (then `bannerNote` answers the press inside the banner), a failed state read only when the banner does
 * not already tell the same story. Either way each failure is shown once.
 */
export function alertableError(snapshot: PlayerSnapshot | null): PlayerError | null {
  if (snapshot === null || snapshot.error === null) return null;
  const { error, connection } = snapshot;
  if (error.source !== 'sync') {
    // A press refused for a rate limit is answered by the banner alone: once the banner has gone, so has
    // the pause, and the press can simply be made again.
    if (isCommand(error.source) && error.kind === 'rate-limited') return null;
    return coveredByBanner(error, connection.status) ? null : error;
  }
  return READ_FAILURE_STATUSES.has(connection.status) || error.message === connection.message ? null : error;
}

/**
 * The answer to a press the banner's state refused, shown in the banner (its reason is the banner's own
 * text), e.g. "Play was not sent." Null when there is none.
 */
export function bannerNote(snapshot: PlayerSnapshot | null): string | null {
  if (snapshot === null || snapshot.error === null) return null;
  const { error, connection } = snapshot;
  if (!isCommand(error.source) || !coveredByBanner(error, connection.status)) return null;
  const what = COMMAND_NAMES[error.source];
  switch (connection.status) {
    case 'rate-limited':
    case 'quota-exceeded':
      // The engine refuses commands during the pause; it does not hold them (command-runner.ts). The
      // banner's own text already says to press again afterwards.
      return `${what} was not sent.`;
    case 'no-device':
      return `${what} was not carried out: choose where to play.`;
    default:
      return `${what} was not carried out.`;
  }
}

/**
 * Whether sign-in failed because the user chose Cancel on Spotify's consent page on purpose: nothing is
 * wrong with the setup, so the checklist stays closed.
 */
export function isConsentCancelled(error: AppError | null): boolean {
  return error?.code === SHARED_ERROR_CODES.consentCancelled;
}
