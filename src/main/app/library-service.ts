import type { AddToPlaylistResult, ChannelInput } from '../../shared/ipc/contract.ts';
import {
  SEARCH_RESULTS_PER_TYPE,
  webLink,
  type AlbumSummary,
  type LibraryTrack,
  type PageOf,
  type PlaylistSummary,
  type QueueView,
  type RecentPlay,
  type SearchResults,
} from '../../shared/library.ts';
import { USER_MESSAGES } from '../../shared/messages.ts';
import { controlState } from '../../shared/player-controls.ts';
import type { CommandResult, PlayerError } from '../../shared/player.ts';
import {
  SpotifyApiError,
  type CallOptions,
  type PlaylistUrisPage,
  type SearchType,
} from '../spotify/index.ts';
import type { Clock } from '../util/clock.ts';
import type { SpotifyConnection } from './connection.ts';
import { UserFacingError } from './errors.ts';
import type { OpenExternal } from './external-links.ts';
import { LibraryCache, type PlaylistAccess } from './library-cache.ts';
import {
  mayAddTo,
  toAlbumSummary,
  toAlbumTrack,
  toArtistSummary,
  toLibraryTrack,
  toPage,
  toPlaylistSummary,
  toQueueView,
  toRecentPlay,
  type AlbumLabel,
} from './library.ts';
import { playlistHolds } from './playlist-duplicates.ts';
import { LatestCall } from './search.ts';

/**
 * The library channels answer a user who is looking at the screen: a 429 fails at once with "rate limited,
 * try again at …" rather than leaving the request hanging for the length of Retry-After.
 */
const FAIL_FAST: CallOptions = Object.freeze({ waitIfRateLimited: false });

const SEARCH_TYPES: readonly SearchType[] = ['track', 'album', 'playlist', 'artist'];
/** GET /me/player/recently-played answers at most 50 plays. */
const RECENT_PLAYS = 50;

const NOTHING_TO_ADD = USER_MESSAGES.nothingToAdd;
const LOCAL_FILES = 'Local files cannot be added to a playlist or liked through Spotify.';
const NO_WEB_PAGE = 'This item has no page on open.spotify.com.';
const notYours = (name: string): string =>
  `You cannot add to "${name}": only its owner can. Choose one of your own or a collaborative playlist.`;
/** Spotify answers 403 for the items of a playlist the user neither owns nor collaborates on. */
const ITEMS_NOT_LISTED =
  'Spotify lists the items only of playlists you own or collaborate on. Play this playlist as a whole instead.';

/** The connection in use and the "not connected" answers (PlayerService provides these). */
interface ConnectionPort {
  /** The connection while signed in, else null. */
  readonly connection: SpotifyConnection | null;
  /** The connection, or a UserFacingError saying why there is none. */
  requireConnection(): SpotifyConnection;
  /** The "not connected" answer of a command from `source`. */
  notConnected(source: PlayerError['source']): CommandResult;
}

export interface LibraryServiceDeps {
  readonly player: ConnectionPort;
  readonly clock: Clock;
  /** The guarded system-browser opener (allow-listed addresses only). */
  readonly open: OpenExternal;
}

/**
 * The library, search and play-in-context channels: reads of the user's lists (fail fast under a 429,
 * typed errors), adds with a duplicate check, likes, and contexts played through the engine (so the
 * snapshot, optimism and errors behave like every command). Caches what lists already told (album
 * names and art, playlist owners) per connection, to save requests.
 */
export class LibraryService {
  readonly #deps: LibraryServiceDeps;
  readonly #caches = new WeakMap<SpotifyConnection, LibraryCache>();
  readonly #search = new LatestCall();

  constructor(deps: LibraryServiceDeps) {
    this.#deps = deps;
  }

  // --- reads -------------------------------------------------------------------------------------------

  async likedSongs({ offset, limit }: ChannelInput<'library:likedSongs'>): Promise<PageOf<LibraryTrack>> {
    const page = await this.#connected().api.getSavedTracks({ offset, limit }, FAIL_FAST);
    return toPage(page, (saved) => toLibraryTrack(saved.track));
  }

