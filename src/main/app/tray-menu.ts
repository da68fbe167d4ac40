import type { AppState } from '../../shared/app-state.ts';
import type { ConnectionStatus, PlayerSnapshot, RepeatState } from '../../shared/player.ts';
import {
  controlState,
  disallowedReason,
  isLoading,
  isLocalMode,
  shownItem,
  UNKNOWN_ARTIST,
  type PlayerControl,
} from '../../shared/player-controls.ts';

/**
 * The tray's context menu and icon as plain data, rebuilt from the app state and the player snapshot on
 * every change. desktop/tray.ts turns the items into an Electron Menu and runs their actions
 * (app/commands.ts).
 */

export type TrayAction =
  | { readonly type: 'togglePlay' }
  | { readonly type: 'previous' }
  | { readonly type: 'next' }
  | { readonly type: 'toggleLike' }
  /** Sets shuffle to `on` (the opposite of what the checkbox showed), never a toggle of a newer state. */
  | { readonly type: 'setShuffle'; readonly on: boolean }
  | { readonly type: 'setRepeat'; readonly mode: RepeatState }
  /** Copies `text` ("Title — Artists", as the menu showed it, in full) to the clipboard. */
  | { readonly type: 'copy'; readonly text: string }
  | { readonly type: 'transfer'; readonly deviceId: string }
  | { readonly type: 'refreshDevices' }
  /** Shows the mini-player; never hides it (the label said "Show"). */
  | { readonly type: 'show' }
  /** Hides the mini-player; never shows it (the label said "Hide"), so a stale menu cannot do the opposite. */
  | { readonly type: 'hide' }
  /** Toggles the mini-player (the shortcut and the command line; the menu uses show / hide). */
  | { readonly type: 'showHide' }
  | { readonly type: 'setUp' }
  | { readonly type: 'signIn' }
  | { readonly type: 'cancelSignIn' }
  /** Asks the user first (a native message box), then signs out. */
  | { readonly type: 'signOut' }
  | { readonly type: 'openSettings' }
  /** "Restart to update": installs the downloaded update (AppState.desktop.updateReady). */
  | { readonly type: 'installUpdate' }
  | { readonly type: 'quit' };

interface ItemBase {
  /** Stable, for tests and for Electron's menu item ids. */
  readonly id: string;
  readonly label: string;
  readonly enabled: boolean;
}

export type TrayMenuItem =
  | { readonly type: 'separator'; readonly id: string }
  | (ItemBase & { readonly type: 'normal'; readonly action: TrayAction | null })
  | (ItemBase & {
      readonly type: 'checkbox' | 'radio';
      readonly checked: boolean;
      readonly action: TrayAction;
    })
  | (ItemBase & { readonly type: 'submenu'; readonly submenu: readonly TrayMenuItem[] });

export interface TrayMenuOptions {
  /** Whether the mini-player is showing (the entry then hides it). */
  readonly miniPlayerVisible: boolean;
}

/**
 * The icon variant (files tray-<state>): playing, paused (something loaded), idle (signed in, nothing
 * playing), or attention (not signed in, or a problem only the user can solve).
 */
export type TrayIconState = 'playing' | 'paused' | 'idle' | 'attention';

/** Tray menus are narrow: longer labels are cut with an ellipsis. */
export const MAX_LABEL_LENGTH = 60;
/** Windows cuts tray tooltips at 127 characters. */
export const MAX_TOOLTIP_LENGTH = 127;

/**
 * Statuses in which the snapshot's item is what is playing now (reads go on, even if commands do not;
 * local: what the computer's own Spotify plays, without an account).
 */
const CURRENT_ITEM: ReadonlySet<ConnectionStatus> = new Set([
  'ok',
  'premium-required',
  'rate-limited',
  'local',
]);
/**
 * Statuses in which playback commands are sent (no-device: play and transfer wake a device; local: the
 * transport goes to the computer's own player, and controlState lets only LOCAL_CONTROLS through).
 */
