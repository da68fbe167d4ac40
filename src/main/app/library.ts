import type { LibraryTrack, PageOf, PlaylistSummary, QueueView } from '../../shared/app-state.ts';
import type { Page, PlayableItem, Playlist, Queue } from '../spotify/index.ts';
import { largestImage, toPlayerItem } from '../spotify/player/index.ts';

/** Web API shapes → the shared shapes the renderer draws. */

export function toLibraryTrack(item: PlayableItem): LibraryTrack {
  const { uri, name, artists, album, artUrl, durationMs } = toPlayerItem(item);
  return { uri, name, artists, album, artUrl, durationMs };
}

/** `canAdd`: only the owner, or anyone for a collaborative playlist, may add items. */
export function toPlaylistSummary(playlist: Playlist, userId: string | null): PlaylistSummary {
  return {
    id: playlist.id,
    name: playlist.name,
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
