/**
 * The duplicate check's paging and its bound, on a long playlist built through the real Web API client
 * against the simulator.
 */
import { describe, expect, it } from 'vitest';
import {
  DUPLICATE_PAGE_SIZE,
  DUPLICATE_SCAN_LIMIT,
  playlistHolds,
} from '../../../src/main/app/playlist-duplicates.ts';
import { harnessPerTest } from '../spotify/support.ts';

const h = harnessPerTest();

/** Fills the first playlist to `length` items with catalogue tracks, none of them `spared`. */
async function longPlaylist(
  length: number,
  spared: string,
): Promise<{ id: string; uris: readonly string[] }> {
  const playlist = h.sim.player.playlists()[0]!;
  const pool = h.sim.player
    .catalogue()
    .map((t) => t.uri)
    .filter((uri) => uri !== spared);
  let missing = length - playlist.itemUris.length;
  while (missing > 0) {
    const batch = Array.from({ length: Math.min(100, missing) }, (_, i) => pool[i % pool.length]!);
    await h.api.addToPlaylist(playlist.id, batch);
    missing -= batch.length;
  }
  const uris = h.sim.player.playlists()[0]!.itemUris;
  expect(uris.includes(spared)).toBe(false);
  return { id: playlist.id, uris };
}

const pageReads = (id: string) =>
  h.sim.requests.entries.filter((e) => e.method === 'GET' && e.path === `/v1/playlists/${id}/items`);

describe('playlistHolds', () => {
  it('reads the embedded 100, then pages of 50, and stops at the bound', async () => {
    const spared = h.sim.player.catalogue().at(-1)!.uri;
    const { id } = await longPlaylist(DUPLICATE_SCAN_LIMIT + 80, spared);

    // Nothing found: the head's 100, then (300 - 100) / 50 pages, never past the bound.
    const head = await h.api.getPlaylistHead(id, { withUris: true });
    h.sim.requests.reset();
    expect(await playlistHolds(h.api, id, spared, head.items, {})).toBe(false);
    const reads = pageReads(id);
    expect(reads).toHaveLength((DUPLICATE_SCAN_LIMIT - 100) / DUPLICATE_PAGE_SIZE);
    expect(reads.map((e) => e.query['offset'])).toEqual(['100', '150', '200', '250']);

    // An item within the bound is found, reading only as far as it.
    await h.api.addToPlaylist(id, [spared], { position: 160 });
    const again = await h.api.getPlaylistHead(id, { withUris: true });
    h.sim.requests.reset();
    expect(await playlistHolds(h.api, id, spared, again.items, {})).toBe(true);
    expect(pageReads(id).map((e) => e.query['offset'])).toEqual(['100', '150']);
  });

  it('past the bound a copy goes unnoticed (the documented trade-off)', async () => {
    const spared = h.sim.player.catalogue().at(-1)!.uri;
    const { id } = await longPlaylist(DUPLICATE_SCAN_LIMIT + 20, spared);
    await h.api.addToPlaylist(id, [spared]);
    const head = await h.api.getPlaylistHead(id, { withUris: true });
    expect(await playlistHolds(h.api, id, spared, head.items, {})).toBe(false);
  });

  it('without an embedded page, the scan starts at 0 itself', async () => {
    const playlist = h.sim.player.playlists()[0]!;
    h.sim.requests.reset();
    expect(await playlistHolds(h.api, playlist.id, playlist.itemUris.at(-1)!, null, {})).toBe(true);
    expect(pageReads(playlist.id).map((e) => e.query['offset'])).toEqual(['0']);
  });
});
