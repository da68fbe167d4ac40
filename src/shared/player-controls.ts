/**
 * What the player shows for the current item, and which controls work, as plain data from a snapshot.
 * The mini-player and the tray menu both draw from it (so they agree), and main checks the same rules
 * before it sends an item anywhere (add to playlist). Pure: unit-tested under Node.
 */
import type { AccountStatus, AppState } from './app-state.ts';
import { USER_MESSAGES } from './messages.ts';
import { nextRepeatMode, type PlayerItem, type PlayerSnapshot, type RepeatState } from './player.ts';

/** Said by every control that waits for the next item to load. */
const STILL_LOADING = 'The next item is still loading.';

/** The URIs the engine gives an ad or an unsupported item that came without one (never sent to Spotify). */
export const PLACEHOLDER_URIS: readonly string[] = ['spotify:ad', 'spotify:unsupported'];

/**
 * - nothing: nothing is loaded on any device;
 * - loading: the item is not known yet but something is coming (see isLoading);
 * - track, episode, ad, unsupported: the item's type.
 */
type ShownItemKind = 'nothing' | 'loading' | PlayerItem['type'];

export interface ShownItem {
  readonly kind: ShownItemKind;
  readonly title: string;
  /** Artists (track), the show (episode), or a short hint; null when there is nothing more to say. */
  readonly subtitle: string | null;
}

export const UNKNOWN_ARTIST = 'Unknown artist';

/** What the title area shows for `snapshot`. */
export function shownItem(snapshot: PlayerSnapshot): ShownItem {
  const item = snapshot.item;
  if (item === null) {
    return isLoading(snapshot)
      ? { kind: 'loading', title: 'Loading…', subtitle: null }
      : {
          kind: 'nothing',
          title: 'Nothing playing',
          // Liked needs an account, which local mode has not.
          subtitle:
            snapshot.connection.status === 'local'
              ? 'Start something in Spotify.'
              : 'Start something in Spotify, or pick a song from Liked.',
        };
  }
  switch (item.type) {
    case 'track':
      return {
        kind: 'track',
        title: item.name,
        subtitle: item.artists.length > 0 ? item.artists.join(', ') : UNKNOWN_ARTIST,
      };
    case 'episode':
      // The engine puts the show's name in `album` (and in `artists`, for older readers).
      return { kind: 'episode', title: item.name, subtitle: item.album ?? item.artists[0] ?? null };
    case 'ad':
      return { kind: 'ad', title: 'Advertisement', subtitle: 'Your music goes on after the ad.' };
    case 'unsupported':
      // Spotify may name it (an audiobook chapter, say); the engine's own placeholder name says nothing more.
      return {
        kind: 'unsupported',
        title: 'Unsupported item',
        subtitle: item.name !== '' && item.name !== 'Unsupported item' ? item.name : null,
      };
  }
}

/**
 * The item is not known yet, but something is coming: a next/previous is on its way, or a device plays
 * with no item (the engine's optimistic skip until a read says what came, or Spotify between items).
 * A paused device with no item has nothing loaded: that is "nothing playing".
 */
export function isLoading(snapshot: PlayerSnapshot): boolean {
  if (snapshot.item !== null) return false;
  if (snapshot.pending.some((p) => p.kind === 'next' || p.kind === 'previous')) return true;
  return snapshot.device !== null && snapshot.isPlaying;
}

export type PlayerControl =
  'playPause' | 'previous' | 'next' | 'seek' | 'shuffle' | 'repeat' | 'like' | 'addToPlaylist' | 'transfer';

export interface ControlState {
  readonly enabled: boolean;
  /** Why it is disabled, in words a user understands (a tooltip, an accessible description); null when enabled. */
  readonly reason: string | null;
}

const ENABLED: ControlState = Object.freeze({ enabled: true, reason: null });

function disabled(reason: string): ControlState {
  return { enabled: false, reason };
}

/** What each `actions.disallows` flag stops, as the end of "Spotify does not allow …". */
const DISALLOWED_WHAT: Readonly<Record<string, string>> = {
  pausing: 'pausing',
  resuming: 'resuming playback',
  seeking: 'seeking',
  skipping_next: 'skipping to the next item',
  skipping_prev: 'going back to the previous item',
  toggling_shuffle: 'changing shuffle',
  toggling_repeat_context: 'repeating the playlist or album',
  toggling_repeat_track: 'changing track repeat',
  transferring_playback: 'moving playback to another device',
  interrupting_playback: 'interrupting playback',
};

/** The refusal for a disallowed `flag`, or null when Spotify allows it. */
export function disallowedReason(snapshot: PlayerSnapshot, flag: string): string | null {
  if (!snapshot.disallows.includes(flag)) return null;
  const what = DISALLOWED_WHAT[flag] ?? flag.replaceAll('_', ' ');
  const when =
    snapshot.item?.type === 'ad'
      ? 'during an ad'
      : snapshot.item?.type === 'episode'
        ? 'for this episode'
        : 'right now';
  return `Spotify does not allow ${what} ${when}.`;
}

