import { afterEach, describe, expect, it } from 'vitest';
import { signIn, startApp, type AppHarness } from './harness.ts';

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The requests about one playlist, as "METHOD path". */
const playlistRequests = (h: AppHarness, id: string) =>
  h.sim.requests.entries
    .filter((e) => e.path.startsWith(`/v1/playlists/${id}`))
    .map((e) => `${e.method} ${e.path}`);

describe('library:addToPlaylist', () => {
  it('an item already there is not added; "add anyway" adds it without reading again', async () => {
    h = await startApp();
    await signIn(h);
    const current = h.sim.player.snapshot().itemUri!;
    const playlist = h.sim.player.playlists().find((p) => p.itemUris.includes(current))!;
    h.sim.requests.reset();
    expect(await h.app.handlers['library:addToPlaylist']({ playlistId: playlist.id, uri: current })).toEqual({
      ok: false,
      alreadyThere: true,
      playlistName: playlist.name,
    });
    // One read: GET /playlists/{id} brings the name, the owner and the first 100 URIs.
    expect(playlistRequests(h, playlist.id)).toEqual([`GET /v1/playlists/${playlist.id}`]);
    expect(
      h.sim.requests.entries.find((e) => e.path === `/v1/playlists/${playlist.id}`)?.query['fields'],
    ).toMatch(/^name,collaborative,owner\(id\),items\(/);
    expect(h.sim.player.playlists().find((p) => p.id === playlist.id)!.itemUris).toEqual(playlist.itemUris);

    h.sim.requests.reset();
    expect(
      await h.app.handlers['library:addToPlaylist']({
        playlistId: playlist.id,
        uri: current,
        allowDuplicate: true,
      }),
    ).toEqual({ ok: true });
    expect(playlistRequests(h, playlist.id)).toEqual([`POST /v1/playlists/${playlist.id}/items`]);
    const after = h.sim.player.playlists().find((p) => p.id === playlist.id)!.itemUris;
    expect(after.filter((uri) => uri === current)).toHaveLength(2);
  });

  it('a new item: one read, then the add', async () => {
    h = await startApp();
    await signIn(h);
    const playlist = h.sim.player.playlists()[1]!;
    const uri = h.sim.player.catalogue().find((t) => !playlist.itemUris.includes(t.uri))!.uri;
    h.sim.requests.reset();
    expect(await h.app.handlers['library:addToPlaylist']({ playlistId: playlist.id, uri })).toEqual({
      ok: true,
    });
    expect(playlistRequests(h, playlist.id)).toEqual([
      `GET /v1/playlists/${playlist.id}`,
      `POST /v1/playlists/${playlist.id}/items`,
    ]);
    expect(h.sim.player.playlists()[1]!.itemUris.at(-1)).toBe(uri);
  });

  it('the current item: the same check ("add anyway" too)', async () => {
    h = await startApp();
    await signIn(h);
    const current = h.sim.player.snapshot().itemUri!;
    const playlist = h.sim.player.playlists().find((p) => p.itemUris.includes(current))!;
    expect(await h.app.handlers['library:addCurrentToPlaylist']({ playlistId: playlist.id })).toMatchObject({
      ok: false,
      alreadyThere: true,
      playlistName: playlist.name,
    });
    expect(
      await h.app.handlers['library:addCurrentToPlaylist']({ playlistId: playlist.id, allowDuplicate: true }),
    ).toEqual({ ok: true });
  });

  it('a playlist the user cannot edit is refused before the add; an unknown one is Spotify’s 404', async () => {
    h = await startApp({ simulator: { profile: 'realistic', randomSeed: 1 } });
    await signIn(h);
    const followed = (await h.app.handlers['library:playlists']({ offset: 0, limit: 50 })).items.find(
      (p) => !p.canAdd,
    )!;
    const uri = h.sim.player.catalogue()[0]!.uri;
    h.sim.requests.reset();
    for (const allowDuplicate of [false, true]) {
      const result = await h.app.handlers['library:addToPlaylist']({
        playlistId: followed.id,
        uri,
        allowDuplicate,
      });
      expect(result).toMatchObject({ ok: false, error: { kind: 'refused', source: 'playlist' } });
    }
    // Known from the list just read: with "add anyway" not even the read.
    expect(playlistRequests(h, followed.id)).toEqual([`GET /v1/playlists/${followed.id}`]);

    const missing = await h.app.handlers['library:addToPlaylist']({
      playlistId: '0000000000000000000000',
      uri,
    });
    expect(missing).toMatchObject({ ok: false, error: { kind: 'not-found', source: 'playlist' } });
  });

  it('signed out: a "not connected" result, no request', async () => {
    h = await startApp({ clientId: null });
    const result = await h.app.handlers['library:addToPlaylist']({
      playlistId: 'abc',
      uri: 'spotify:track:abc',
    });
    expect(result).toMatchObject({ ok: false, error: { kind: 'unauthorized', source: 'playlist' } });
    expect(h.sim.requests.count()).toBe(0);
  });
});

describe('library:setLiked and library:likedState', () => {
  it('the current item goes through the engine: the snapshot’s heart follows', async () => {
    h = await startApp();
    await signIn(h);
    await h.app.handlers['ui:setVisible']({ visible: true });
    await h.clock.advance(1_000);
    const current = h.sim.player.snapshot().itemUri!;
    expect(h.sim.player.likedUris()).toContain(current);
    expect(h.app.getSnapshot().liked).toBe(true);

    expect(await h.app.handlers['library:setLiked']({ uri: current, liked: false })).toEqual({ ok: true });
    expect(h.app.getSnapshot().liked).toBe(false);
    expect(h.snapshots.at(-1)?.liked).toBe(false);
    expect(h.sim.player.likedUris()).not.toContain(current);
    expect(await h.app.handlers['library:likedState']({ uris: [current] })).toEqual([false]);

    expect(await h.app.handlers['library:setLiked']({ uri: current, liked: true })).toEqual({ ok: true });
    expect(h.app.getSnapshot().liked).toBe(true);
  });

  it('another item is saved directly; the current item’s heart stays', async () => {
    h = await startApp();
    await signIn(h);
    await h.app.handlers['ui:setVisible']({ visible: true });
    await h.clock.advance(1_000);
    const liked = new Set(h.sim.player.likedUris());
    const [fresh, other] = h.sim.player
      .catalogue()
      .map((t) => t.uri)
      .filter((uri) => !liked.has(uri));
    expect(h.app.getSnapshot().liked).toBe(true);
    h.sim.requests.reset();
    expect(await h.app.handlers['library:setLiked']({ uri: fresh!, liked: true })).toEqual({ ok: true });
    expect(h.sim.requests.entries.filter((e) => e.path === '/v1/me/library').map((e) => e.method)).toEqual([
      'PUT',
    ]);
    expect(h.sim.player.likedUris()[0]).toBe(fresh);
    expect(h.app.getSnapshot().liked).toBe(true);
    expect(await h.app.handlers['library:likedState']({ uris: [fresh!, other!] })).toEqual([true, false]);

    expect(await h.app.handlers['library:setLiked']({ uri: fresh!, liked: false })).toEqual({ ok: true });
    expect(h.sim.player.likedUris()).not.toContain(fresh);
  });

  it('failures are results (setLiked) and typed errors (likedState), fail fast under a 429', async () => {
    h = await startApp();
    await signIn(h);
    const uri = h.sim.player.catalogue().find((t) => t.uri !== h!.sim.player.snapshot().itemUri)!.uri;
    h.sim.injectFault({ method: 'PUT', path: '/v1/me/library', retryAfter: 20 });
    expect(await h.app.handlers['library:setLiked']({ uri, liked: true })).toMatchObject({
      ok: false,
      error: { kind: 'rate-limited', source: 'like', until: h.clock.now() + 20_000 },
    });
    await expect(h.app.handlers['library:likedState']({ uris: [uri] })).rejects.toMatchObject({
      name: 'SpotifyApiError',
      kind: 'rate-limited',
    });
  });
});

describe('ui:openInSpotify', () => {
  it('opens the item’s open.spotify.com page', async () => {
    h = await startApp();
    await signIn(h);
    await h.app.handlers['ui:openInSpotify']({ uri: 'spotify:album:4aawyAB9vmqN3uQ7FjRGTy' });
    expect(h.opened.at(-1)).toBe('https://open.spotify.com/album/4aawyAB9vmqN3uQ7FjRGTy');
  });
});
