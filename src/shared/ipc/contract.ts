import { z } from 'zod';
import type { AppState, RequestedPanel } from '../app-state.ts';
import type {
  AlbumSummary,
  LibraryTrack,
  PageOf,
  PlaylistSummary,
  QueueView,
  RecentPlay,
  SearchResults,
} from '../library.ts';
import type { CommandResult, PlayerSnapshot } from '../player.ts';
import { settingsPatchSchema, type Settings, type ShortcutStatus } from '../settings.ts';
import type { INVOKE_CHANNELS, InvokeChannel, PUSH_EVENTS } from './channels.ts';

export { INVOKE_CHANNELS, IpcError, PUSH_EVENTS, type InvokeChannel, type IpcResponse } from './channels.ts';

/**
 * The one IPC contract. Main validates every input with these schemas; preload builds `window.traytune`
 * from the channel list; the renderer's types come from here. Outputs are typed only (main is trusted).
 */

/** Carries an output type without a runtime schema. */
interface Channel<I extends z.ZodType, O> {
  readonly input: I;
  readonly output?: O;
}
function channel<O>() {
  return <I extends z.ZodType>(input: I): Channel<I, O> => ({ input });
}

const none = z.undefined();
const spotifyUri = z
  .string()
  .max(200)
  .regex(/^spotify:(track|episode):[A-Za-z0-9]{1,64}$/, 'Not a Spotify track or episode URI');
const spotifyId = z.string().regex(/^[A-Za-z0-9]{1,64}$/, 'Not a Spotify ID');
/** Anything "Open in Spotify" may open: a track, episode, album, playlist, artist or show. */
const openableUri = z
  .string()
  .max(200)
  .regex(/^spotify:(track|episode|album|playlist|artist|show):[A-Za-z0-9]{1,64}$/, 'Not a Spotify URI');
/** A context to play: an album, playlist, artist or show (Liked Songs is `'liked'`: main knows the user). */
const contextUri = z
  .string()
  .max(200)
  .regex(
    /^spotify:(album|playlist|artist|show):[A-Za-z0-9]{1,64}$/,
    'Not a Spotify album, playlist, artist or show',
  );
const deviceId = z.string().min(1).max(128);
const pageFields = {
  offset: z.number().int().min(0).max(100_000),
  limit: z.number().int().min(1).max(50),
};
const page = z.object(pageFields).strict();

export const invokeChannels = {
  // Account and onboarding
  'app:getState': channel<AppState>()(none),
  'app:setClientId': channel<AppState>()(z.object({ clientId: z.string().trim().min(1).max(64) }).strict()),
  'app:openDashboard': channel<void>()(none),
  /** "Restart to update": quits and installs the downloaded update (desktop.updateReady). */
  'app:installUpdate': channel<void>()(none),
  'auth:signIn': channel<AppState>()(none),
  'auth:cancelSignIn': channel<void>()(none),
  'auth:signOut': channel<AppState>()(none),
  /**
   * Signs in another account (Spotify's consent page with its account chooser) while the current one stays
   * signed in; only a successful sign-in replaces it. `auth:cancelSignIn` stops the attempt.
   */
  'auth:switchAccount': channel<AppState>()(none),

  // Player
  'player:getSnapshot': channel<PlayerSnapshot>()(none),
  'player:togglePlay': channel<CommandResult>()(none),
  'player:next': channel<CommandResult>()(none),
  'player:previous': channel<CommandResult>()(none),
  'player:seek': channel<CommandResult>()(
    z
      .object({
        positionMs: z
          .number()
          .int()
          .min(0)
          .max(24 * 3_600_000),
      })
      .strict(),
  ),
  'player:setVolume': channel<CommandResult>()(
    z.object({ percent: z.number().int().min(0).max(100) }).strict(),
  ),
  'player:setShuffle': channel<CommandResult>()(z.object({ on: z.boolean() }).strict()),
  'player:setRepeat': channel<CommandResult>()(
    z.object({ mode: z.enum(['off', 'track', 'context']) }).strict(),
  ),
  'player:toggleLike': channel<CommandResult>()(none),
  'player:transfer': channel<CommandResult>()(z.object({ deviceId, play: z.boolean().optional() }).strict()),
  'player:refreshDevices': channel<CommandResult>()(none),
  /** Plays one track or episode on its own (no context: Next has nothing to go on to). */
  'player:playTrack': channel<CommandResult>()(z.object({ uri: spotifyUri }).strict()),
  /**
   * Plays a context (Liked Songs, an album, playlist, artist or show), from `offset` (an item's URI, or
   * its position) or from the start; Next, Previous, shuffle and the queue then work within it. An artist
   * takes no offset.
   */
  'player:playContext': channel<CommandResult>()(
    z
      .object({
        context: z.union([z.literal('liked'), contextUri]),
        offset: z
          .union([
            z.object({ uri: spotifyUri }).strict(),
            z.object({ position: z.number().int().min(0).max(100_000) }).strict(),
          ])
          .optional(),
      })
      .strict(),
  ),
  'player:dismissError': channel<void>()(none),
  /** The user's "try again" after a quota stop or a Premium refusal: clears them and reads the state once. */
  'player:retry': channel<CommandResult>()(none),

  // Library
  'library:likedSongs': channel<PageOf<LibraryTrack>>()(page),
  /** The user's own and followed playlists. */
  'library:playlists': channel<PageOf<PlaylistSummary>>()(page),
  'library:playlistItems': channel<PageOf<LibraryTrack>>()(
    z.object({ playlistId: spotifyId, ...pageFields }).strict(),
  ),
  'library:savedAlbums': channel<PageOf<AlbumSummary>>()(page),
  'library:albumTracks': channel<PageOf<LibraryTrack>>()(
    z.object({ albumId: spotifyId, ...pageFields }).strict(),
  ),
  /** The last 50 plays, newest first (`user-read-recently-played`). */
  'library:recentlyPlayed': channel<readonly RecentPlay[]>()(none),
  /**
   * Tracks, albums, playlists and artists matching `query`. A newer search cancels one still running: the
   * older call rejects with the code 'cancelled'.
   */
  'library:search': channel<SearchResults>()(z.object({ query: z.string().trim().min(1).max(200) }).strict()),
  /**
   * Adds a track or episode to a playlist. Unless `allowDuplicate`, an item already in the playlist is not
   * added: the answer says so (`alreadyThere`), for an "add anyway".
   */
  'library:addToPlaylist': channel<AddToPlaylistResult>()(
    z.object({ playlistId: spotifyId, uri: spotifyUri, allowDuplicate: z.boolean().optional() }).strict(),
  ),
  /** The same, for what is playing now. */
  'library:addCurrentToPlaylist': channel<AddToPlaylistResult>()(
    z.object({ playlistId: spotifyId, allowDuplicate: z.boolean().optional() }).strict(),
  ),
  /** Likes or unlikes any track or episode (the current one's heart follows). */
  'library:setLiked': channel<CommandResult>()(z.object({ uri: spotifyUri, liked: z.boolean() }).strict()),
  /** Whether each URI is in the user's library (at most 40, Spotify's limit per request). */
  'library:likedState': channel<readonly boolean[]>()(
    z.object({ uris: z.array(spotifyUri).min(1).max(40) }).strict(),
  ),
  'library:queue': channel<QueueView>()(none),
  'library:addToQueue': channel<CommandResult>()(z.object({ uri: spotifyUri }).strict()),

  // Settings and the window
  'settings:get': channel<Settings>()(none),
  'settings:update': channel<Settings>()(settingsPatchSchema),
  'settings:shortcutStatus': channel<ShortcutStatus>()(none),
  /** macOS: opens System Settings › Privacy & Security › Accessibility (media keys need it). */
  'settings:openAccessibility': channel<void>()(none),
  /** The mini-player became visible or hidden (polling adapts to it). */
  'ui:setVisible': channel<void>()(z.object({ visible: z.boolean() }).strict()),
  /** The mini-player's hide button and Escape. */
  'ui:hide': channel<void>()(none),
  /**
   * Copies text to the clipboard through main: the renderer's clipboard permission is refused by design.
   * Copied exactly as given (no trimming).
   */
  'ui:copyText': channel<void>()(z.object({ text: z.string().min(1).max(2000) }).strict()),
  /** Opens the item's page on open.spotify.com in the system browser (which hands it to Spotify's app). */
  'ui:openInSpotify': channel<void>()(z.object({ uri: openableUri }).strict()),
} as const satisfies Record<InvokeChannel, Channel<z.ZodType, unknown>>;