const CONTROLLABLE: ReadonlySet<ConnectionStatus> = new Set(['ok', 'no-device', 'local']);
/** Statuses in which an item's Previous and Next can be sent. */
const SKIPPABLE: ReadonlySet<ConnectionStatus> = new Set(['ok', 'local']);
/**
 * Statuses that stay until the user acts (sign in again, get Premium, wait for the quota, check the
 * network). rate-limited passes by itself; no-device is simply nothing playing.
 */
const NEEDS_THE_USER: ReadonlySet<ConnectionStatus> = new Set([
  'signed-out',
  'reconnect-needed',
  'quota-exceeded',
  'premium-required',
  'offline',
]);
/** Accounts that are not signed in, and will not be until the user does something. */
const NOT_SIGNED_IN: ReadonlySet<AppState['account']> = new Set([
  'no-client-id',
  'signed-out',
  'reconnect-needed',
]);

/**
 * The snapshot the menu shows and controls: the account's player while signed in, or local mode's (no
 * account, Spotify running on this computer); null when there is none to show.
 */
function liveSnapshot(app: AppState, player: PlayerSnapshot | null): PlayerSnapshot | null {
  if (player === null) return null;
  if (app.account === 'signed-in') return player;
  return isLocalMode(app, player) ? player : null;
}

export function buildTrayMenu(
  app: AppState,
  player: PlayerSnapshot | null,
  opts: TrayMenuOptions,
): TrayMenuItem[] {
  const live = liveSnapshot(app, player);
  const status = live?.connection.status ?? null;
  const controllable = status !== null && CONTROLLABLE.has(status);
  // An item, or one loading after a skip (a second Next then is fine: the engine queues it).
  const skippable =
    live !== null && status !== null && SKIPPABLE.has(status) && (live.item !== null || isLoading(live));
  // Spotify's disallows and the item's kind, as the mini-player's controls have them.
  const allowed = (control: PlayerControl) => live === null || controlState(live, control).enabled;
  const copy = nowPlayingCopy(live);

  const items: TrayMenuItem[] = [
    // What the user sees first opens the player, where the rest of it is.
    {
      type: 'normal',
      id: 'now-playing',
      label: nowPlayingLabel(app, player),
      enabled: true,
      action: { type: 'show' },
    },
    {
      type: 'normal',
      id: 'copy-now-playing',
      label: copy?.label ?? COPY_LABEL.track,
      enabled: copy !== null,
      action: copy === null ? null : { type: 'copy', text: copy.text },
    },
    { type: 'separator', id: 'sep-now-playing' },
    {
      type: 'normal',
      id: 'play-pause',
      label: live?.isPlaying === true ? 'Pause' : 'Play',
      enabled: controllable && allowed('playPause'),
      action: { type: 'togglePlay' },
    },
    {
      type: 'normal',
      id: 'previous',
      label: 'Previous',
      enabled: skippable && allowed('previous'),
      action: { type: 'previous' },
    },
    {
      type: 'normal',
      id: 'next',
      label: 'Next',
      enabled: skippable && allowed('next'),
      action: { type: 'next' },
    },
    likeItem(live),
    shuffleItem(live),
    repeatSubmenu(live),
    // Local mode knows no devices: listing and moving playback need the account.
    devicesSubmenu(live, controllable && status !== 'local'),
    { type: 'separator', id: 'sep-player' },
    // The action is what the label says, not a toggle: a menu built before the window changed (Linux
    // trays, a menu left open) must not show the window from a "Hide" item.
    opts.miniPlayerVisible
      ? {
          type: 'normal',
          id: 'show-hide',
          label: 'Hide mini-player',
          enabled: true,
          action: { type: 'hide' },
        }
      : {
          type: 'normal',
          id: 'show-hide',
          label: 'Show mini-player',
          enabled: true,
          action: { type: 'show' },
        },
    accountItem(app),
    { type: 'normal', id: 'settings', label: 'Settings…', enabled: true, action: { type: 'openSettings' } },
    ...updateItems(app),
    { type: 'separator', id: 'sep-quit' },
    { type: 'normal', id: 'quit', label: 'Quit Traytune', enabled: true, action: { type: 'quit' } },
  ];
  return items;
}

