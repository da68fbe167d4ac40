/**
 * The local player: the port, and its implementations (MPRIS on Linux, AppleScript on macOS). Not wired
 * into the app yet; this index is what the app will import.
 */
export { LocalPlayerError } from './types.ts';
export type {
  LocalClientKind,
  LocalLoopStatus,
  LocalPlaybackStatus,
  LocalPlayerCapabilities,
  LocalPlayerErrorCode,
  LocalPlayerIdentity,
  LocalPlayerPort,
  LocalPlayerSnapshot,
  LocalPlayerState,
  LocalPresenceEvent,
  Unsubscribe,
} from './types.ts';
export { openMprisBridge } from './mpris-bridge.ts';
export type { MprisBridgeOptions } from './mpris-bridge.ts';
export { startAppleScriptPlayer } from './applescript.ts';
export type { AppleScriptPlayerOptions, AppleScriptProblem } from './applescript.ts';
