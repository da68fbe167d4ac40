/** What the library, search and queue panels draw: the Web API's shapes reduced to what is shown. */

/** A track or podcast episode in a list (Liked, a playlist, an album, search, the queue, recently played). */
export interface LibraryTrack {
  /**
   * The URI to play, like, queue and add: for a relinked track the one the user's library holds
   * (`linked_from`, docs/SPOTIFY.md), for a local file its `spotify:local:` URI.
   */
  readonly uri: string;
  readonly type: 'track' | 'episode';
  readonly name: string;
  /** Artist names (tracks) or the show's name (episodes). */
  readonly artists: readonly string[];
  /** Album name (tracks) or show name (episodes). */
  readonly album: string | null;
  readonly artUrl: string | null;
  readonly durationMs: number;
  /** The open.spotify.com address ("Copy song link", "Open in Spotify"); null for local files. */
  readonly link: string | null;
  /** False when Spotify says it cannot play in the user's country (`is_playable: false`). */
  readonly playable: boolean;
  /** A local file: it cannot be queued, liked or added to a playlist through the Web API. */
  readonly isLocal: boolean;
}

export interface PlaylistSummary {
  readonly id: string;
  readonly uri: string;
  readonly name: string;
  /** The owner's display name (or ID); null when Spotify gives none. */
  readonly ownerName: string | null;
  readonly artUrl: string | null;
  readonly trackCount: number;
  /** Owned or collaborative: items can be added. */
  readonly canAdd: boolean;
}

export interface AlbumSummary {
  readonly id: string;
  readonly uri: string;
  readonly name: string;
  readonly artists: readonly string[];
  readonly artUrl: string | null;
  readonly trackCount: number;
  /** The release year ("2019"), when Spotify gives a date. */
  readonly year: string | null;
}

export interface ArtistSummary {
  readonly id: string;
  readonly uri: string;
  readonly name: string;
  readonly artUrl: string | null;
}

export interface PageOf<T> {
  readonly items: readonly T[];
  readonly offset: number;
  readonly total: number;
  readonly hasMore: boolean;
}

export interface QueueView {
  readonly current: LibraryTrack | null;
  readonly upNext: readonly LibraryTrack[];
}

/** One play from GET /me/player/recently-played, newest first. */
export interface RecentPlay {
  readonly track: LibraryTrack;
  /** When it finished or was skipped (epoch ms). */
  readonly playedAt: number;
  /** The album, playlist, artist or Liked Songs it was played from; null for a bare list of tracks. */
  readonly contextUri: string | null;
}

/** One search, at most SEARCH_RESULTS_PER_TYPE of each kind (Spotify's limit). */
export interface SearchResults {
  /** The query these results are for (trimmed), so a late answer can be told from the current one. */
  readonly query: string;
  readonly tracks: readonly LibraryTrack[];
  readonly albums: readonly AlbumSummary[];
  readonly playlists: readonly PlaylistSummary[];
  readonly artists: readonly ArtistSummary[];
}

/** Spotify's search answers at most 10 results per type (docs/SPOTIFY.md). */
export const SEARCH_RESULTS_PER_TYPE = 10;

/**
 * The open.spotify.com address of a `spotify:{type}:{id}` URI (a track, episode, album, playlist, artist or
 * show); null for anything else (local files, placeholders).
 */
export function webLink(uri: string): string | null {
  const match = /^spotify:(track|episode|album|playlist|artist|show):([A-Za-z0-9]{1,64})$/.exec(uri);
  return match ? `https://open.spotify.com/${match[1]}/${match[2]}` : null;
}
