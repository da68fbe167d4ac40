/**
 * Local mode in the window: no account is connected, but Spotify runs on this computer and main shows
 * what it plays (connection status 'local'). What the window offers then, as plain data. Pure: unit-tested
 * under Node.
 */
import type { AccountStatus } from '../shared/app-state.ts';
import type { PlayerSnapshot } from '../shared/player.ts';
import type { KeyAction } from './keyboard.ts';

/**
 * The one step towards an account that fits where the user is: the setup checklist when Traytune has no
 * Client ID yet, else the sign-in the signed-out and reconnect screens make.
 */
export type AccountStep =
  { readonly kind: 'set-up'; readonly label: string } | { readonly kind: 'sign-in'; readonly label: string };

export function accountStep(account: AccountStatus): AccountStep {
  switch (account) {
    case 'no-client-id':
      return { kind: 'set-up', label: 'Set up Traytune' };
    case 'reconnect-needed':
      return { kind: 'sign-in', label: 'Sign in again' };
    default:
      return { kind: 'sign-in', label: 'Sign in' };
  }
}

/** The panels that need an account, and what each says in local mode instead of its content. */
export type AccountPanel = 'search' | 'library' | 'queue' | 'devices';

export const NEEDS_ACCOUNT_COPY: Readonly<
  Record<AccountPanel, { readonly title: string; readonly text: string }>
> = {
  search: { title: 'Search', text: 'Searching Spotify needs a Spotify account.' },
  library: {
    title: 'Library',
    text: 'Your Liked Songs, playlists, albums and recently played need a Spotify account.',
  },
  queue: { title: 'Queue', text: 'What plays next is read from your Spotify account.' },
  devices: {
    title: 'Devices',
    text: 'Seeing your devices and moving playback between them needs a Spotify account.',
  },
};

export function needsAccount(tab: string): tab is AccountPanel {
  return Object.hasOwn(NEEDS_ACCOUNT_COPY, tab);
}

/** The in-window keys that work in local mode: those of LOCAL_CONTROLS (play/pause, previous, next). */
const LOCAL_KEYS: ReadonlySet<KeyAction> = new Set(['togglePlay', 'previous', 'next']);

/** Whether an in-window key needs an account in this snapshot (local mode, and not a transport key). */
export function keyNeedsAccount(action: KeyAction, snapshot: PlayerSnapshot | null): boolean {
  return snapshot?.connection.status === 'local' && !LOCAL_KEYS.has(action);
}
