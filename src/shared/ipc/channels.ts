/**
 * The contract's names and wire shapes without its schemas: what the preload and the harness bridge need at
 * run time, kept free of zod so the sandboxed preload bundle stays small. `contract.ts` checks its
 * `invokeChannels` against this list, so a channel is named in both places but typed only there.
 */

export const INVOKE_CHANNELS = [
  'app:getState',
  'app:setClientId',
  'app:openDashboard',
  'app:installUpdate',
  'auth:signIn',
  'auth:cancelSignIn',
  'auth:signOut',
  'auth:switchAccount',
  'player:getSnapshot',
  'player:togglePlay',
  'player:next',
  'player:previous',
  'player:seek',
  'player:setVolume',
  'player:setShuffle',
  'player:setRepeat',
  'player:toggleLike',
  'player:transfer',
  'player:refreshDevices',
  'player:playTrack',
  'player:playContext',
  'player:dismissError',
  'player:retry',
  'library:likedSongs',
  'library:playlists',
  'library:playlistItems',
  'library:savedAlbums',
  'library:albumTracks',
  'library:recentlyPlayed',
  'library:search',
  'library:addToPlaylist',
  'library:addCurrentToPlaylist',
  'library:setLiked',
  'library:likedState',
  'library:queue',
  'library:addToQueue',
  'settings:get',
  'settings:update',
  'settings:shortcutStatus',
  'settings:openAccessibility',
  'ui:setVisible',
  'ui:hide',
  'ui:copyText',
  'ui:openInSpotify',
] as const;
export type InvokeChannel = (typeof INVOKE_CHANNELS)[number];

/** Events pushed from main to the renderer (payload types in contract.ts `PushEvents`). */
export const PUSH_EVENTS = ['player:snapshot', 'app:state', 'settings:changed', 'ui:showPanel'] as const;

/** What crosses the wire for every invoke: errors are values, so their code and message survive. */
export type IpcResponse<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: { readonly code: string; readonly message: string } };

/**
 * Rejected promises from `window.traytune` carry this shape. In the harness they are IpcError instances;
 * in Electron, contextBridge copies only an Error's message, so the preload rejects with plain objects of
 * the same shape (`{ name: 'IpcError', code, message }`): check `code`, not `instanceof`.
 */
export class IpcError extends Error {
  override readonly name = 'IpcError';
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}
