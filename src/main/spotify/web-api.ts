import type { ApiRequest, CallOptions, SpotifyApiClient } from './api-client.ts';
import { SpotifyApiError } from './errors.ts';
import {
  AlbumTracksPageSchema,
  AlbumWithTracksSchema,
  BooleansSchema,
  CurrentlyPlayingSchema,
  DevicesSchema,
  PlaybackStateSchema,
  PlaylistHeadSchema,
  PlaylistItemsPageSchema,
  PlaylistUrisPageSchema,
  PlaylistsPageSchema,
  QueueSchema,
  RecentlyPlayedSchema,
  SavedAlbumsPageSchema,
  SavedTracksPageSchema,
  SearchResultsSchema,
  UserSchema,
  type AlbumWithTracks,
  type CurrentlyPlaying,
  type Device,
  type Page,
  type PlayableItem,
  type PlaybackState,
  type Playlist,
  type PlaylistHead,
  type PlaylistUrisPage,
  type Queue,
  type RecentlyPlayed,
  type RepeatState,
  type SavedAlbum,
  type SavedTrack,
  type Track,
  type SearchResults,
  type User,
} from './schemas.ts';

/** Spotify's limits (docs/SPOTIFY.md, openapi.yml). */
const LIMITS = {
  pageSize: 50,
  searchLimit: 10,
  libraryUris: 40,
  playlistItems: 100,
} as const;

/** Track and episode objects both, wherever Spotify would otherwise leave episodes out. */
const ADDITIONAL_TYPES = 'track,episode';
/**
 * Player reads: episodes as items, and the user's market, so a track Spotify relinked for that market
 * comes with `linked_from` (the track the user chose; model.ts shows and likes that one). Spotify applies
 * the user's country to user-token reads anyway; naming it makes the answer the same everywhere.
 */
const MARKET = 'from_token';
const PLAYER_READ_QUERY = { additional_types: ADDITIONAL_TYPES, market: MARKET };
/*
 * Library reads name the user's market (MARKET) for the same reason: a relinked track then comes with
 * `linked_from` (the URI the library holds) and `is_playable` says whether it plays.
 */
/** The duplicate check reads only the entries' URIs (and, for relinked tracks, the original's). */
const ENTRY_URI_FIELDS = 'items(item(uri,linked_from(uri)),track(uri,linked_from(uri)))';
const PLAYLIST_URIS_FIELDS = `next,total,${ENTRY_URI_FIELDS}`;
const PLAYLIST_ACCESS_FIELDS = 'name,collaborative,owner(id)';

export interface DeviceTarget {
  /** Target this device instead of the active one. */
  deviceId?: string;
}

export interface PlayOptions extends DeviceTarget {
  /** An album, artist, playlist or show URI. */
  contextUri?: string;
  /** Track or episode URIs to play instead of a context. */
  uris?: readonly string[];
  /** Where in the context (or `uris`) to start: an index or an item URI. */
  offset?: { position: number } | { uri: string };
  positionMs?: number;
}

export interface PageOptions {
  /** 1..50. */
  limit?: number;
  offset?: number;
}

export interface RecentlyPlayedOptions {
  /** 1..50. */
  limit?: number;
  /** Unix ms cursor; give `after` or `before`, not both. */
  after?: number;
  before?: number;
}

export type SearchType = 'track' | 'artist' | 'album' | 'playlist';

export interface SearchOptions {
  /** 1..10 (Spotify's limit since 2026). Default 10. */
  limit?: number;
  offset?: number;
}

/**
 * The typed Web API operations the mini-player, tray and hotkeys use. Every method takes an optional
 * CallOptions (abort signal, fail fast while rate limited) and rejects only with SpotifyApiError.
 * Retry classes per operation: see operations.ts.
 */
export class SpotifyWebApi {
  readonly client: SpotifyApiClient;

  constructor(client: SpotifyApiClient) {
    this.client = client;
  }

  // --- profile -------------------------------------------------------------------------------------

  getProfile(options?: CallOptions): Promise<User> {
    return this.client.read({ operation: 'getProfile' }, UserSchema, options);
  }

  // --- player state --------------------------------------------------------------------------------

