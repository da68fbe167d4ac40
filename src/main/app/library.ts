import {
  webLink,
  type LibraryTrack,
  type PageOf,
  type PlaylistSummary,
  type QueueView,
} from '../../shared/library.ts';
import type { Page, PlayableItem, Playlist, Queue } from '../spotify/index.ts';
import { largestImage, toPlayerItem } from '../spotify/player/index.ts';

/** Web API shapes → the shared shapes the renderer draws. */

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
    playable: item.type === 'track' ? item.is_playable !== false : true,
    isLocal,
  };
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
    canAdd: playlist.collaborative || (userId !== null && playlist.owner.id === userId),
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
