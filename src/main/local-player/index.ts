/**
 * The local player: the port, its implementations (MPRIS on Linux, AppleScript on macOS), and what its
 * state means as the player's item. What the app imports.
 */
export { LocalPlayerError } from './types.ts';
export type { LocalPlayerIdentity, LocalPlayerPort, LocalPlayerState } from './types.ts';
export { openMprisBridge } from './mpris-bridge.ts';
export type { MprisBridgeOptions } from './mpris-bridge.ts';
export { startAppleScriptPlayer } from './applescript.ts';
export { localItemOf } from './player-item.ts';
