import type { ChannelHandlers } from '../../shared/ipc/contract.ts';
import type { AccountService } from './account/account-service.ts';
import type { AppStateService } from './app-state-service.ts';
import type { DesktopShell } from './desktop-shell.ts';
import { DASHBOARD_URL, type OpenExternal } from './external-links.ts';
import type { LibraryService } from './library-service.ts';
import type { PlayerService } from './player-service.ts';
import type { SettingsService } from './settings-service.ts';

/** The services the channels are answered by (TraytuneApp makes them). */
export interface AppServices {
  readonly state: AppStateService;
  readonly account: AccountService;
  readonly player: PlayerService;
  readonly library: LibraryService;
  readonly settings: SettingsService;
  readonly desktop: DesktopShell;
  /** The allow-listed system browser. */
  readonly open: OpenExternal;
}

/**
 * Every invoke channel → the service method that answers it, one line each. The IPC dispatcher has
 * validated the input already. `attempt` turns a synchronous throw into a rejection.
 */
export function createHandlers(services: AppServices): ChannelHandlers {
  const { state, account, player, library, settings, desktop, open } = services;
  return {
    'app:getState': () => attempt(() => state.getState()),
    'app:setClientId': (input) => account.setClientId(input),
    'app:openDashboard': () => open(DASHBOARD_URL),
    'app:installUpdate': () => attempt(() => desktop.installUpdate()),
    'auth:signIn': () => attempt(() => account.signIn()),
    'auth:switchAccount': () => attempt(() => account.switchAccount()),
    'auth:cancelSignIn': () => account.cancelSignIn(),
    'auth:signOut': () => account.signOut(),

    'player:getSnapshot': () => attempt(() => player.getSnapshot()),
    'player:togglePlay': () => player.togglePlay(),
    'player:next': () => player.next(),
    'player:previous': () => player.previous(),
    'player:seek': (input) => player.seek(input),
    'player:setVolume': (input) => player.setVolume(input),
    'player:setShuffle': (input) => player.setShuffle(input),
    'player:setRepeat': (input) => player.setRepeat(input),
    'player:toggleLike': () => player.toggleLike(),
    'player:transfer': (input) => player.transfer(input),
    'player:refreshDevices': () => player.refreshDevices(),
    'player:playTrack': (input) => player.playTrack(input),
    'player:playContext': (input) => library.playContext(input),
    'player:dismissError': () => attempt(() => player.dismissError()),
    'player:retry': () => player.retry(),

    'library:likedSongs': (input) => library.likedSongs(input),
    'library:playlists': (input) => library.playlists(input),
    'library:playlistItems': (input) => library.playlistItems(input),
    'library:savedAlbums': (input) => library.savedAlbums(input),
    'library:albumTracks': (input) => library.albumTracks(input),
    'library:recentlyPlayed': () => library.recentlyPlayed(),
    'library:search': (input) => library.search(input),
    'library:addToPlaylist': (input) => library.addToPlaylist(input),
    'library:addCurrentToPlaylist': (input) => library.addCurrentToPlaylist(input),
    'library:setLiked': (input) => library.setLiked(input),
    'library:likedState': (input) => library.likedState(input),
    'library:queue': () => library.queue(),
    'library:addToQueue': (input) => player.addToQueue(input),

    'settings:get': () => attempt(() => settings.get()),
    'settings:update': (patch) => attempt(() => settings.update(patch)),
    'settings:shortcutStatus': () => attempt(() => settings.shortcutStatus()),
    'settings:openAccessibility': () => attempt(() => desktop.openAccessibilitySettings()),
    'ui:setVisible': (input) => attempt(() => player.setVisible(input)),
    'ui:hide': () => attempt(() => desktop.hideMiniPlayer()),
    'ui:copyText': ({ text }) => attempt(() => desktop.copyText(text)),
    'ui:openInSpotify': (input) => library.openInSpotify(input),
  };
}

/** Runs `fn` so that a synchronous throw becomes a rejection, like an async function's. */
function attempt<T>(fn: () => T | PromiseLike<T>): Promise<T> {
  return new Promise<T>((resolve) => resolve(fn()));
}
