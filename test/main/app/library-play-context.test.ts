import { afterEach, describe, expect, it } from 'vitest';
import { SEED_USER_ID } from '../../../dev/simulator/index.ts';
import { signIn, startApp, type AppHarness } from './harness.ts';

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const plays = (h: AppHarness) => h.sim.requests.entries.filter((e) => e.path === '/v1/me/player/play');

describe('player:playContext', () => {
  it('Liked Songs plays as the user’s collection from a song, and Next continues within it', async () => {
    h = await startApp();
    await signIn(h);
    const liked = h.sim.player.likedUris();
    const collection = `spotify:user:${SEED_USER_ID}:collection`;
    h.sim.requests.reset();
    expect(
      await h.app.handlers['player:playContext']({ context: 'liked', offset: { uri: liked[3]! } }),
    ).toEqual({ ok: true });
    // The user ID came from the profile read at sign-in: no second GET /me.
    expect(h.sim.requests.count({ path: '/v1/me' })).toBe(0);
    expect(plays(h)).toHaveLength(1);
    expect(h.sim.player.snapshot()).toMatchObject({ contextUri: collection, itemUri: liked[3] });

    expect(await h.app.handlers['player:next'](undefined)).toEqual({ ok: true });
    expect(h.sim.player.snapshot()).toMatchObject({ contextUri: collection, itemUri: liked[4] });
    expect(h.sim.player.snapshot().queue.slice(0, 2)).toEqual(liked.slice(5, 7));
    await h.clock.advance(2_000);
    expect(h.app.getSnapshot()).toMatchObject({ contextUri: collection, item: { uri: liked[4] } });
  });

  it('a playlist from its third track; an album from the start', async () => {
    h = await startApp();
    await signIn(h);
    const playlist = h.sim.player.playlists()[1]!;
    expect(
      await h.app.handlers['player:playContext']({
        context: `spotify:playlist:${playlist.id}`,
        offset: { position: 2 },
      }),
    ).toEqual({ ok: true });
    expect(h.sim.player.snapshot()).toMatchObject({
      contextUri: `spotify:playlist:${playlist.id}`,
      itemUri: playlist.itemUris[2],
    });

    const album = (await h.app.handlers['library:savedAlbums']({ offset: 0, limit: 1 })).items[0]!;
    const tracks = await h.app.handlers['library:albumTracks']({ albumId: album.id, offset: 0, limit: 2 });
    expect(await h.app.handlers['player:playContext']({ context: album.uri })).toEqual({ ok: true });
    expect(h.sim.player.snapshot()).toMatchObject({ contextUri: album.uri, itemUri: tracks.items[0]!.uri });
  });

  it('an artist plays without an offset; with one it is refused before any request', async () => {
    h = await startApp();
    await signIn(h);
    const artist = (await h.app.handlers['library:search']({ query: 'a' })).artists[0]!;
    h.sim.requests.reset();
    const refused = await h.app.handlers['player:playContext']({
      context: artist.uri,
      offset: { position: 1 },
    });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'refused', source: 'play-items' } });
    expect(plays(h)).toHaveLength(0);

    expect(await h.app.handlers['player:playContext']({ context: artist.uri })).toEqual({ ok: true });
    expect(plays(h)).toHaveLength(1);
    expect(h.sim.player.snapshot().contextUri).toBe(artist.uri);
  });

  it('an unknown context is Spotify’s 404, as a result (and in the snapshot)', async () => {
    h = await startApp();
    await signIn(h);
    const result = await h.app.handlers['player:playContext']({
      context: 'spotify:album:0000000000000000000000',
    });
    expect(result).toMatchObject({ ok: false, error: { kind: 'not-found', source: 'play-items' } });
    expect(h.app.getSnapshot().error).toMatchObject({ kind: 'not-found' });
  });

  it('Liked Songs with no profile yet: read then, failing at once under a 429; nothing is played', async () => {
    // The profile read at sign-in fails (the name is decoration), so the user ID is not known yet.
    h = await startApp({
      before: (sim) => sim.injectFault({ method: 'GET', path: '/v1/me', status: 404 }),
    });
    await signIn(h);
    expect(h.app.getState().userName).toBeNull();
    h.sim.requests.reset();
    h.sim.injectFault({ method: 'GET', path: '/v1/me', retryAfter: 20 });
    const result = await h.app.handlers['player:playContext']({ context: 'liked' });
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'rate-limited', source: 'play-items', until: h.clock.now() + 20_000 },
    });
    expect(h.sim.requests.count({ path: '/v1/me' })).toBe(1);
    expect(plays(h)).toHaveLength(0);
  });

  it('signed out: a "not connected" result, no request', async () => {
    h = await startApp({ clientId: null });
    const result = await h.app.handlers['player:playContext']({ context: 'liked' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'unauthorized', source: 'play-items' } });
    expect(result.ok || result.error.message).toMatch(/client ID/);
    expect(h.sim.requests.count()).toBe(0);
  });
});
