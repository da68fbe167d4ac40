import { describe, expect, it } from 'vitest';
import { harnessPerTest } from './support.ts';

const h = harnessPerTest();

function firstPlaylist(): { id: string; itemUris: readonly string[] } {
  const playlist = h.sim.player.playlists()[0];
  if (!playlist) throw new Error('the seed has no playlist');
  return playlist;
}

/** A page body as Spotify sends it, for answers the simulator cannot produce (null entries, odd items). */
function pageBody(items: unknown[], next: string | null = null): string {
  return JSON.stringify({
    href: 'h',
    items,
    limit: 50,
    next,
    offset: 0,
    previous: null,
    total: items.length,
  });
}

const track = (id: string, extra: Record<string, unknown> = {}) => ({
  type: 'track',
  id,
  uri: `spotify:track:${id}`,
  name: `Track ${id}`,
  duration_ms: 1000,
  artists: [{ id: 'a', name: 'Artist', uri: 'spotify:artist:a' }],
  album: { id: 'al', name: 'Album', uri: 'spotify:album:al', images: [] },
  ...extra,
});

describe('playlists', () => {
  it('getPlaylistItems pages in the user’s market, with episodes', async () => {
    const playlist = firstPlaylist();
    const page = await h.api.getPlaylistItems(playlist.id, { limit: 5, offset: 2 });
    expect(h.lastRequest()).toMatchObject({
      method: 'GET',
      path: `/v1/playlists/${playlist.id}/items`,
      query: { limit: '5', offset: '2', market: 'from_token', additional_types: 'track,episode' },
    });
    expect(page.items.map((item) => item.uri)).toEqual(playlist.itemUris.slice(2, 7));
    expect(page).toMatchObject({ offset: 2, total: playlist.itemUris.length });
  });

  it('getPlaylistItems drops null entries and items that are neither tracks nor episodes', async () => {
    const path = '/v1/playlists/pl/items';
    const episode = {
      type: 'episode',
      id: 'e1',
      uri: 'spotify:episode:e1',
      name: 'Ep',
      duration_ms: 5,
      images: [],
      show: null,
    };
    const body = pageBody([
      { item: track('t1'), track: track('t1') },
      null,
      { item: null, track: null },
      { item: { type: 'chapter', uri: 'spotify:chapter:c', name: 'C', duration_ms: 1 } },
      // Only the deprecated name: still read.
      { track: episode },
    ]);
    h.sim.injectFault({ method: 'GET', path, status: 200, body });
    const page = await h.api.getPlaylistItems('pl');
    expect(page.items.map((item) => item.uri)).toEqual(['spotify:track:t1', 'spotify:episode:e1']);
    expect(page.total).toBe(5);
  });

  it('getPlaylistUris asks only for the URIs, and names a relinked track by the original', async () => {
    const playlist = firstPlaylist();
    const page = await h.api.getPlaylistUris(playlist.id, { limit: 50 });
    expect(h.lastRequest().query).toMatchObject({
      fields: 'next,total,items(item(uri,linked_from(uri)),track(uri,linked_from(uri)))',
      limit: '50',
    });
    expect(page).toEqual({
      next: null,
      total: playlist.itemUris.length,
      count: playlist.itemUris.length,
      uris: playlist.itemUris,
    });

    const path = '/v1/playlists/pl/items';
    const relinked = { uri: 'spotify:track:copy', linked_from: { uri: 'spotify:track:original' } };
    h.sim.injectFault({
      method: 'GET',
      path,
      status: 200,
      body: JSON.stringify({
        next: 'more',
        total: 9,
        items: [{ item: relinked }, null, { track: { uri: 'x' } }],
      }),
    });
    expect(await h.api.getPlaylistUris('pl')).toEqual({
      next: 'more',
      total: 9,
      count: 3,
      uris: ['spotify:track:original', 'x'],
    });
  });

  it('getPlaylistHead: name and owner, with the first entries’ URIs when asked', async () => {
    const playlist = firstPlaylist();
    const head = await h.api.getPlaylistHead(playlist.id, { withUris: true });
    expect(h.lastRequest()).toMatchObject({ method: 'GET', path: `/v1/playlists/${playlist.id}` });
    expect(h.lastRequest().query['fields']).toMatch(
      /^name,collaborative,owner\(id\),items\(next,total,items\(/,
    );
    expect(head).toMatchObject({ name: h.sim.player.playlists()[0]!.name, collaborative: false });
    expect(head.owner.id).not.toBe('');
    expect(head.items?.uris).toEqual(playlist.itemUris);

    const bare = await h.api.getPlaylistHead(playlist.id);
    expect(h.lastRequest().query['fields']).toBe('name,collaborative,owner(id)');
    expect(bare.items).toBeNull();
  });
});

describe('albums', () => {
  it('getSavedAlbums pages through the saved albums, with their track counts', async () => {
    const page = await h.api.getSavedAlbums({ limit: 2, offset: 1 });
    expect(h.lastRequest()).toMatchObject({
      method: 'GET',
      path: '/v1/me/albums',
      query: { limit: '2', offset: '1', market: 'from_token' },
    });
    expect(page.items).toHaveLength(2);
    expect(page.offset).toBe(1);
    const album = page.items[0]!.album;
    expect(album.uri).toBe(`spotify:album:${album.id}`);
    expect(album.total_tracks).toBeGreaterThan(0);
    expect(album.images.length).toBeGreaterThan(0);
  });

  it('getAlbum brings the first tracks; getAlbumTracks pages on (tracks without their album)', async () => {
    const saved = await h.api.getSavedAlbums({ limit: 1 });
    const id = saved.items[0]!.album.id;
    const album = await h.api.getAlbum(id);
    expect(h.lastRequest()).toMatchObject({ path: `/v1/albums/${id}`, query: { market: 'from_token' } });
    expect(album.tracks?.total).toBe(album.total_tracks);
    expect(album.tracks?.items[0]?.album).toBeNull();

    const page = await h.api.getAlbumTracks(id, { limit: 2, offset: 1 });
    expect(h.lastRequest()).toMatchObject({
      path: `/v1/albums/${id}/tracks`,
      query: { limit: '2', offset: '1', market: 'from_token' },
    });
    expect(page.items.map((t) => t.uri)).toEqual(album.tracks?.items.slice(1, 3).map((t) => t.uri));
  });
});

describe('search', () => {
  it('drops null entries of every kind', async () => {
    const empty = { href: 'h', limit: 10, next: null, offset: 0, previous: null };
    h.sim.injectFault({
      method: 'GET',
      path: '/v1/search',
      status: 200,
      body: JSON.stringify({
        tracks: { ...empty, total: 2, items: [null, track('t1')] },
        albums: { ...empty, total: 1, items: [null] },
        artists: { ...empty, total: 1, items: [null] },
        playlists: { ...empty, total: 1, items: [null] },
      }),
    });
    const results = await h.api.search('x', ['track', 'album', 'artist', 'playlist']);
    expect(h.lastRequest().query).toMatchObject({ market: 'from_token', limit: '10' });
    expect(results.tracks?.items.map((t) => t.uri)).toEqual(['spotify:track:t1']);
    expect(results.albums?.items).toEqual([]);
    expect(results.artists?.items).toEqual([]);
    expect(results.playlists?.items).toEqual([]);
  });
});
