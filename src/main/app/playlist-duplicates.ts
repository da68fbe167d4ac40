import type { CallOptions, PlaylistUrisPage, SpotifyWebApi } from '../spotify/index.ts';

/**
 * How many of a playlist's entries the duplicate check reads before an add: the first page GET
 * /playlists/{id} embeds (100) and then pages of DUPLICATE_PAGE_SIZE, so at most 1 + 4 requests.
 * Past the bound the check stops and the item is added: a copy further down a long playlist goes
 * unnoticed (the request budget matters more than a perfect answer for playlists this long).
 */
export const DUPLICATE_SCAN_LIMIT = 300;
/** Spotify's largest page of /playlists/{id}/items. */
export const DUPLICATE_PAGE_SIZE = 50;

/**
 * Whether `uri` is among the playlist's first DUPLICATE_SCAN_LIMIT entries. `first` is the page GET
 * /playlists/{id} embedded (offset 0), or null when it gave none: the scan then starts at 0 itself.
 */
export async function playlistHolds(
  api: SpotifyWebApi,
  playlistId: string,
  uri: string,
  first: PlaylistUrisPage | null,
  options: CallOptions,
): Promise<boolean> {
  let page = first;
  let offset = 0;
  for (;;) {
    page ??= await api.getPlaylistUris(playlistId, { offset, limit: DUPLICATE_PAGE_SIZE }, options);
    if (page.uris.includes(uri)) return true;
    offset += page.count;
    if (page.next === null || page.count === 0 || offset >= Math.min(page.total, DUPLICATE_SCAN_LIMIT)) {
      return false;
    }
    page = null;
  }
}