/** What adding to a playlist answers: done, refused or failed (CommandResult), or already there. */
export type AddToPlaylistResult =
  | CommandResult
  | {
      readonly ok: false;
      /** The item is in the playlist already; nothing was added (call again with `allowDuplicate`). */
      readonly alreadyThere: true;
      readonly playlistName: string;
    };

// Every name in channels.ts has a schema here and vice versa.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
/** @public A compile-time check: it fails to type-check when the two lists differ. */
export const CHANNEL_LIST_MATCHES: Same<keyof typeof invokeChannels, (typeof INVOKE_CHANNELS)[number]> = true;

/** Pushed from main to the renderer. */
export interface PushEvents {
  'player:snapshot': PlayerSnapshot;
  'app:state': AppState;
  'settings:changed': Settings;
  /** The tray asked for a panel: "Settings…" opens the settings, "Set up…" onboarding. */
  'ui:showPanel': { readonly panel: RequestedPanel };
}
/** @public A compile-time check, as above. */
export const PUSH_EVENTS_MATCH: Same<keyof PushEvents, (typeof PUSH_EVENTS)[number]> = true;

export type ChannelInput<C extends InvokeChannel> = z.infer<(typeof invokeChannels)[C]['input']>;
export type ChannelOutput<C extends InvokeChannel> = Exclude<(typeof invokeChannels)[C]['output'], undefined>;

/** One async handler per channel: what main implements (TraytuneApp) and the dispatcher calls. */
export type ChannelHandlers = {
  readonly [C in InvokeChannel]: (input: ChannelInput<C>) => Promise<ChannelOutput<C>>;
};

/** `window.traytune`: one async method per channel (channel `a:b` → `api.a.b(input)`), plus `on`. */
type Group<C extends string> = C extends `${infer G}:${string}` ? G : never;
type MethodOf<C extends string> = C extends `${string}:${infer M}` ? M : never;
export type TraytuneApi = {
  readonly [G in Group<InvokeChannel>]: {
    readonly [
      C in InvokeChannel as Group<C> extends G ? MethodOf<C> : never
    ]: ChannelInput<C> extends undefined
      ? () => Promise<ChannelOutput<C>>
      : (input: ChannelInput<C>) => Promise<ChannelOutput<C>>;
  };
} & {
  /** Subscribes to a pushed event; returns the unsubscribe function. */
  readonly on: <E extends keyof PushEvents>(
    event: E,
    listener: (payload: PushEvents[E]) => void,
  ) => () => void;
};