  /** `null` when nothing is playing on any device (204). */
  getPlaybackState(options?: CallOptions): Promise<PlaybackState | null> {
    const request: ApiRequest = {
      operation: 'getPlaybackState',
      query: PLAYER_READ_QUERY,
    };
    return this.client.readOrNull(request, PlaybackStateSchema, options);
  }

  /** `null` when nothing is playing (204). */
  getCurrentlyPlaying(options?: CallOptions): Promise<CurrentlyPlaying | null> {
    const request: ApiRequest = {
      operation: 'getCurrentlyPlaying',
      query: PLAYER_READ_QUERY,
    };
    return this.client.readOrNull(request, CurrentlyPlayingSchema, options);
  }

  async getDevices(options?: CallOptions): Promise<Device[]> {
    const { devices } = await this.client.read({ operation: 'getDevices' }, DevicesSchema, options);
    return devices;
  }

  getQueue(options?: CallOptions): Promise<Queue> {
    return this.client.read({ operation: 'getQueue' }, QueueSchema, options);
  }

  async getRecentlyPlayed(
    params: RecentlyPlayedOptions = {},
    options?: CallOptions,
  ): Promise<RecentlyPlayed> {
    if (params.after !== undefined && params.before !== undefined) {
      throw invalid('getRecentlyPlayed', 'Give either "after" or "before", not both.');
    }
    const query = { limit: limit(params.limit, LIMITS.pageSize), after: params.after, before: params.before };
    return this.client.read({ operation: 'getRecentlyPlayed', query }, RecentlyPlayedSchema, options);
  }

  // --- player commands -----------------------------------------------------------------------------

  /** Moves playback to one device; `play: true` also starts it there. */
  transferPlayback(deviceId: string, params: { play?: boolean } = {}, options?: CallOptions): Promise<void> {
    const body =
      params.play === undefined ? { device_ids: [deviceId] } : { device_ids: [deviceId], play: params.play };
    return this.client.command({ operation: 'transferPlayback', body }, options);
  }

  /**
   * Without a context, URIs, offset or position: resumes (repeatable). With any of them: starts that
   * playback (sent once, never repeated on failure).
   */
  play(params: PlayOptions = {}, options?: CallOptions): Promise<void> {
    const query = { device_id: params.deviceId };
    const body: Record<string, unknown> = {};
    if (params.contextUri !== undefined) body['context_uri'] = params.contextUri;
    if (params.uris !== undefined) body['uris'] = [...params.uris];
    if (params.offset !== undefined) body['offset'] = { ...params.offset };
    if (params.positionMs !== undefined) body['position_ms'] = nonNegativeInteger(params.positionMs);
    if (Object.keys(body).length === 0) return this.client.command({ operation: 'resume', query }, options);
    return this.client.command({ operation: 'play', query, body }, options);
  }

  pause(params: DeviceTarget = {}, options?: CallOptions): Promise<void> {
    return this.client.command({ operation: 'pause', query: { device_id: params.deviceId } }, options);
  }

  next(params: DeviceTarget = {}, options?: CallOptions): Promise<void> {
    return this.client.command({ operation: 'next', query: { device_id: params.deviceId } }, options);
  }

  previous(params: DeviceTarget = {}, options?: CallOptions): Promise<void> {
    return this.client.command({ operation: 'previous', query: { device_id: params.deviceId } }, options);
  }

  seek(positionMs: number, params: DeviceTarget = {}, options?: CallOptions): Promise<void> {
    const query = { position_ms: nonNegativeInteger(positionMs), device_id: params.deviceId };
    return this.client.command({ operation: 'seek', query }, options);
  }

  /** 0..100; out-of-range values are clamped. */
  setVolume(percent: number, params: DeviceTarget = {}, options?: CallOptions): Promise<void> {
    const volume = Math.min(100, Math.max(0, Math.round(percent)));
    const query = { volume_percent: volume, device_id: params.deviceId };
    return this.client.command({ operation: 'setVolume', query }, options);
  }

  setShuffle(on: boolean, params: DeviceTarget = {}, options?: CallOptions): Promise<void> {
    return this.client.command(
      { operation: 'setShuffle', query: { state: on, device_id: params.deviceId } },
      options,
    );
  }

