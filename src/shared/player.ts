/**
 * The player's state as the main process publishes it (the engine builds it; the renderer and tray draw it).
 * Shared by both sides of the IPC contract, so it is defined once, here.
 */

export type RepeatState = 'off' | 'track' | 'context';

/** off → context → track → off, as Spotify's own repeat button cycles (the engine and the renderer use it). */
export function nextRepeatMode(mode: RepeatState): RepeatState {
  return mode === 'off' ? 'context' : mode === 'context' ? 'track' : 'off';
}

/**
 * Where the engine stands with Spotify, most important first when several hold at once:
 * - 'signed-out': no session (signed out by the user); nothing is polled.
 * - 'reconnect-needed': the refresh token is expired or revoked; nothing is polled until a new sign-in.
 * - 'quota-exceeded': the developer app's quota is used up; nothing is polled until `resetConnection()`.
 * - 'offline': the machine is offline or Spotify cannot be reached; polled with backoff.
 * - 'rate-limited': Spotify asked to slow down; nothing goes out until `rateLimitedUntil`.
 * - 'premium-required': the account cannot control playback; commands are refused locally (reads go on).
 * - 'no-device': nothing is playing on any device; `devices` lists where playback can be moved.
 * - 'local': no account is connected (no client ID, signed out, reconnect needed), but a Spotify player
 *   runs on this computer: the snapshot shows what it plays, from the OS's media interface (MPRIS,
 *   AppleScript), and play/pause, next and previous go to it (LOCAL_CONTROLS). Nothing else can be done
 *   without an account; `message` says so. Never made by the engine: only while no engine runs.
 * - 'ok'.
 */
export type ConnectionStatus =
  | 'signed-out'
  | 'reconnect-needed'
  | 'quota-exceeded'
  | 'offline'
  | 'rate-limited'
  | 'premium-required'
  | 'no-device'
  | 'local'
  | 'ok';

export interface ConnectionState {
  readonly status: ConnectionStatus;
  /** What the user should know and do, for every status but 'ok'. */
  readonly message: string | null;
  /** Epoch ms, for 'rate-limited'. */
  readonly rateLimitedUntil: number | null;
}

/**
 * What is playing. 'ad': an advertisement (Spotify sends no details: `name` is a placeholder, the
 * renderer may show "Advertisement"). 'unsupported': something Traytune cannot show (neither a track nor
 * an episode, e.g. an audiobook chapter): show it as "Unsupported item". Neither can be liked.
 */
type PlayerItemType = 'track' | 'episode' | 'ad' | 'unsupported';

export interface PlayerItem {
  /** Spotify's URI; for an ad or an unsupported item without one, a placeholder (`spotify:ad`, `spotify:unsupported`). */
  readonly uri: string;
  /** `null` for local files, ads and unsupported items. */
  readonly id: string | null;
  readonly type: PlayerItemType;
  readonly name: string;
  /** Artist names (tracks) or the show's name (episodes). */
  readonly artists: readonly string[];
  /** Album name (tracks) or show name (episodes). */
  readonly album: string | null;
  /** The largest image Spotify gave, or null. */
  readonly artUrl: string | null;
  /** 0 when unknown (an unsupported item without a duration). */
  readonly durationMs: number;
  readonly isLocal: boolean;
}

export interface PlayerDevice {
  /** `null` for devices Spotify does not let anyone address. */
  readonly id: string | null;
  readonly name: string;
  readonly type: string;
  readonly isActive: boolean;
  readonly isRestricted: boolean;
  readonly volumePercent: number | null;
  readonly supportsVolume: boolean;
}

export type CommandKind =
  | 'play'
  | 'pause'
  | 'next'
  | 'previous'
  | 'seek'
  | 'volume'
  | 'shuffle'
  | 'repeat'
  | 'like'
  | 'transfer'
  | 'play-items'
  | 'queue'
  | 'playlist';

export interface PendingOperation {
  readonly id: number;
  readonly kind: CommandKind;
}

/** A user-readable failure: what went wrong and what to do. */
export interface PlayerError {
  /** The client's error kind ('rate-limited', 'no-active-device', 'server'…), or 'refused' when the engine refused locally. */
  readonly kind: string;
  readonly message: string;
  /** 'sync' for a failed state read, else the command. */
  readonly source: CommandKind | 'sync' | 'devices';
  /** Clock time it happened. */
  readonly at: number;
  /** Epoch ms when a rate-limit pause ends. */
  readonly until: number | null;
}

/** Everything the mini-player, tray and hotkeys draw. Frozen; a new one is emitted for every change. */
export interface PlayerSnapshot {
  /** Clock time `progressMs` refers to. Use `progressAt(snapshot, now)` to move a progress bar. */
  readonly at: number;
  readonly connection: ConnectionState;
  readonly item: PlayerItem | null;
  readonly isPlaying: boolean;
  /** Interpolated to `at`, capped at the item's duration. */
  readonly progressMs: number;
  readonly device: PlayerDevice | null;
  readonly volumePercent: number | null;
  readonly shuffle: boolean;
  readonly repeat: RepeatState;
  /** Whether the current item is in Liked Songs; null while unknown. */
  readonly liked: boolean | null;
  /** The user's devices as last fetched (filled when no device is active, or on `refreshDevices()`). */
  readonly devices: readonly PlayerDevice[];
  /** The device playback was last seen on or moved to (for "play on last device"). */
  readonly lastDeviceId: string | null;
  readonly contextUri: string | null;
  /** Actions Spotify disallows right now (e.g. `skipping_next`). */
  readonly disallows: readonly string[];
  readonly error: PlayerError | null;
  readonly pending: readonly PendingOperation[];
}

export type CommandResult =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly error: PlayerError;
    };

/** Progress of `snapshot` at clock time `now` (what a progress bar shows between snapshots). */
export function progressAt(snapshot: PlayerSnapshot, now: number): number {
  if (!snapshot.isPlaying || snapshot.item === null) return snapshot.progressMs;
  const moved = snapshot.progressMs + Math.max(0, now - snapshot.at);
  return Math.min(snapshot.item.durationMs, moved);
}
