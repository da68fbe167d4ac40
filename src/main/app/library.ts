import {
  webLink,
  type AlbumSummary,
  type ArtistSummary,
  type LibraryTrack,
  type PageOf,
  type PlaylistSummary,
  type QueueView,
  type RecentPlay,
} from '../../shared/library.ts';
import type {
  Album,
  Artist,
  Page,
  PlayableItem,
  PlayHistoryItem,
  Playlist,
  Queue,
} from '../spotify/index.ts';
import { largestImage, toPlayerItem } from '../spotify/player/index.ts';

/** Web API shapes → the shared shapes the renderer draws. */

/**
 * A track or episode. The URI is the one the library holds (a relinked track's `linked_from`, by the
 * player's mapping); `playable` is Spotify's `is_playable` (absent: playable, as without a market).
 */
export function toLibraryTrack(item: PlayableItem): LibraryTrack {
  const { uri, type, name, artists, album, artUrl, durationMs, isLocal } = toPlayerItem(item);
  return {
    uri,
    type: type === 'episode' ? 'episode' : 'track',
    name,
    artists,
    album,
    artUrl,
    durationMs,
    link: webLink(uri),
    playable: item.is_playable !== false,
    isLocal,
  };
}

/** The album an album's own tracks belong to (their SimplifiedTrackObjects name no album). */
export interface AlbumLabel {
  readonly name: string;
  readonly artUrl: string | null;
}

/** A track of an album's track list, with the album's name and art. */
export function toAlbumTrack(item: PlayableItem, album: AlbumLabel): LibraryTrack {
  return { ...toLibraryTrack(item), album: album.name, artUrl: album.artUrl };
}

/** `canAdd`: only the owner, or anyone for a collaborative playlist, may add items. */
export function toPlaylistSummary(playlist: Playlist, userId: string | null): PlaylistSummary {
  return {
    id: playlist.id,
    uri: playlist.uri,
    name: playlist.name,
    ownerName: playlist.owner.display_name ?? playlist.owner.id,
    artUrl: largestImage(playlist.images),
    trackCount: playlist.items?.total ?? playlist.tracks?.total ?? 0,
    canAdd: mayAddTo(playlist, userId),
  };
}

/** Whether the user may add to a playlist: they own it, or it is collaborative. */
export function mayAddTo(
  playlist: { readonly owner: { readonly id: string }; readonly collaborative: boolean },
  userId: string | null,
): boolean {
  return playlist.collaborative || (userId !== null && playlist.owner.id === userId);
}

/** `trackCount` from `total_tracks`, else the embedded track page's total (0 when Spotify gives neither). */
export function toAlbumSummary(
  album: Album & { readonly tracks?: { readonly total: number } | null },
): AlbumSummary {
  const year = /^\d{4}/.exec(album.release_date ?? '')?.[0] ?? null;
  return {
    id: album.id,
    uri: album.uri,
    name: album.name,
    artists: album.artists.map((artist) => artist.name),
    artUrl: largestImage(album.images),
    trackCount: album.total_tracks ?? album.tracks?.total ?? 0,
    year,
  };
}

export function toArtistSummary(artist: Artist): ArtistSummary {
  return { id: artist.id, uri: artist.uri, name: artist.name, artUrl: largestImage(artist.images) };
}

/**
 * One play. An unreadable `played_at` becomes 0 (listed last) rather than failing the whole list; the
 * context is what it was played from (an album, playlist, artist or the user's collection), or null.
 */
export function toRecentPlay(play: PlayHistoryItem): RecentPlay {
  const playedAt = Date.parse(play.played_at);
  return {
    track: toLibraryTrack(play.track),
    playedAt: Number.isFinite(playedAt) ? playedAt : 0,
    contextUri: play.context?.uri ?? null,
  };
}

export function toPage<S, T>(page: Page<S>, map: (item: S) => T): PageOf<T> {
  const items = page.items.map(map);
  return {
    items,
    offset: page.offset,
    total: page.total,
    // Spotify's `next`, not a count: playlist pages may have dropped null entries.
    hasMore: page.next !== null,
  };
}

export function toQueueView(queue: Queue): QueueView {
  return {
    current: queue.currently_playing === null ? null : toLibraryTrack(queue.currently_playing),
    upNext: queue.queue.map(toLibraryTrack),
  };
}