  setRepeat(mode: RepeatState, params: DeviceTarget = {}, options?: CallOptions): Promise<void> {
    return this.client.command(
      { operation: 'setRepeat', query: { state: mode, device_id: params.deviceId } },
      options,
    );
  }

  /** Adds a track or episode URI to the end of the queue. */
  addToQueue(uri: string, params: DeviceTarget = {}, options?: CallOptions): Promise<void> {
    return this.client.command(
      { operation: 'addToQueue', query: { uri, device_id: params.deviceId } },
      options,
    );
  }

  // --- library -------------------------------------------------------------------------------------

  /** Liked Songs, newest first. */
  getSavedTracks(params: PageOptions = {}, options?: CallOptions): Promise<Page<SavedTrack>> {
    const query = { ...pageQuery(params), market: MARKET };
    return this.client.read({ operation: 'getSavedTracks', query }, SavedTracksPageSchema, options);
  }

  /** Saves tracks, episodes, albums… by URI (PUT /me/library, at most 40). */
  async saveToLibrary(uris: readonly string[], options?: CallOptions): Promise<void> {
    const query = { uris: libraryUris('saveToLibrary', uris) };
    return this.client.command({ operation: 'saveToLibrary', query }, options);
  }

  async removeFromLibrary(uris: readonly string[], options?: CallOptions): Promise<void> {
    const query = { uris: libraryUris('removeFromLibrary', uris) };
    return this.client.command({ operation: 'removeFromLibrary', query }, options);
  }

  /** One boolean per URI, in order (GET /me/library/contains, at most 40). */
  async checkLibrary(uris: readonly string[], options?: CallOptions): Promise<boolean[]> {
    const query = { uris: libraryUris('checkLibrary', uris) };
    const saved = await this.client.read({ operation: 'checkLibrary', query }, BooleansSchema, options);
    if (saved.length !== uris.length) {
      throw new SpotifyApiError({
        kind: 'malformed-response',
        operation: 'checkLibrary',
        detail: `Spotify answered ${saved.length} values for ${uris.length} items`,
      });
    }
    return saved;
  }

  // --- playlists -----------------------------------------------------------------------------------

  /** Playlists the user owns or follows. */
  getMyPlaylists(params: PageOptions = {}, options?: CallOptions): Promise<Page<Playlist>> {
    return this.client.read(
      { operation: 'getMyPlaylists', query: pageQuery(params) },
      PlaylistsPageSchema,
      options,
    );
  }

  /** A page of a playlist's tracks and episodes; null entries and items of other types are dropped. */
  getPlaylistItems(
    playlistId: string,
    params: PageOptions = {},
    options?: CallOptions,
  ): Promise<Page<PlayableItem>> {
    const request: ApiRequest = {
      operation: 'getPlaylistItems',
      pathParams: { playlist_id: playlistId },
      query: { ...pageQuery(params), market: MARKET, additional_types: ADDITIONAL_TYPES },
    };
    return this.client.read(request, PlaylistItemsPageSchema, options);
  }

  /**
   * A page of a playlist's entry URIs only (`fields`), each as the playlist holds it: for a relinked
   * track the original's. For the duplicate check before an add.
   */
  getPlaylistUris(
    playlistId: string,
    params: PageOptions = {},
    options?: CallOptions,
  ): Promise<PlaylistUrisPage> {
    const request: ApiRequest = {
      operation: 'getPlaylistItems',
      pathParams: { playlist_id: playlistId },
      query: { ...pageQuery(params), fields: PLAYLIST_URIS_FIELDS, additional_types: ADDITIONAL_TYPES },
    };
    return this.client.read(request, PlaylistUrisPageSchema, options);
  }

  /**
   * A playlist's name and who may add to it (owner, collaborative), and with `withUris` also the URIs of
   * its first (up to 100) entries, which Spotify embeds: one request answers most duplicate checks.
   */
  getPlaylistHead(
    playlistId: string,
    params: { withUris?: boolean } = {},
    options?: CallOptions,
  ): Promise<PlaylistHead> {
    const fields = params.withUris
      ? `${PLAYLIST_ACCESS_FIELDS},items(${PLAYLIST_URIS_FIELDS})`
      : PLAYLIST_ACCESS_FIELDS;
    const request: ApiRequest = {
      operation: 'getPlaylist',
      pathParams: { playlist_id: playlistId },
      query: { fields, additional_types: ADDITIONAL_TYPES },
    };
    return this.client.read(request, PlaylistHeadSchema, options);
  }

