import type { IpcHandlers } from '../../../src/main/ipc/dispatcher.ts';
import { invokeChannels, type ChannelInput, type InvokeChannel } from '../../../src/shared/ipc/contract.ts';

/** One valid input per channel (typed against the contract, so a new channel breaks this until added). */
export const VALID_INPUTS: { readonly [C in InvokeChannel]: ChannelInput<C> } = {
  'app:getState': undefined,
  'app:setClientId': { clientId: '0123456789abcdef0123456789abcdef' },
  'app:openDashboard': undefined,
  'app:installUpdate': undefined,
  'auth:signIn': undefined,
  'auth:cancelSignIn': undefined,
  'auth:signOut': undefined,
  'auth:switchAccount': undefined,
  'player:getSnapshot': undefined,
  'player:togglePlay': undefined,
  'player:next': undefined,
  'player:previous': undefined,
  'player:seek': { positionMs: 61_000 },
  'player:setVolume': { percent: 40 },
  'player:setShuffle': { on: true },
  'player:setRepeat': { mode: 'context' },
  'player:toggleLike': undefined,
  'player:transfer': { deviceId: 'device-1', play: true },
  'player:refreshDevices': undefined,
  'player:playContext': { context: 'liked', offset: { uri: 'spotify:track:abc' } },
  'player:playTrack': { uri: 'spotify:track:4uLU6hMCjMI75M1A2tKUQC' },
  'player:dismissError': undefined,
  'player:retry': undefined,
  'library:likedSongs': { offset: 0, limit: 20 },
  'library:playlists': { offset: 40, limit: 50 },
  'library:playlistItems': { playlistId: '37i9dQZF1DXcBWIGoYBM5M', offset: 0, limit: 50 },
  'library:savedAlbums': { offset: 0, limit: 20 },
  'library:albumTracks': { albumId: '4aawyAB9vmqN3uQ7FjRGTy', offset: 0, limit: 50 },
  'library:recentlyPlayed': undefined,
  'library:search': { query: 'daft punk' },
  'library:addToPlaylist': {
    playlistId: '37i9dQZF1DXcBWIGoYBM5M',
    uri: 'spotify:track:abc',
    allowDuplicate: true,
  },
  'library:addCurrentToPlaylist': { playlistId: '37i9dQZF1DXcBWIGoYBM5M' },
  'library:setLiked': { uri: 'spotify:track:abc', liked: true },
  'library:likedState': { uris: ['spotify:track:abc'] },
  'library:queue': undefined,
  'library:addToQueue': { uri: 'spotify:episode:512ojhOuo1ktJprKbVcKyQ' },
  'settings:get': undefined,
  'settings:update': {
    mediaKeys: false,
    redirectUri: 'http://127.0.0.1:8888/callback',
    shortcuts: { playPause: 'CommandOrControl+Shift+P', next: null },
  },
  'settings:shortcutStatus': undefined,
  'settings:openAccessibility': undefined,
  'ui:setVisible': { visible: false },
  'ui:hide': undefined,
  'ui:copyText': { text: 'http://127.0.0.1/callback' },
  'ui:openInSpotify': { uri: 'spotify:album:4aawyAB9vmqN3uQ7FjRGTy' },
};

export const CHANNELS = Object.keys(invokeChannels) as InvokeChannel[];

export interface Recorded {
  readonly channel: string;
  readonly input: unknown;
}

/** Handlers that record every call and answer `{ handled: channel }`; `behaviour` overrides single ones. */
export function recordingHandlers(
  behaviour: Partial<Record<InvokeChannel, (input: unknown) => unknown>> = {},
): {
  handlers: IpcHandlers;
  calls: Recorded[];
} {
  const calls: Recorded[] = [];
  const handlers = Object.fromEntries(
    CHANNELS.map((channel) => [
      channel,
      (input: unknown) => {
        calls.push({ channel, input });
        const custom = behaviour[channel];
        return custom ? custom(input) : Promise.resolve({ handled: channel });
      },
    ]),
  ) as unknown as IpcHandlers;
  return { handlers, calls };
}
