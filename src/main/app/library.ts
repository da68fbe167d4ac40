import type { LibraryTrack, PageOf, PlaylistSummary, QueueView } from '../../shared/app-state.ts';
import type { Image, Page, PlayableItem, Playlist, Queue } from '../spotify/index.ts';

/** Web API shapes → the shared shapes the renderer draws. */

export function toLibraryTrack(item: PlayableItem): LibraryTrack {
  if (item.type === 'track') {
    return {
      uri: item.uri,
      name: item.name,
      artists: item.artists.map((artist) => artist.name),
      album: item.album?.name ?? null,
      artUrl: largestImage(item.album?.images ?? []),
      durationMs: item.duration_ms,
    };
  }
  return {
    uri: item.uri,
    name: item.name,
    artists: item.show ? [item.show.name] : [],
    album: item.show?.name ?? null,
    artUrl: largestImage(item.images.length > 0 ? item.images : (item.show?.images ?? [])),
    durationMs: item.duration_ms,
  };
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

function largestImage(images: readonly Image[]): string | null {
  let best: Image | undefined;
  for (const image of images) {
    if (best === undefined || (image.width ?? 0) > (best.width ?? 0)) best = image;
  }
  return best?.url ?? null;
}