  // --- albums --------------------------------------------------------------------------------------

  /** The albums saved in the user's library, newest first. */
  getSavedAlbums(params: PageOptions = {}, options?: CallOptions): Promise<Page<SavedAlbum>> {
    const query = { ...pageQuery(params), market: MARKET };
    return this.client.read({ operation: 'getSavedAlbums', query }, SavedAlbumsPageSchema, options);
  }

  /** An album with the first page of its tracks (up to 50). */
  getAlbum(albumId: string, options?: CallOptions): Promise<AlbumWithTracks> {
    const request: ApiRequest = {
      operation: 'getAlbum',
      pathParams: { album_id: albumId },
      query: { market: MARKET },
    };
    return this.client.read(request, AlbumWithTracksSchema, options);
  }

  /** A page of an album's tracks (without their album: `album` is null). */
  getAlbumTracks(albumId: string, params: PageOptions = {}, options?: CallOptions): Promise<Page<Track>> {
    const request: ApiRequest = {
      operation: 'getAlbumTracks',
      pathParams: { album_id: albumId },
      query: { ...pageQuery(params), market: MARKET },
    };
    return this.client.read(request, AlbumTracksPageSchema, options);
  }

  /**
   * Adds track/episode URIs (at most 100) to a playlist, appended unless `position` is given. A command:
   * any 2xx is success and its body is drained, never parsed. Sent once, never repeated on failure.
   */
  async addToPlaylist(
    playlistId: string,
    uris: readonly string[],
    params: { position?: number } = {},
    options?: CallOptions,
  ): Promise<void> {
    if (playlistId === '') throw invalid('addToPlaylist', 'Choose a playlist to add to.');
    if (uris.length === 0 || uris.length > LIMITS.playlistItems) {
      throw invalid('addToPlaylist', `Add between 1 and ${LIMITS.playlistItems} items at a time.`);
    }
    const body: Record<string, unknown> = { uris: [...uris] };
    if (params.position !== undefined) body['position'] = nonNegativeInteger(params.position);
    const request: ApiRequest = { operation: 'addToPlaylist', pathParams: { playlist_id: playlistId }, body };
    await this.client.command(request, options);
  }

  // --- search --------------------------------------------------------------------------------------

  async search(
    text: string,
    types: readonly SearchType[] = ['track'],
    params: SearchOptions = {},
    options?: CallOptions,
  ): Promise<SearchResults> {
    if (text.trim() === '') throw invalid('search', 'Type something to search for.');
    if (types.length === 0) throw invalid('search', 'Choose at least one kind of result.');
    const query = {
      q: text,
      type: [...new Set(types)].join(','),
      limit: limit(params.limit ?? LIMITS.searchLimit, LIMITS.searchLimit),
      offset: offset(params.offset),
      market: MARKET,
    };
    return this.client.read({ operation: 'search', query }, SearchResultsSchema, options);
  }
}

function pageQuery(params: PageOptions): { limit: number | undefined; offset: number | undefined } {
  return { limit: limit(params.limit, LIMITS.pageSize), offset: offset(params.offset) };
}

function limit(value: number | undefined, max: number): number | undefined {
  if (value === undefined) return undefined;
  return Math.min(max, Math.max(1, Math.floor(value)));
}

function offset(value: number | undefined): number | undefined {
  return value === undefined ? undefined : nonNegativeInteger(value);
}

function nonNegativeInteger(value: number): number {
  return Number.isFinite(value) ? Math.max(0, Math.round(value)) : 0;
}

function libraryUris(operation: string, uris: readonly string[]): string {
  if (uris.length === 0 || uris.length > LIMITS.libraryUris) {
    throw invalid(operation, `Save, remove or check between 1 and ${LIMITS.libraryUris} items at a time.`);
  }
  return uris.join(',');
}

/** A call Spotify would reject anyway; refused before any request goes out. */
function invalid(operation: string, message: string): SpotifyApiError {
  return new SpotifyApiError({ kind: 'bad-request', operation, message });
}