  async playlists({ offset, limit }: ChannelInput<'library:playlists'>): Promise<PageOf<PlaylistSummary>> {
    const connection = this.#connected();
    const [page, profile] = await Promise.all([
      connection.api.getMyPlaylists({ offset, limit }, FAIL_FAST),
      connection.profile(FAIL_FAST),
    ]);
    const cache = this.#cache(connection);
    for (const playlist of page.items) cache.playlists.set(playlist.id, accessOf(playlist));
    return toPage(page, (playlist) => toPlaylistSummary(playlist, profile.id));
  }

  async playlistItems({
    playlistId,
    offset,
    limit,
  }: ChannelInput<'library:playlistItems'>): Promise<PageOf<LibraryTrack>> {
    const api = this.#connected().api;
    try {
      return toPage(await api.getPlaylistItems(playlistId, { offset, limit }, FAIL_FAST), toLibraryTrack);
    } catch (error) {
      if (error instanceof SpotifyApiError && error.kind === 'forbidden') {
        throw new SpotifyApiError({
          kind: error.kind,
          status: error.status,
          reason: error.reason,
          detail: error.detail,
          operation: error.operation,
          message: ITEMS_NOT_LISTED,
          cause: error,
        });
      }
      throw error;
    }
  }

  async savedAlbums({ offset, limit }: ChannelInput<'library:savedAlbums'>): Promise<PageOf<AlbumSummary>> {
    const connection = this.#connected();
    const page = await connection.api.getSavedAlbums({ offset, limit }, FAIL_FAST);
    const cache = this.#cache(connection);
    return toPage(page, ({ album }) => {
      const summary = toAlbumSummary(album);
      cache.albums.set(album.id, labelOf(summary));
      return summary;
    });
  }

  /**
   * One request per page: GET /albums/{id}/tracks when the album's name and art are known from a list
   * the user saw (saved albums, search), else GET /albums/{id}, which brings them with the first 50
   * tracks (a page beyond those costs a second request).
   */
  async albumTracks({
    albumId,
    offset,
    limit,
  }: ChannelInput<'library:albumTracks'>): Promise<PageOf<LibraryTrack>> {
    const connection = this.#connected();
    const cache = this.#cache(connection);
    const known = cache.albums.get(albumId);
    if (known !== undefined) {
      const page = await connection.api.getAlbumTracks(albumId, { offset, limit }, FAIL_FAST);
      return toPage(page, (track) => toAlbumTrack(track, known));
    }
    const album = await connection.api.getAlbum(albumId, FAIL_FAST);
    const label = labelOf(toAlbumSummary(album));
    cache.albums.set(albumId, label);
    const embedded = album.tracks;
    if (embedded !== null && embedded.offset === 0) {
      const end = offset + limit;
      if (end <= embedded.items.length || embedded.next === null) {
        return {
          items: embedded.items.slice(offset, end).map((track) => toAlbumTrack(track, label)),
          offset,
          total: embedded.total,
          hasMore: end < embedded.total,
        };
      }
    }
    const page = await connection.api.getAlbumTracks(albumId, { offset, limit }, FAIL_FAST);
    return toPage(page, (track) => toAlbumTrack(track, label));
  }

  async recentlyPlayed(): Promise<readonly RecentPlay[]> {
    const recent = await this.#connected().api.getRecentlyPlayed({ limit: RECENT_PLAYS }, FAIL_FAST);
    return recent.items.map(toRecentPlay);
  }

