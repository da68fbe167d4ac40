/**
 * The local-player port: a Spotify client running on this computer, seen through the OS's own media
 * interface (MPRIS on Linux, AppleScript on macOS). No Electron and no D-Bus types here, so the engine
 * and the app can depend on it without knowing which implementation sits behind it.
 */

export type LocalPlaybackStatus = 'playing' | 'paused' | 'stopped';

/** Which local player is there: its bus name (or app name) and the name it gives itself. */
export interface LocalPlayerIdentity {
  /** e.g. `org.mpris.MediaPlayer2.spotify`; on macOS the application name. */
  readonly busName: string;
  /** What the player calls itself (MPRIS `Identity`), else the client kind's display name. */
  readonly identity: string;
  readonly client: LocalClientKind;
}

export type LocalClientKind = 'spotify' | 'spotifyd' | 'ncspot' | 'librespot' | 'spotify-player';

export type LocalPresenceEvent =
  | { readonly kind: 'appeared'; readonly player: LocalPlayerIdentity }
  | { readonly kind: 'gone'; readonly player: LocalPlayerIdentity };

export type LocalLoopStatus = 'none' | 'track' | 'playlist';

export interface LocalPlayerState {
  readonly status: LocalPlaybackStatus;
  /** `spotify:track:…` where the player gives one (Spotify does; some clients give only an ID path). */
  readonly trackUri: string | null;
  readonly title: string | null;
  readonly artists: readonly string[];
  readonly album: string | null;
  readonly artUrl: string | null;
  readonly durationMs: number | null;
  /** null where the player gives no real position (Spotify's MPRIS reads 0 throughout). */
  readonly positionMs: number | null;
  /** 0..1, null where the player gives none. */
  readonly volume: number | null;
  readonly shuffle: boolean | null;
  readonly loop: LocalLoopStatus | null;
}

/**
 * What this player can actually do. `null` means not yet known: the bridge finds out from behaviour
 * (a write read back, a signal that does or does not follow), never from the player's introspection.
 */
export interface LocalPlayerCapabilities {
  readonly canControl: boolean;
  readonly canSeek: boolean;
  readonly canControlVolume: boolean | null;
  readonly reportsPosition: boolean | null;
  readonly emitsSeeked: boolean | null;
  readonly canShuffle: boolean | null;
  readonly canLoop: boolean | null;
}

export type LocalPlayerErrorCode = 'no-player' | 'not-supported' | 'player-failed' | 'bus-unavailable';

/** Every command's failure: a code for the caller and a sentence for the user. */
export class LocalPlayerError extends Error {
  readonly code: LocalPlayerErrorCode;

  constructor(code: LocalPlayerErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = 'LocalPlayerError';
  }
}

export type Unsubscribe = () => void;

export interface LocalPlayerPort {
  onPresence(listener: (event: LocalPresenceEvent) => void): Unsubscribe;
  onState(listener: (state: LocalPlayerState) => void): Unsubscribe;
  onCapabilities(listener: (capabilities: LocalPlayerCapabilities) => void): Unsubscribe;
  /**
   * A standing problem in reaching the player (macOS: Automation not allowed for Traytune), said once
   * when it starts and with null when it clears. Absent where the interface has none (MPRIS: a lost bus
   * is a `gone`).
   */
  onProblem?(listener: (problem: Error | null) => void): Unsubscribe;
  /** The player being followed now, with its last state and capabilities; null when none is running. */
  current(): LocalPlayerSnapshot | null;
  play(): Promise<void>;
  pause(): Promise<void>;
  playPause(): Promise<void>;
  next(): Promise<void>;
  previous(): Promise<void>;
  openUri(uri: string): Promise<void>;
  /** Rejects with `not-supported` where the player cannot seek. */
  seek(positionMs: number): Promise<void>;
  /** 0..1; rejects with `not-supported` where the player ignores volume. */
  setVolume(volume: number): Promise<void>;
  setShuffle(shuffle: boolean): Promise<void>;
  setLoop(loop: LocalLoopStatus): Promise<void>;
  dispose(): Promise<void>;
}

export interface LocalPlayerSnapshot {
  readonly player: LocalPlayerIdentity;
  readonly state: LocalPlayerState;
  readonly capabilities: LocalPlayerCapabilities;
}