/**
 * What the tray compares to decide whether its (costly, native) menu must be rebuilt: the menu itself as
 * JSON. Building the data is cheap, and nothing the menu does not show (progress, volume, the queue…)
 * goes into it, so a snapshot that changes only those leaves the key as it was.
 */
export function trayMenuKey(items: readonly TrayMenuItem[]): string {
  return JSON.stringify(items);
}

const COPY_LABEL = { track: 'Copy title and artist', episode: 'Copy title and show' } as const;

/**
 * The copy entry for what plays: "Title — Artists" (an episode: "Title — Show"), in full where the menu
 * line may be cut; only the title when Spotify names no artist. Null when nothing is there to copy (not
 * signed in, nothing playing, an ad, an unsupported item, a skip still loading).
 */
function nowPlayingCopy(live: PlayerSnapshot | null): { label: string; text: string } | null {
  if (live === null || live.item === null || !CURRENT_ITEM.has(live.connection.status)) return null;
  const shown = shownItem(live);
  if (shown.kind !== 'track' && shown.kind !== 'episode') return null;
  const by = shown.subtitle !== null && shown.subtitle !== UNKNOWN_ARTIST ? shown.subtitle : null;
  return {
    label: by === null ? 'Copy title' : COPY_LABEL[shown.kind],
    text: by === null ? shown.title : `${shown.title} — ${by}`,
  };
}

/**
 * Shuffle and repeat change the state of the playback on the active device: they need one ('ok'; with
 * no device, Spotify has nothing to change), and Spotify's disallows as the mini-player reads them.
 */
function settable(live: PlayerSnapshot | null): live is PlayerSnapshot {
  return live !== null && live.connection.status === 'ok';
}

function shuffleItem(live: PlayerSnapshot | null): TrayMenuItem {
  const on = live?.shuffle ?? false;
  return {
    type: 'checkbox',
    id: 'shuffle',
    label: 'Shuffle',
    checked: on,
    enabled: settable(live) && controlState(live, 'shuffle').enabled,
    action: { type: 'setShuffle', on: !on },
  };
}

const REPEAT_CHOICES: readonly { readonly mode: RepeatState; readonly label: string }[] = [
  { mode: 'off', label: 'Off' },
  { mode: 'context', label: 'All' },
  { mode: 'track', label: 'One track' },
];

/**
 * Whether repeat can go from `live.repeat` to `mode`: Spotify's flag of the mode being set, or, to turn it
 * off, of the mode being left. For the mini-player's one step (off → all → one → off) this is exactly the
 * flag its button checks (controlState 'repeat'); the tray offers the other steps too, each by its flag.
 */
export function repeatChoiceAllowed(live: PlayerSnapshot, mode: RepeatState): boolean {
  if (mode === live.repeat) return true;
  const changed = mode === 'off' ? live.repeat : mode;
  const flag = changed === 'context' ? 'toggling_repeat_context' : 'toggling_repeat_track';
  return disallowedReason(live, flag) === null;
}

function repeatSubmenu(live: PlayerSnapshot | null): TrayMenuItem {
  const current = live?.repeat ?? 'off';
  const submenu = REPEAT_CHOICES.map(({ mode, label }): TrayMenuItem => ({
    type: 'radio',
    id: `repeat:${mode}`,
    label,
    checked: mode === current,
    enabled: settable(live) && repeatChoiceAllowed(live, mode),
    action: { type: 'setRepeat', mode },
  }));
  // Open whenever repeat can be set, so the current mode shows even when Spotify allows no other.
  return { type: 'submenu', id: 'repeat', label: 'Repeat', enabled: settable(live), submenu };
}

function likeItem(live: PlayerSnapshot | null): TrayMenuItem {
  const liked = live?.liked ?? null;
  const likeable =
    live !== null &&
    controlState(live, 'like').enabled &&
    liked !== null &&
    (live.connection.status === 'ok' || live.connection.status === 'premium-required');
  return {
    type: 'normal',
    id: 'like',
    label: liked === true ? 'Unlike' : 'Like',
    enabled: likeable,
    action: { type: 'toggleLike' },
  };
}