  /** Tracks, albums, playlists and artists. A newer search aborts this one: it rejects 'cancelled'. */
  async search({ query }: ChannelInput<'library:search'>): Promise<SearchResults> {
    const connection = this.#connected();
    return this.#search.run(async (signal) => {
      const [found, profile] = await Promise.all([
        connection.api.search(
          query,
          SEARCH_TYPES,
          { limit: SEARCH_RESULTS_PER_TYPE },
          { ...FAIL_FAST, signal },
        ),
        connection.profile(FAIL_FAST),
      ]);
      const cache = this.#cache(connection);
      const first = <T>(page: { items: T[] } | undefined): T[] =>
        page?.items.slice(0, SEARCH_RESULTS_PER_TYPE) ?? [];
      const albums = first(found.albums).map(toAlbumSummary);
      for (const album of albums) cache.albums.set(album.id, labelOf(album));
      const playlists = first(found.playlists);
      for (const playlist of playlists) cache.playlists.set(playlist.id, accessOf(playlist));
      return {
        query,
        tracks: first(found.tracks).map(toLibraryTrack),
        albums,
        playlists: playlists.map((playlist) => toPlaylistSummary(playlist, profile.id)),
        artists: first(found.artists).map(toArtistSummary),
      };
    });
  }

  async queue(): Promise<QueueView> {
    return toQueueView(await this.#connected().api.getQueue(FAIL_FAST));
  }

  /** Whether each URI is in the user's library, in order. */
  async likedState({ uris }: ChannelInput<'library:likedState'>): Promise<boolean[]> {
    return this.#connected().api.checkLibrary(uris, FAIL_FAST);
  }

  // --- commands ----------------------------------------------------------------------------------------

  /**
   * Plays a context through the engine. Liked Songs is the user's collection, `spotify:user:{id}:collection`
   * (the ID from the profile the connection loaded at sign-in).
   */
  async playContext({ context, offset }: ChannelInput<'player:playContext'>): Promise<CommandResult> {
    const source: PlayerError['source'] = 'play-items';
    const connection = this.#deps.player.connection;
    if (connection === null) return this.#notConnectedResult(source);
    let contextUri: string = context;
    if (context === 'liked') {
      try {
        contextUri = collectionUri((await connection.profile(FAIL_FAST)).id);
      } catch (error) {
        return this.#failed(error, source);
      }
    }
    const at = offset === undefined ? {} : { offset: 'uri' in offset ? offset.uri : offset.position };
    return connection.engine.playContext(contextUri, at);
  }

  /**
   * Likes or unlikes a track or episode. The current item goes through the engine, so the snapshot's
   * heart follows; any other is saved or removed directly.
   */
  async setLiked({ uri, liked }: ChannelInput<'library:setLiked'>): Promise<CommandResult> {
    const source: PlayerError['source'] = 'like';
    const connection = this.#deps.player.connection;
    if (connection === null) return this.#notConnectedResult(source);
    if (isLocalUri(uri)) return this.#refused(LOCAL_FILES, source);
    if (connection.engine.getSnapshot().item?.uri === uri) return connection.engine.setLiked(uri, liked);
    try {
      const api = connection.api;
      await (liked ? api.saveToLibrary([uri], FAIL_FAST) : api.removeFromLibrary([uri], FAIL_FAST));
      return { ok: true };
    } catch (error) {
      return this.#failed(error, source);
    }
  }

  /**
   * Adds a track or episode to a playlist the user may edit. Unless `allowDuplicate`, one already in the
   * playlist (within DUPLICATE_SCAN_LIMIT entries) is not added: the answer says so, for "add anyway".
   * Requests: GET /playlists/{id} (name, owner and the first 100 URIs), more pages for longer playlists,
   * then the add; with `allowDuplicate` the first only when the playlist is not in a list seen before.
   */
  async addToPlaylist({
    playlistId,
    uri,
    allowDuplicate,
  }: ChannelInput<'library:addToPlaylist'>): Promise<AddToPlaylistResult> {
    const source: PlayerError['source'] = 'playlist';
    const connection = this.#deps.player.connection;
    if (connection === null) return this.#notConnectedResult(source);
    if (isLocalUri(uri)) return this.#refused(LOCAL_FILES, source);
    const api = connection.api;
    const cache = this.#cache(connection);
    try {
      const userId = (await connection.profile(FAIL_FAST)).id;
      const known = allowDuplicate === true ? cache.playlists.get(playlistId) : undefined;
      let access: PlaylistAccess;
      let firstUris: PlaylistUrisPage | null = null;
      if (known !== undefined) {
        access = known;
      } else {
        const head = await api.getPlaylistHead(playlistId, { withUris: allowDuplicate !== true }, FAIL_FAST);
        access = accessOf(head);
        cache.playlists.set(playlistId, access);
        firstUris = head.items;
      }
      if (!mayAddTo(access, userId)) return this.#refused(notYours(access.name), source);
      if (allowDuplicate !== true && (await playlistHolds(api, playlistId, uri, firstUris, FAIL_FAST))) {
        return { ok: false, alreadyThere: true, playlistName: access.name };
      }
      await api.addToPlaylist(playlistId, [uri], {}, FAIL_FAST);
      return { ok: true };
    } catch (error) {
      return this.#failed(error, source);
    }
  }

  /** The same for what is playing now, with the rules the button has (no ads, local files or nothing). */
  addCurrentToPlaylist({
    playlistId,
    allowDuplicate,
  }: ChannelInput<'library:addCurrentToPlaylist'>): Promise<AddToPlaylistResult> {
    const source: PlayerError['source'] = 'playlist';
    const connection = this.#deps.player.connection;
    if (connection === null) return Promise.resolve(this.#notConnectedResult(source));
    const snapshot = connection.engine.getSnapshot();
    // Never a placeholder URI (ads, unsupported items), a local file or nothing: the rules the button has.
    const allowed = controlState(snapshot, 'addToPlaylist');
    const item = snapshot.item;
    if (!allowed.enabled || item === null) {
      return Promise.resolve(this.#refused(allowed.reason ?? NOTHING_TO_ADD, source));
    }
    return this.addToPlaylist({
      playlistId,
      uri: item.uri,
      ...(allowDuplicate !== undefined && { allowDuplicate }),
    });
  }

  /** Opens the item's open.spotify.com page in the system browser. */
  async openInSpotify({ uri }: ChannelInput<'ui:openInSpotify'>): Promise<void> {
    const link = webLink(uri);
    if (link === null) throw new UserFacingError('validation', NO_WEB_PAGE);
    await this.#deps.open(link);
  }

  // --- plumbing ----------------------------------------------------------------------------------------

  #connected(): SpotifyConnection {
    return this.#deps.player.requireConnection();
  }

  #cache(connection: SpotifyConnection): LibraryCache {
    let cache = this.#caches.get(connection);
    if (cache === undefined) {
      cache = new LibraryCache();
      this.#caches.set(connection, cache);
    }
    return cache;
  }

  #notConnectedResult(source: PlayerError['source']): CommandResult {
    return this.#deps.player.notConnected(source);
  }

  #refused(message: string, source: PlayerError['source']): CommandResult {
    return {
      ok: false,
      error: { kind: 'refused', message, source, at: this.#deps.clock.now(), until: null },
    };
  }

  /** A Web API failure as a command's result; anything else is a bug and stays a rejection. */
  #failed(error: unknown, source: PlayerError['source']): CommandResult {
    if (!(error instanceof SpotifyApiError)) throw error;
    return {
      ok: false,
      error: {
        kind: error.kind,
        message: error.message,
        source,
        at: this.#deps.clock.now(),
        until: error.rateLimitedUntil ?? null,
      },
    };
  }
}

/** Liked Songs as a context. */
function collectionUri(userId: string): string {
  return `spotify:user:${userId}:collection`;
}

function isLocalUri(uri: string): boolean {
  return uri.startsWith('spotify:local:');
}

/** Only what an add needs is kept (not a playlist's images or embedded URIs). */
function accessOf(playlist: PlaylistAccess): PlaylistAccess {
  return { name: playlist.name, owner: { id: playlist.owner.id }, collaborative: playlist.collaborative };
}

function labelOf(album: AlbumSummary): AlbumLabel {
  return { name: album.name, artUrl: album.artUrl };
}
