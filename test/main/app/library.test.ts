import { afterEach, describe, expect, it } from 'vitest';
import {
  toAlbumSummary,
  toLibraryTrack,
  toPage,
  toPlaylistSummary,
  toQueueView,
  toRecentPlay,
} from '../../../src/main/app/library.ts';
import type { Playlist } from '../../../src/main/spotify/index.ts';
import { signIn, startApp, type AppHarness } from './harness.ts';

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('library channels against the simulator', () => {
  it('pages through Liked Songs', async () => {
    h = await startApp();
    await signIn(h);
    const liked = h.sim.player.likedUris();
    const first = await h.app.handlers['library:likedSongs']({ offset: 0, limit: 20 });
    expect(first).toMatchObject({ offset: 0, total: liked.length, hasMore: true });
    expect(first.items.map((t) => t.uri)).toEqual(liked.slice(0, 20));
    const track = first.items[0]!;
    expect(track.name).not.toBe('');
    expect(track.artists.length).toBeGreaterThan(0);
    expect(track.album).not.toBeNull();
    expect(track.durationMs).toBeGreaterThan(0);

    const rest = await h.app.handlers['library:likedSongs']({ offset: 20, limit: 50 });
    expect(rest).toMatchObject({ offset: 20, total: liked.length, hasMore: false });
    expect(rest.items.map((t) => t.uri)).toEqual(liked.slice(20));
  });

  it('lists playlists (canAdd for own ones) and adds the current track to one', async () => {
    h = await startApp();
    await signIn(h);
    const page = await h.app.handlers['library:playlists']({ offset: 0, limit: 50 });
    const playlists = h.sim.player.playlists();
    expect(page).toMatchObject({ offset: 0, total: playlists.length, hasMore: false });
    expect(page.items.map((p) => p.name)).toEqual(playlists.map((p) => p.name));
    expect(page.items.every((p) => p.canAdd)).toBe(true);
    expect(page.items[0]!.trackCount).toBe(playlists[0]!.itemUris.length);

    const target = page.items[1]!;
    const current = h.sim.player.snapshot().itemUri!;
    expect(await h.app.handlers['library:addCurrentToPlaylist']({ playlistId: target.id })).toEqual({
      ok: true,
    });
    expect(
      h.sim.player
        .playlists()
        .find((p) => p.id === target.id)
        ?.itemUris.at(-1),
    ).toBe(current);

    // Spotify's refusal comes back as a result with its message.
    const missing = await h.app.handlers['library:addCurrentToPlaylist']({
      playlistId: '0000000000000000000000',
    });
    expect(missing).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });

  it('refuses to add to a playlist when nothing is playing', async () => {
    h = await startApp({ before: (sim) => sim.player.deactivate() });
    await signIn(h);
    expect(h.app.getSnapshot().item).toBeNull();
    const result = await h.app.handlers['library:addCurrentToPlaylist']({ playlistId: 'abc' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'refused' } });
    expect(result.ok || ('error' in result && result.error.message)).toMatch(/Nothing is playing/);
  });

  it('shows the queue and adds to it', async () => {
    h = await startApp();
    await signIn(h);
    const before = await h.app.handlers['library:queue'](undefined);
    expect(before.current?.uri).toBe(h.sim.player.snapshot().itemUri);
    expect(before.upNext.map((t) => t.uri)).toEqual(h.sim.player.snapshot().queue);

    const uri = h.sim.player.catalogue().at(-1)!.uri;
    expect(await h.app.handlers['library:addToQueue']({ uri })).toEqual({ ok: true });
    expect(h.sim.player.snapshot().userQueue).toEqual([uri]);
    const after = await h.app.handlers['library:queue'](undefined);
    expect(after.upNext[0]?.uri).toBe(uri);
  });

  it('refuses library reads while signed out with a typed error', async () => {
    h = await startApp({ clientId: null });
    for (const read of [
      () => h!.app.handlers['library:likedSongs']({ offset: 0, limit: 1 }),
      () => h!.app.handlers['library:playlists']({ offset: 0, limit: 1 }),
      () => h!.app.handlers['library:queue'](undefined),
    ]) {
      await expect(read()).rejects.toMatchObject({
        name: 'UserFacingError',
        code: 'no-client-id',
        message: expect.stringMatching(/client ID/) as string,
      });
    }
  });
});