function devicesSubmenu(live: PlayerSnapshot | null, controllable: boolean): TrayMenuItem {
  const devices = live?.devices ?? [];
  const activeId = live?.device?.id ?? null;
  const transferable = live === null || controlState(live, 'transfer').enabled;
  const entries: TrayMenuItem[] = devices.flatMap((device): TrayMenuItem[] => {
    if (device.id === null) return [];
    return [
      {
        type: 'radio',
        id: `device:${device.id}`,
        label: truncate(device.name, MAX_LABEL_LENGTH),
        checked: device.isActive || device.id === activeId,
        enabled: controllable && !device.isRestricted && transferable,
        action: { type: 'transfer', deviceId: device.id },
      },
    ];
  });
  const submenu: TrayMenuItem[] =
    entries.length > 0
      ? entries
      : [{ type: 'normal', id: 'no-devices', label: 'No devices found', enabled: false, action: null }];
  submenu.push(
    { type: 'separator', id: 'sep-devices' },
    {
      type: 'normal',
      id: 'refresh-devices',
      label: 'Refresh',
      enabled: controllable,
      action: { type: 'refreshDevices' },
    },
  );
  return { type: 'submenu', id: 'devices', label: 'Devices', enabled: controllable, submenu };
}

/** "Restart to update (1.2.3)" while a downloaded update waits; nothing otherwise. */
function updateItems(app: AppState): TrayMenuItem[] {
  const version = app.desktop.updateReady;
  if (version === null) return [];
  return [
    {
      type: 'normal',
      id: 'install-update',
      label: truncate(`Restart to update (${version})`, MAX_LABEL_LENGTH),
      enabled: true,
      action: { type: 'installUpdate' },
    },
  ];
}

function accountItem(app: AppState): TrayMenuItem {
  const base = { type: 'normal', id: 'account', enabled: true } as const;
  switch (app.account) {
    case 'no-client-id':
      return { ...base, label: 'Set up Traytune…', action: { type: 'setUp' } };
    case 'signed-out':
      return { ...base, label: 'Sign in…', action: { type: 'signIn' } };
    case 'signing-in':
      return { ...base, label: 'Cancel sign-in', action: { type: 'cancelSignIn' } };
    case 'reconnect-needed':
      return { ...base, label: 'Reconnect…', action: { type: 'signIn' } };
    case 'signed-in':
      return { ...base, label: 'Sign out', action: { type: 'signOut' } };
  }
}

/** The first line of the menu: "Title — Artists", or why nothing is playing. */
function nowPlayingLabel(app: AppState, player: PlayerSnapshot | null): string {
  return truncate(nowPlayingText(app, player), MAX_LABEL_LENGTH);
}

function nowPlayingText(app: AppState, player: PlayerSnapshot | null): string {
  if (isLocalMode(app, player)) return playerText(player);
  switch (app.account) {
    case 'no-client-id':
      return 'Not set up yet';
    case 'signed-out':
      return 'Not signed in';
    case 'signing-in':
      return 'Signing in…';
    case 'reconnect-needed':
      return 'Sign in again to reconnect';
    case 'signed-in':
      break;
  }
  if (player === null) return 'Connecting…';
  return playerText(player);
}

/** What the snapshot says is playing, or why nothing is. */
function playerText(player: PlayerSnapshot): string {
  const { status, message } = player.connection;
  if ((player.item !== null || isLoading(player)) && CURRENT_ITEM.has(status)) {
    const shown = shownItem(player);
    // Tracks and episodes name who made them; an ad or a loading item says what it is and no more.
    const named = (shown.kind === 'track' || shown.kind === 'episode') && shown.subtitle !== UNKNOWN_ARTIST;
    const by = named ? shown.subtitle : null;
    return by === null ? shown.title : `${shown.title} — ${by}`;
  }
  // Local mode's message is what works without an account: the menu's account entry says that.
  if (status === 'ok' || status === 'local') return 'Nothing playing';
  return firstSentence(message) ?? STATUS_TEXT[status];
}

