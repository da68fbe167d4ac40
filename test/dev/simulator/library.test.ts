import { describe, expect, it } from 'vitest';
import { SEED_CLIENT_ID } from '../../../dev/simulator/index.ts';
import { apiError, call, simulatorPerTest, userToken, type PageBody, type TrackBody } from './helpers.ts';

const ctx = simulatorPerTest();
const { api } = ctx;

type Saved = PageBody<{ added_at: string; track: TrackBody }>;
const tracks = (): string[] => ctx.sim.player.catalogue().map((t) => t.uri);
const notLiked = (): string[] => tracks().filter((uri) => !ctx.sim.player.likedUris().includes(uri));
/** The bare ErrorObject some 400s come as (openapi.yml: /me/library). */
const bare = (message: string) => ({ status: 400, body: { status: 400, message } });

describe('liked songs: GET /me/tracks', () => {
  it('pages through 30 liked songs, most recently added first', async () => {
    const first = await api('GET', '/me/tracks');
    expect(first.status).toBe(200);
    const page = first.body as Saved;
    expect(page).toMatchObject({ limit: 20, offset: 0, total: 30, previous: null });
    expect(page.items.length).toBe(20);
    expect(page.href).toBe(`${ctx.sim.apiUrl}/me/tracks?offset=0&limit=20`);
    expect(page.next).toBe(`${ctx.sim.apiUrl}/me/tracks?offset=20&limit=20`);
    const added = page.items.map((i) => Date.parse(i.added_at));
    expect(added).toEqual([...added].sort((a, b) => b - a));
    expect(page.items[0]?.added_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(page.items.map((i) => i.track.uri)).toEqual(ctx.sim.player.likedUris().slice(0, 20));

    const last = (await api('GET', '/me/tracks?offset=25&limit=10')).body as Saved;
    expect(last).toMatchObject({ offset: 25, limit: 10, total: 30, next: null });
    expect(last.previous).toBe(`${ctx.sim.apiUrl}/me/tracks?offset=15&limit=10`);
    expect(last.items.length).toBe(5);
  });

  it('allows limit 1..50 and offset >= 0', async () => {
    expect((await api('GET', '/me/tracks?limit=50')).status).toBe(200);
    expect(await api('GET', '/me/tracks?limit=51')).toMatchObject(apiError(400, 'Invalid limit'));
    expect(await api('GET', '/me/tracks?limit=0')).toMatchObject(apiError(400, 'Invalid limit'));
    expect(await api('GET', '/me/tracks?offset=-1')).toMatchObject(apiError(400, 'Invalid offset'));
    expect(((await api('GET', '/me/tracks?offset=100')).body as Saved).items).toEqual([]);
  });

  it('needs user-library-read', async () => {
    const narrow = await userToken(ctx.sim, 'user-read-private');
    expect(await call(ctx.sim, narrow, 'GET', '/me/tracks')).toMatchObject(
      apiError(403, 'Insufficient client scope'),
    );
  });
});

describe('/me/library', () => {
  it('saves, checks and removes tracks; a saved track becomes the newest liked song', async () => {
    const [a, b] = notLiked() as [string, string];
    const liked = ctx.sim.player.likedUris()[0] as string;
    expect(await api('GET', `/me/library/contains?uris=${a},${liked}`)).toMatchObject({
      status: 200,
      body: [false, true],
    });
    ctx.sim.clock.advance(1000);
    const saved = await api('PUT', `/me/library?uris=${a},${b}`);
    expect(saved).toMatchObject({ status: 200, text: '' });
    expect(ctx.sim.player.likedUris().slice(0, 2)).toEqual([b, a]);
    const page = (await api('GET', '/me/tracks?limit=1')).body as Saved;
    expect(page.total).toBe(32);
    expect(Date.parse(page.items[0]?.added_at ?? '')).toBe(Math.floor(ctx.sim.clock.now() / 1000) * 1000);
    expect((await api('GET', `/me/library/contains?uris=${a}`)).body).toEqual([true]);

    expect(await api('DELETE', `/me/library?uris=${a},${liked}`)).toMatchObject({ status: 200, text: '' });
    expect((await api('GET', `/me/library/contains?uris=${a},${liked},${b}`)).body).toEqual([
      false,
      false,
      true,
    ]);
    expect(ctx.sim.player.likedUris()).not.toContain(liked);
  });

  it('saves other kinds (albums, playlists) and checks artists', async () => {
    const track = (await api('GET', `/tracks/${tracks()[0]?.split(':')[2]}`)).body as TrackBody & {
      artists: { uri: string }[];
    };
    const album = track.album.uri;
    const playlist = `spotify:playlist:${ctx.sim.player.playlists()[1]?.id}`;
    const artist = track.artists[0]?.uri ?? '';
    expect((await api('PUT', `/me/library?uris=${album},${playlist}`)).status).toBe(200);
    expect((await api('GET', `/me/library/contains?uris=${album},${playlist},${artist}`)).body).toEqual([
      true,
      true,
      false,
    ]);
    expect(await api('PUT', `/me/library?uris=${artist}`)).toMatchObject(
      bare('Unsupported URI type: artist'),
    );
  });

  it('answers 400 (bare ErrorObject) to missing, malformed or more than 40 URIs', async () => {
    const forty = tracks().slice(0, 40).join(',');
    const fortyOne = tracks().slice(0, 41).join(',');
    expect((await api('PUT', `/me/library?uris=${forty}`)).status).toBe(200);
    expect((await api('GET', `/me/library/contains?uris=${forty}`)).body).toEqual(Array(40).fill(true));
    for (const method of ['PUT', 'DELETE', 'GET']) {
      const path = method === 'GET' ? '/me/library/contains' : '/me/library';
      expect(await api(method, `${path}?uris=${fortyOne}`), method).toMatchObject(
        bare('Too many uris requested (maximum 40)'),
      );
      expect(await api(method, path), method).toMatchObject(bare('Missing required parameter: uris'));
      expect(await api(method, `${path}?uris=spotify:track:a`), method).toMatchObject(
        bare('Invalid URI: spotify:track:a'),
      );
      expect(await api(method, `${path}?uris=https://open.spotify.com/track/x`), method).toMatchObject({
        status: 400,
      });
    }
  });

  it('answers 404 to a well-formed URI of nothing', async () => {
    const ghost = `spotify:track:${'Z'.repeat(22)}`;
    expect(await api('PUT', `/me/library?uris=${ghost}`)).toMatchObject(
      apiError(404, `Resource not found: ${ghost}`),
    );
    expect((await api('GET', `/me/library/contains?uris=${ghost}`)).body).toEqual([false]);
  });

  it('checks the scope each URI kind needs', async () => {
    const readOnly = await userToken(ctx.sim, 'user-library-read');
    const [a] = notLiked() as [string];
    expect(await call(ctx.sim, readOnly, 'PUT', `/me/library?uris=${a}`)).toMatchObject(
      apiError(403, 'Insufficient client scope'),
    );
    expect((await call(ctx.sim, readOnly, 'GET', `/me/library/contains?uris=${a}`)).status).toBe(200);
    const modify = await userToken(ctx.sim, 'user-library-modify');
    const playlist = `spotify:playlist:${ctx.sim.player.playlists()[0]?.id}`;
    expect((await call(ctx.sim, modify, 'PUT', `/me/library?uris=${a}`)).status).toBe(200);
    expect((await call(ctx.sim, modify, 'PUT', `/me/library?uris=${playlist}`)).status).toBe(403);
    expect((await call(ctx.sim, modify, 'GET', `/me/library/contains?uris=${a}`)).status).toBe(403);
  });
});

describe('deprecated /me/tracks writes and /me/tracks/contains', () => {
  const id = () => notLiked()[0]?.split(':')[2] ?? '';

  it('are gone for development-mode apps: 403 "Forbidden"', async () => {
    for (const [method, path] of [
      ['PUT', `/me/tracks?ids=${id()}`],
      ['DELETE', `/me/tracks?ids=${id()}`],
      ['GET', `/me/tracks/contains?ids=${id()}`],
    ] as const) {
      expect(await api(method, path), `${method} ${path}`).toEqual(
        expect.objectContaining(apiError(403, 'Forbidden')),
      );
    }
    expect(ctx.sim.player.likedUris()).not.toContain(`spotify:track:${id()}`);
  });

  it('still work for an extended-quota app', async () => {
    ctx.sim.registerApp({
      clientId: SEED_CLIENT_ID,
      redirectUris: ['http://127.0.0.1/callback'],
      mode: 'extended',
    });
    const extended = await userToken(ctx.sim);
    const trackId = id();
    expect((await call(ctx.sim, extended, 'PUT', '/me/tracks', { ids: [trackId] })).status).toBe(200);
    expect((await call(ctx.sim, extended, 'GET', `/me/tracks/contains?ids=${trackId}`)).body).toEqual([true]);
    expect((await call(ctx.sim, extended, 'DELETE', `/me/tracks?ids=${trackId}`)).status).toBe(200);
    expect((await call(ctx.sim, extended, 'GET', `/me/tracks/contains?ids=${trackId}`)).body).toEqual([
      false,
    ]);
    expect((await call(ctx.sim, extended, 'PUT', '/me/tracks?ids=bad')).status).toBe(400);
    expect((await call(ctx.sim, extended, 'PUT', '/me/tracks')).status).toBe(400);
  });
});