function byFlag(snapshot: PlayerSnapshot, flag: string): ControlState {
  const reason = disallowedReason(snapshot, flag);
  return reason === null ? ENABLED : disabled(reason);
}

/** The flag that guards the repeat button's next step (off → context → track → off). */
function repeatFlag(mode: RepeatState): string {
  return nextRepeatMode(mode) === 'context' ? 'toggling_repeat_context' : 'toggling_repeat_track';
}

/**
 * What works in local mode (connection status 'local': no account, the computer's own Spotify player
 * followed through the OS): what its media interface offers everywhere. The rest needs an account.
 */
export const LOCAL_CONTROLS: ReadonlySet<PlayerControl> = new Set(['playPause', 'previous', 'next']);

/** The accounts local mode stands in for. Signing in keeps its own screen (the browser round trip). */
const LOCAL_MODE_ACCOUNTS: ReadonlySet<AccountStatus> = new Set([
  'no-client-id',
  'signed-out',
  'reconnect-needed',
]);

/** Whether local mode stands in for `account` (main takes it to the local player only then). */
export function localModeApplies(account: AccountStatus): boolean {
  return LOCAL_MODE_ACCOUNTS.has(account);
}

/**
 * Local mode: no account is connected, and main's snapshot follows the computer's own Spotify player.
 * The window then shows the player instead of the onboarding, signed-out or reconnect screen, and the
 * tray shows and controls it.
 */
export function isLocalMode(
  app: AppState | null,
  snapshot: PlayerSnapshot | null,
): snapshot is PlayerSnapshot {
  return app !== null && localModeApplies(app.account) && snapshot?.connection.status === 'local';
}

/**
 * Whether `control` can be used now, and if not, why. Only what the snapshot itself rules out: Spotify's
 * disallows, the item's kind, and local mode (what needs an account). Connection problems (offline,
 * Premium) are the banner's and the engine's to explain, so they do not disable anything here.
 */
export function controlState(snapshot: PlayerSnapshot, control: PlayerControl): ControlState {
  if (snapshot.connection.status === 'local' && !LOCAL_CONTROLS.has(control))
    return disabled(USER_MESSAGES.needsAccount);
  switch (control) {
    case 'playPause':
      return byFlag(snapshot, snapshot.isPlaying ? 'pausing' : 'resuming');
    case 'previous':
      return byFlag(snapshot, 'skipping_prev');
    case 'next':
      return byFlag(snapshot, 'skipping_next');
    case 'shuffle':
      return byFlag(snapshot, 'toggling_shuffle');
    case 'repeat':
      return byFlag(snapshot, repeatFlag(snapshot.repeat));
    case 'transfer':
      return byFlag(snapshot, 'transferring_playback');
    case 'seek':
      return seekState(snapshot);
    case 'like':
      return likeState(snapshot);
    case 'addToPlaylist':
      return playlistState(snapshot);
  }
}

function seekState(snapshot: PlayerSnapshot): ControlState {
  const item = snapshot.item;
  if (item === null) return disabled(isLoading(snapshot) ? STILL_LOADING : 'Nothing is playing.');
  const flagged = disallowedReason(snapshot, 'seeking');
  if (flagged !== null) return disabled(flagged);
  if (item.type === 'ad') return disabled('Ads cannot be skipped through.');
  if (item.durationMs <= 0) return disabled('Spotify does not say how long this item is.');
  return ENABLED;
}

function likeState(snapshot: PlayerSnapshot): ControlState {
  const item = snapshot.item;
  if (item === null) return disabled(isLoading(snapshot) ? STILL_LOADING : USER_MESSAGES.nothingToLike);
  if (item.type === 'ad') return disabled(USER_MESSAGES.adsCannotBeLiked);
  if (item.type === 'unsupported') return disabled(USER_MESSAGES.unsupportedCannotBeLiked);
  if (item.isLocal) return disabled(USER_MESSAGES.localFilesCannotBeLiked);
  return ENABLED;
}

function playlistState(snapshot: PlayerSnapshot): ControlState {
  const item = snapshot.item;
  if (item === null) {
    return disabled(isLoading(snapshot) ? STILL_LOADING : USER_MESSAGES.nothingToAdd);
  }
  if (item.type === 'ad') return disabled('Ads cannot be added to a playlist.');
  if (item.type === 'unsupported' || PLACEHOLDER_URIS.includes(item.uri))
    return disabled('This item cannot be added to a playlist from Traytune.');
  if (item.isLocal || item.uri.startsWith('spotify:local:'))
    return disabled('Local files cannot be added to a playlist from Traytune.');
  return ENABLED;
}