const STATUS_TEXT: Readonly<Record<ConnectionStatus, string>> = {
  'signed-out': 'Not signed in',
  'reconnect-needed': 'Sign in again to reconnect',
  'quota-exceeded': 'Spotify quota used up',
  offline: 'Offline',
  'rate-limited': 'Spotify asked to slow down',
  'premium-required': 'Spotify Premium required',
  'no-device': 'No active device',
  local: 'Nothing playing',
  ok: 'Nothing playing',
};

/**
 * The icon variant: attention when not signed in or stopped by something only the user can solve (see
 * NEEDS_THE_USER), else playing or paused when something is loaded, else idle. Signing in, and a signed-in
 * app whose player has not reported yet, are idle. Local mode (not signed in, Spotify running here) shows
 * the music like a signed-in player: what is missing is said in the menu and the window, not by the icon.
 */
export function trayIconState(app: AppState, player: PlayerSnapshot | null): TrayIconState {
  const local = isLocalMode(app, player);
  if (NOT_SIGNED_IN.has(app.account) && !local) return 'attention';
  if (player === null || (app.account !== 'signed-in' && !local)) return 'idle';
  const { status } = player.connection;
  if (NEEDS_THE_USER.has(status)) return 'attention';
  // A skip's loading moment keeps the icon it had: it is not "nothing playing".
  if ((player.item === null && !isLoading(player)) || !CURRENT_ITEM.has(status)) return 'idle';
  return player.isPlaying ? 'playing' : 'paused';
}

/** The tray tooltip: the app's name and what is playing (or why nothing is). */
export function trayTooltip(app: AppState, player: PlayerSnapshot | null): string {
  const state = trayIconState(app, player);
  const text = nowPlayingText(app, player);
  const line = state === 'paused' ? `Paused: ${text}` : text;
  return truncate(`Traytune\n${line}`, MAX_TOOLTIP_LENGTH);
}

function firstSentence(message: string | null): string | null {
  if (message === null || message.trim() === '') return null;
  const match = /^(.+?[.!?])(\s|$)/.exec(message.trim());
  return (match?.[1] ?? message.trim()).replace(/\.$/, '');
}

function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

// ── Where the mini-player opens ─────────────────────────────────────────────────────────────────────

interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface MiniPlayerPlacement {
  /** The window's size. */
  readonly size: { readonly width: number; readonly height: number };
  /** The work area (screen minus panels and taskbars) of the display the tray or saved position is on. */
  readonly workArea: Rect;
  /** The tray icon's bounds; all zero where the platform does not tell (most Linux trays). */
  readonly trayBounds: Rect | null;
  /** Where the user last left the window, if anywhere. */
  readonly saved: { readonly x: number; readonly y: number } | null;
}

/** Space between the window and the tray or the screen edge. */
export const WINDOW_MARGIN = 8;

/**
 * The mini-player's top-left corner: where the user left it, else next to the tray icon (below a tray at
 * the top of the screen, above one at the bottom), else the top-right corner of the work area. Always
 * clamped into the work area, so a saved spot on a display that is gone or a tray at an edge never puts
 * the window off screen.
 */
export function miniPlayerPosition(placement: MiniPlayerPlacement): { x: number; y: number } {
  const { size, workArea: area, trayBounds: tray, saved } = placement;
  let x: number;
  let y: number;
  if (saved !== null) {
    ({ x, y } = saved);
  } else if (tray !== null && tray.width > 0 && tray.height > 0) {
    x = tray.x + tray.width / 2 - size.width / 2;
    const trayCenterY = tray.y + tray.height / 2;
    y =
      trayCenterY < area.y + area.height / 2
        ? tray.y + tray.height + WINDOW_MARGIN
        : tray.y - size.height - WINDOW_MARGIN;
  } else {
    x = area.x + area.width - size.width - WINDOW_MARGIN;
    y = area.y + WINDOW_MARGIN;
  }
  return {
    x: Math.round(clamp(x, area.x, area.x + area.width - size.width)),
    y: Math.round(clamp(y, area.y, area.y + area.height - size.height)),
  };
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(value, Math.max(min, max)));
}
