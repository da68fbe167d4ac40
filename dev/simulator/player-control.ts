import { spotifyId } from './ids.ts';
import { deviceRecord } from './media.ts';
import type { SimState } from './state.ts';
import type { PlayerControl } from './types.ts';

/** `sim.player` / `sim.playerFor(userId)`: the programmatic face of one user's player and library. */
export function playerControl(state: SimState, userIdOf: () => string): PlayerControl {
  const media = () => {
    const userId = userIdOf();
    if (!state.users.has(userId)) throw new Error(`unknown user ${JSON.stringify(userId)}`);
    return state.media.forUser(userId);
  };
  const player = () => media().player;
  const external = () => player().external();
  /** A playable item: a catalogue track, or (when the profile has them) an episode or local file. */
  const catalogueTrack = (uri: string): string => {
    if (!state.media.isItem(uri)) throw new Error(`not in the catalogue: ${uri}`);
    return uri;
  };
  return {
    snapshot: () => {
      const view = player().view();
      return {
        deviceId: view.device?.id ?? null,
        isPlaying: view.isPlaying,
        // `null` while an ad plays.
        itemUri: view.itemUri,
        progressMs: view.progressMs,
        volumePercent: view.device?.volumePercent ?? null,
        shuffle: view.shuffle,
        repeat: view.repeat,
        queue: view.upNext,
        userQueue: view.userQueue,
        contextUri: view.contextUri,
        timestamp: view.timestamp,
      };
    },
    externalPlay: (options = {}) => {
      options.uris?.forEach(catalogueTrack);
      external().play(
        { uris: options.uris, contextUri: options.contextUri, positionMs: options.positionMs },
        options.deviceId,
      );
    },
    externalPause: () => external().pause(),
    externalResume: () => external().resume(),
    externalSkip: () => external().skip(),
    externalSeek: (positionMs) => external().seek(positionMs),
    externalTransfer: (deviceId, play) => external().transfer(deviceId, play),
    externalShuffle: (on) => external().shuffle(on),
    externalRepeat: (mode) => {
      if (mode !== 'off' && mode !== 'track' && mode !== 'context')
        throw new Error('repeat must be off, track or context');
      external().repeat(mode);
    },
    externalQueue: (uri) => external().queue(catalogueTrack(uri)),
    externalVolume: (percent, deviceId) => external().volume(percent, deviceId),
    deactivate: () => external().deactivate(),
    setDevices: (devices) => {
      const userId = userIdOf();
      const p = player();
      const active = devices.filter((d) => d.isActive === true);
      if (active.length > 1) throw new Error('setDevices: at most one device can be active');
      p.setDevices(
        devices.map((d) => {
          if (typeof d.id !== 'string' || typeof d.name !== 'string' || typeof d.type !== 'string')
            throw new Error('setDevices: each device needs id, name and type');
          return deviceRecord(userId, d);
        }),
      );
      if (active[0]) p.external().transfer(active[0].id);
    },
    devices: () => {
      const p = player();
      const active = p.view().device?.id;
      return p.devices.map((d) => ({
        id: d.id,
        name: d.name,
        type: d.type,
        isActive: d.id === active,
        isRestricted: d.isRestricted,
        supportsVolume: d.supportsVolume,
        volumePercent: d.volumePercent,
      }));
    },
    setDeviceAvailable: (deviceId, available) => {
      if (available !== undefined && typeof available !== 'boolean')
        throw new Error('setDeviceAvailable: available must be true, false or undefined');
      player().setPresence(deviceId, available);
    },
    playUnknownItem: (type = 'audiobook-chapter') => {
      if (typeof type !== 'string' || type === '' || type === 'track' || type === 'episode')
        throw new Error('playUnknownItem: type must be a non-empty string other than track and episode');
      const id = spotifyId(`unknown:${type}`);
      const uri = `spotify:${type}:${id}`;
      state.media.unknownItems.set(uri, { type, name: `A ${type} item`, durationMs: 600_000 });
      external().play({ uris: [uri] });
      return uri;
    },
    history: () =>
      player()
        .history()
        .map((entry) => ({ ...entry })),
    catalogue: () =>
      state.media.catalogue.tracks.map((t) => ({ uri: t.uri, durationMs: t.durationMs, name: t.name })),
    likedUris: () => media().liked.map((entry) => entry.uri),
    playlists: () =>
      state.media
        .userPlaylists(userIdOf())
        .map((p) => ({ id: p.id, name: p.name, itemUris: p.items.map((i) => i.uri) })),
  };
}