describe('library mapping', () => {
  const playlist = (over: Partial<Playlist>): Playlist => ({
    id: 'p1',
    name: 'P',
    uri: 'spotify:playlist:p1',
    description: null,
    images: [
      { url: 'small', width: 60, height: 60 },
      { url: 'large', width: 640, height: 640 },
    ],
    owner: { id: 'someone-else', display_name: null },
    public: true,
    collaborative: false,
    snapshot_id: 's',
    items: null,
    tracks: { href: '', total: 7 },
    ...over,
  });

  it('canAdd: owner or collaborative only; the largest image; the item count from either field', () => {
    expect(toPlaylistSummary(playlist({}), 'me')).toEqual({
      id: 'p1',
      uri: 'spotify:playlist:p1',
      name: 'P',
      ownerName: 'someone-else',
      artUrl: 'large',
      trackCount: 7,
      canAdd: false,
    });
    expect(toPlaylistSummary(playlist({ collaborative: true }), 'me').canAdd).toBe(true);
    expect(toPlaylistSummary(playlist({ owner: { id: 'me', display_name: 'Me' } }), 'me').canAdd).toBe(true);
    expect(toPlaylistSummary(playlist({}), null).canAdd).toBe(false);
    expect(toPlaylistSummary(playlist({ items: { href: '', total: 3 } }), 'me').trackCount).toBe(3);
  });

  it('a track: the player’s mapping, with only the fields the library shows', () => {
    expect(
      toLibraryTrack({
        type: 'track',
        id: 't1',
        uri: 'spotify:track:t1',
        name: 'Song',
        duration_ms: 100_000,
        explicit: false,
        is_local: false,
        artists: [
          { id: 'a1', name: 'One', uri: 'spotify:artist:a1' },
          { id: 'a2', name: 'Two', uri: 'spotify:artist:a2' },
        ],
        album: {
          id: 'al',
          name: 'Album',
          uri: 'spotify:album:al',
          images: [
            { url: 'small', width: 64, height: 64 },
            { url: 'big', width: 640, height: 640 },
            { url: 'unsized', width: null, height: null },
          ],
        },
      }),
    ).toEqual({
      uri: 'spotify:track:t1',
      type: 'track',
      name: 'Song',
      artists: ['One', 'Two'],
      album: 'Album',
      artUrl: 'big',
      durationMs: 100_000,
      link: 'https://open.spotify.com/track/t1',
      playable: true,
      isLocal: false,
    });
  });

  it('pages follow Spotify’s next; episodes show their show', () => {
    const page = { href: '', items: [1, 2], limit: 2, next: null, offset: 4, previous: null, total: 9 };
    expect(toPage(page, String)).toEqual({ items: ['1', '2'], offset: 4, total: 9, hasMore: false });
    const view = toQueueView({
      currently_playing: {
        type: 'episode',
        id: 'e1',
        uri: 'spotify:episode:e1',
        name: 'Ep',
        duration_ms: 1000,
        explicit: false,
        images: [],
        show: {
          id: 's',
          name: 'The Show',
          uri: 'spotify:show:s',
          images: [{ url: 'cover', width: null, height: null }],
        },
      },
      queue: [],
    });
    expect(view.current).toEqual({
      uri: 'spotify:episode:e1',
      type: 'episode',
      name: 'Ep',
      artists: ['The Show'],
      album: 'The Show',
      artUrl: 'cover',
      durationMs: 1000,
      link: 'https://open.spotify.com/episode/e1',
      playable: true,
      isLocal: false,
    });
  });
  it('a relinked track is listed as the original (its URI and link); unplayable ones say so', () => {
    const copy = {
      type: 'track' as const,
      id: 'copy',
      uri: 'spotify:track:copy',
      name: 'Song',
      duration_ms: 1,
      explicit: false,
      is_local: false,
      is_playable: false,
      linked_from: { id: 'orig', uri: 'spotify:track:orig' },
      artists: [],
      album: null,
    };
    expect(toLibraryTrack(copy)).toMatchObject({
      uri: 'spotify:track:orig',
      link: 'https://open.spotify.com/track/orig',
      playable: false,
      album: null,
    });
    const local = { ...copy, id: null, uri: 'spotify:local:a:b:c:1', is_local: true, linked_from: null };
    expect(toLibraryTrack({ ...local, is_playable: undefined })).toMatchObject({
      uri: 'spotify:local:a:b:c:1',
      isLocal: true,
      link: null,
      playable: true,
    });
  });

  it('albums: the year from any date precision, the count from either field; plays keep their context', () => {
    const album = {
      id: 'al',
      name: 'A',
      uri: 'spotify:album:al',
      release_date: '1999-03',
      images: [],
      artists: [{ id: 'x', name: 'X', uri: 'spotify:artist:x' }],
    };
    expect(toAlbumSummary({ ...album, total_tracks: 9 })).toEqual({
      id: 'al',
      uri: 'spotify:album:al',
      name: 'A',
      artists: ['X'],
      artUrl: null,
      trackCount: 9,
      year: '1999',
    });
    expect(toAlbumSummary({ ...album, release_date: undefined, tracks: { total: 4 } })).toMatchObject({
      trackCount: 4,
      year: null,
    });
    const track = {
      type: 'track' as const,
      id: 't',
      uri: 'spotify:track:t',
      name: 'T',
      duration_ms: 1,
      explicit: false,
      is_local: false,
      artists: [],
      album: null,
    };
    expect(
      toRecentPlay({
        track,
        played_at: '2026-01-02T03:04:05.000Z',
        context: { uri: 'spotify:user:me:collection' },
      }),
    ).toMatchObject({ playedAt: Date.UTC(2026, 0, 2, 3, 4, 5), contextUri: 'spotify:user:me:collection' });
    expect(toRecentPlay({ track, played_at: 'garbled', context: null })).toMatchObject({
      playedAt: 0,
      contextUri: null,
    });
  });
});
