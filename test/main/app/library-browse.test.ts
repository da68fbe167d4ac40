import { afterEach, describe, expect, it } from 'vitest';
import { SEED_USER_ID } from '../../../dev/simulator/index.ts';
import { SpotifyApiError } from '../../../src/main/spotify/index.ts';
import { signIn, startApp, type AppHarness } from './harness.ts';

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** GETs to paths starting with `prefix` (the engine's own reads are left out). */
const reads = (h: AppHarness, prefix: string) =>
  h.sim.requests.entries.filter((e) => e.method === 'GET' && e.path.startsWith(prefix)).map((e) => e.path);

describe('library:playlistItems', () => {
  it('pages through a playlist’s items', async () => {
    h = await startApp();
    await signIn(h);
    const playlist = h.sim.player.playlists().find((p) => p.itemUris.length > 10)!;
    const first = await h.app.handlers['library:playlistItems']({
      playlistId: playlist.id,
      offset: 0,
      limit: 10,
    });
    expect(first).toMatchObject({ offset: 0, total: playlist.itemUris.length, hasMore: true });
    expect(first.items.map((t) => t.uri)).toEqual(playlist.itemUris.slice(0, 10));
    expect(first.items[0]).toMatchObject({ type: 'track', playable: true, isLocal: false });
    expect(first.items[0]!.link).toMatch(/^https:\/\/open\.spotify\.com\/track\//);
    const rest = await h.app.handlers['library:playlistItems']({
      playlistId: playlist.id,
      offset: 10,
      limit: 50,
    });
    expect(rest).toMatchObject({ offset: 10, hasMore: false });
    expect(rest.items.map((t) => t.uri)).toEqual(playlist.itemUris.slice(10));
  });

  it('episodes and local files come as what they are (realistic content)', async () => {
    h = await startApp({ simulator: { profile: 'realistic', randomSeed: 1 } });
    await signIn(h);
    const playlist = h.sim.player
      .playlists()
      .find((p) => p.itemUris.some((u) => !u.startsWith('spotify:track:')))!;
    const page = await h.app.handlers['library:playlistItems']({
      playlistId: playlist.id,
      offset: 0,
      limit: 50,
    });
    expect(page.items.map((t) => t.uri)).toEqual(playlist.itemUris);
    const odd = page.items.filter((t) => !t.uri.startsWith('spotify:track:'));
    // Both kinds are there, so each branch below checks at least one item.
    expect(new Set(odd.map((t) => (t.isLocal ? 'local' : 'episode')))).toEqual(new Set(['local', 'episode']));
    for (const item of odd) {
      if (item.isLocal) expect(item).toMatchObject({ type: 'track', link: null });
      else
        expect(item).toMatchObject({
          type: 'episode',
          isLocal: false,
          link: expect.stringMatching(/\/episode\//) as string,
        });
    }
  });

  it('404 and 403 are typed errors; the 403 says which playlists Spotify lists', async () => {
    h = await startApp();
    await signIn(h);
    await expect(
      h.app.handlers['library:playlistItems']({ playlistId: '0000000000000000000000', offset: 0, limit: 10 }),
    ).rejects.toMatchObject({ name: 'SpotifyApiError', kind: 'not-found' });
    const playlist = h.sim.player.playlists()[0]!;
    h.sim.injectFault({ method: 'GET', path: `/v1/playlists/${playlist.id}/items`, status: 403 });
    const error = await h.app.handlers['library:playlistItems']({
      playlistId: playlist.id,
      offset: 0,
      limit: 10,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpotifyApiError);
    expect(error).toMatchObject({ kind: 'forbidden', status: 403 });
    expect((error as Error).message).toMatch(/only of playlists you own or collaborate on/);
  });

  it('a 429 fails at once', async () => {
    h = await startApp();
    await signIn(h);
    const playlist = h.sim.player.playlists()[0]!;
    h.sim.requests.reset();
    h.sim.injectFault({ method: 'GET', path: `/v1/playlists/${playlist.id}/items`, retryAfter: 20 });
    await expect(
      h.app.handlers['library:playlistItems']({ playlistId: playlist.id, offset: 0, limit: 10 }),
    ).rejects.toMatchObject({ kind: 'rate-limited', rateLimitedUntil: h.clock.now() + 20_000 });
    expect(reads(h, '/v1/playlists/')).toHaveLength(1);
  });
});

describe('albums', () => {
  it('saved albums: summaries with art, year and track count', async () => {
    h = await startApp();
    await signIn(h);
    const page = await h.app.handlers['library:savedAlbums']({ offset: 0, limit: 50 });
    expect(page.items.length).toBeGreaterThan(1);
    expect(page).toMatchObject({ offset: 0, total: page.items.length, hasMore: false });
    const album = page.items[0]!;
    expect(album.uri).toBe(`spotify:album:${album.id}`);
    expect(album.artists.length).toBeGreaterThan(0);
    expect(album.artUrl).toMatch(/^https:\/\//);
    expect(album.year).toMatch(/^\d{4}$/);
    expect(album.trackCount).toBeGreaterThan(0);
  });

  it('album tracks: one request per page, the album’s name and art on every track', async () => {
    h = await startApp();
    await signIn(h);
    const album = (await h.app.handlers['library:savedAlbums']({ offset: 0, limit: 1 })).items[0]!;
    // Known from the saved albums: only GET /albums/{id}/tracks.
    h.sim.requests.reset();
    const page = await h.app.handlers['library:albumTracks']({ albumId: album.id, offset: 0, limit: 50 });
    expect(reads(h, '/v1/albums/')).toEqual([`/v1/albums/${album.id}/tracks`]);
    expect(page).toMatchObject({ offset: 0, total: album.trackCount, hasMore: false });
    expect(page.items).toHaveLength(album.trackCount);
    for (const track of page.items) expect(track).toMatchObject({ album: album.name, artUrl: album.artUrl });
  });

  it('album tracks of an album not seen before: GET /albums/{id} alone serves the first page', async () => {
    h = await startApp();
    await signIn(h);
    // A new app: nothing is known about the album.
    const album = (await h.app.handlers['library:savedAlbums']({ offset: 0, limit: 1 })).items[0]!;
    const app = await h.restart();
    h.sim.requests.reset();
    const page = await app.handlers['library:albumTracks']({ albumId: album.id, offset: 1, limit: 2 });
    expect(reads(h, '/v1/albums/')).toEqual([`/v1/albums/${album.id}`]);
    expect(page).toMatchObject({ offset: 1, total: album.trackCount, hasMore: album.trackCount > 3 });
    expect(page.items).toHaveLength(2);
    expect(page.items[0]).toMatchObject({ album: album.name, artUrl: album.artUrl });
    // The next page: the album is known now, so one request again.
    h.sim.requests.reset();
    await app.handlers['library:albumTracks']({ albumId: album.id, offset: 3, limit: 2 });
    expect(reads(h, '/v1/albums/')).toEqual([`/v1/albums/${album.id}/tracks`]);
  });

  it('an unknown album is a typed 404', async () => {
    h = await startApp();
    await signIn(h);
    await expect(
      h.app.handlers['library:albumTracks']({ albumId: '0000000000000000000000', offset: 0, limit: 10 }),
    ).rejects.toMatchObject({ name: 'SpotifyApiError', kind: 'not-found' });
  });
});

describe('library:recentlyPlayed', () => {
  it('the last plays, newest first, with what they were played from', async () => {
    h = await startApp();
    await signIn(h);
    const collection = `spotify:user:${SEED_USER_ID}:collection`;
    const liked = h.sim.player.likedUris();
    expect(
      await h.app.handlers['player:playContext']({ context: 'liked', offset: { uri: liked[0]! } }),
    ).toEqual({
      ok: true,
    });
    await h.clock.advance(40_000);
    expect(await h.app.handlers['player:next'](undefined)).toEqual({ ok: true });
    await h.clock.advance(1_000);
    h.sim.requests.reset();
    const recent = await h.app.handlers['library:recentlyPlayed'](undefined);
    expect(
      h.sim.requests.entries.find((e) => e.path === '/v1/me/player/recently-played')?.query,
    ).toMatchObject({
      limit: '50',
    });
    expect(recent.length).toBeGreaterThan(0);
    expect(recent[0]).toMatchObject({ track: { uri: liked[0] }, contextUri: collection });
    expect(recent[0]!.playedAt).toBeLessThanOrEqual(h.clock.now());
    const times = recent.map((play) => play.playedAt);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('signed out: a typed error, no request', async () => {
    h = await startApp({ clientId: null });
    await expect(h.app.handlers['library:recentlyPlayed'](undefined)).rejects.toMatchObject({
      name: 'UserFacingError',
      message: expect.stringMatching(/client ID/) as string,
    });
    expect(h.sim.requests.count()).toBe(0);
  });
});
