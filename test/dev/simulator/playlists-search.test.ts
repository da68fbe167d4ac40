import { describe, expect, it } from 'vitest';
import { SEED_CLIENT_ID, SEED_USER_ID } from '../../../dev/simulator/index.ts';
import {
  appToken,
  apiError,
  call,
  simulatorPerTest,
  userToken,
  type PageBody,
  type TrackBody,
} from './helpers.ts';

const ctx = simulatorPerTest();
const { api } = ctx;

const tracks = (): string[] => ctx.sim.player.catalogue().map((t) => t.uri);
const playlist = (index: number) => {
  const found = ctx.sim.player.playlists()[index];
  if (!found) throw new Error(`no playlist ${index}`);
  return found;
};

interface PlaylistBody {
  id: string;
  name: string;
  public: boolean;
  collaborative: boolean;
  snapshot_id: string;
  owner: { id: string; display_name: string };
  items: { href: string; total: number };
  tracks: { href: string; total: number };
  images: { url: string; height: number | null }[];
}
interface ItemBody {
  added_at: string;
  added_by: { id: string };
  is_local: boolean;
  item: TrackBody;
  track: TrackBody;
}

describe('GET /me/playlists', () => {
  it('lists the user’s three playlists: one private, one public, one collaborative', async () => {
    const answer = await api('GET', '/me/playlists');
    expect(answer.status).toBe(200);
    const page = answer.body as PageBody<PlaylistBody>;
    expect(page).toMatchObject({ total: 3, limit: 20, offset: 0, next: null, previous: null });
    expect(page.items.map((p) => [p.name, p.public, p.collaborative, p.items.total])).toEqual([
      ['Morning Commute', false, false, 12],
      ['Kitchen Disco', true, false, 10],
      ['Road Trip (shared)', false, true, 15],
    ]);
    const first = page.items[0];
    expect(first?.owner).toMatchObject({ id: SEED_USER_ID, display_name: 'Traytune Tester' });
    expect(first?.items).toEqual(first?.tracks);
    expect(first?.items.href).toBe(`${ctx.sim.apiUrl}/playlists/${first?.id}/items`);
    expect(first?.images[0]?.url).toMatch(/^https:\/\/i\.scdn\.co\/image\//);
    expect(page.items.map((p) => p.id)).toEqual(ctx.sim.player.playlists().map((p) => p.id));
  });

  it('pages, limits and needs playlist-read-private', async () => {
    const page = (await api('GET', '/me/playlists?limit=1&offset=1')).body as PageBody<PlaylistBody>;
    expect(page.items.map((p) => p.name)).toEqual(['Kitchen Disco']);
    expect(page.next).toBe(`${ctx.sim.apiUrl}/me/playlists?offset=2&limit=1`);
    expect(await api('GET', '/me/playlists?limit=51')).toMatchObject(apiError(400, 'Invalid limit'));
    const narrow = await userToken(ctx.sim, 'user-read-private');
    expect((await call(ctx.sim, narrow, 'GET', '/me/playlists')).status).toBe(403);
  });
});

describe('GET /playlists/{id} and /playlists/{id}/items', () => {
  it('answers the full playlist with its items (user or app token)', async () => {
    const { id, itemUris } = playlist(0);
    for (const bearer of [ctx.token, await appToken(ctx.sim)]) {
      const answer = await call(ctx.sim, bearer, 'GET', `/playlists/${id}`);
      expect(answer.status).toBe(200);
      const body = answer.body as Omit<PlaylistBody, 'items'> & { items: PageBody<ItemBody> };
      expect(body).toMatchObject({ id, name: 'Morning Commute', followers: { total: 0 } });
      expect(body.items.total).toBe(12);
      expect(body.items.items.map((i) => i.item.uri)).toEqual(itemUris);
      expect(body.items.items[0]).toMatchObject({ is_local: false, added_by: { id: SEED_USER_ID } });
    }
  });

  it('pages items; unknown → 404, malformed → 400', async () => {
    const { id, itemUris } = playlist(2);
    const page = (await api('GET', `/playlists/${id}/items?limit=5&offset=10`)).body as PageBody<ItemBody>;
    expect(page).toMatchObject({ total: 15, offset: 10, limit: 5, next: null });
    expect(page.items.map((i) => i.track.uri)).toEqual(itemUris.slice(10));
    expect(await api('GET', `/playlists/${'Z'.repeat(22)}`)).toMatchObject(
      apiError(404, 'Resource not found'),
    );
    expect(await api('GET', '/playlists/not-an-id')).toMatchObject(apiError(400, 'Invalid base62 id'));
    expect((await api('GET', `/playlists/${'Z'.repeat(22)}/items`)).status).toBe(404);
  });
});

describe('POST /playlists/{id}/items', () => {
  it('inserts from a JSON body at a position and answers 201 with a new snapshot_id', async () => {
    const { id, itemUris } = playlist(0);
    const before = ((await api('GET', `/playlists/${id}`)).body as PlaylistBody).snapshot_id;
    const [a, b] = tracks().slice(-2) as [string, string];
    const answer = await api('POST', `/playlists/${id}/items`, { uris: [a, b], position: 1 });
    expect(answer.status).toBe(201);
    const snapshot = (answer.body as { snapshot_id: string }).snapshot_id;
    expect(snapshot).not.toBe(before);
    expect(playlist(0).itemUris).toEqual([itemUris[0], a, b, ...itemUris.slice(1)]);
    const after = (await api('GET', `/playlists/${id}`)).body as PlaylistBody;
    expect(after.snapshot_id).toBe(snapshot);
  });

  it('takes uris and position from the query, which wins over the body', async () => {
    const { id, itemUris } = playlist(1);
    const [a, b] = tracks().slice(0, 2) as [string, string];
    const answer = await api('POST', `/playlists/${id}/items?uris=${a}&position=0`, { uris: [b] });
    expect(answer.status).toBe(201);
    expect(playlist(1).itemUris).toEqual([a, ...itemUris]);
    expect((await api('POST', `/playlists/${id}/items?uris=${b}`)).status).toBe(201);
    expect(playlist(1).itemUris.at(-1)).toBe(b);
  });

  it('refuses bad requests', async () => {
    const { id } = playlist(0);
    const a = tracks()[0] as string;
    const many = Array<string>(101).fill(a);
    const cases: [string, unknown, number, string][] = [
      [`/playlists/${id}/items`, { uris: many }, 400, 'You can add a maximum of 100 tracks per request.'],
      [`/playlists/${id}/items`, undefined, 400, 'Missing required parameter: uris'],
      [`/playlists/${id}/items`, { uris: ['spotify:album:x'] }, 400, 'Invalid track uri: spotify:album:x'],
      [`/playlists/${id}/items`, { uris: [a], position: 99 }, 400, 'Index out of bounds'],
      [`/playlists/${id}/items`, { uris: [a], position: -1 }, 400, 'Invalid position'],
      [`/playlists/${'Z'.repeat(22)}/items`, { uris: [a] }, 404, 'Resource not found'],
    ];
    for (const [path, body, status, message] of cases) {
      expect(await api('POST', path, body), message).toMatchObject(apiError(status, message));
    }
    expect(playlist(0).itemUris.length).toBe(12);
    expect((await api('POST', `/playlists/${id}/items`, { uris: many.slice(1) })).status).toBe(201);
  });

  it('needs the modify scope matching the playlist’s visibility, and ownership or collaboration', async () => {
    const publicOnly = await userToken(ctx.sim, 'playlist-modify-public');
    const a = tracks()[0] as string;
    expect(
      (await call(ctx.sim, publicOnly, 'POST', `/playlists/${playlist(1).id}/items`, { uris: [a] })).status,
    ).toBe(201);
    expect(
      await call(ctx.sim, publicOnly, 'POST', `/playlists/${playlist(0).id}/items`, { uris: [a] }),
    ).toMatchObject(apiError(403, 'Insufficient client scope'));

    ctx.sim.addUser({ id: 'friend', displayName: 'Friend' });
    ctx.sim.setConsentUser('friend');
    const friend = await userToken(ctx.sim);
    expect(
      await call(ctx.sim, friend, 'POST', `/playlists/${playlist(0).id}/items`, { uris: [a] }),
    ).toMatchObject(apiError(403, "You cannot add tracks to a playlist you don't own."));
    const shared = ctx.sim.playerFor(SEED_USER_ID).playlists()[2];
    expect(
      (await call(ctx.sim, friend, 'POST', `/playlists/${shared?.id}/items`, { uris: [a] })).status,
    ).toBe(201);
    const items = (await call(ctx.sim, friend, 'GET', `/playlists/${shared?.id}/items?offset=15`))
      .body as PageBody<ItemBody>;
    expect(items.items[0]?.added_by.id).toBe('friend');
    expect((await call(ctx.sim, friend, 'GET', `/playlists/${playlist(0).id}/items`)).status).toBe(403);
  });

  it('can be played as a context afterwards', async () => {
    const { id } = playlist(1);
    const a = tracks()[49] as string;
    await api('POST', `/playlists/${id}/items`, { uris: [a], position: 0 });
    expect((await api('PUT', '/me/player/play', { context_uri: `spotify:playlist:${id}` })).status).toBe(204);
    expect(ctx.sim.player.snapshot()).toMatchObject({ itemUri: a, contextUri: `spotify:playlist:${id}` });
  });
});

describe('the old /playlists/{id}/tracks', () => {
  it('is gone for development-mode apps: 403 "Forbidden" on every method', async () => {
    const { id } = playlist(0);
    for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
      const body = method === 'GET' ? undefined : { uris: [tracks()[0]] };
      expect(await api(method, `/playlists/${id}/tracks`, body), method).toMatchObject(
        apiError(403, 'Forbidden'),
      );
    }
    expect(playlist(0).itemUris.length).toBe(12);
  });

  it('still reads and adds for an extended-quota app', async () => {
    ctx.sim.registerApp({
      clientId: SEED_CLIENT_ID,
      redirectUris: ['http://127.0.0.1/callback'],
      mode: 'extended',
    });
    const extended = await userToken(ctx.sim);
    const { id } = playlist(0);
    expect((await call(ctx.sim, extended, 'GET', `/playlists/${id}/tracks`)).status).toBe(200);
    expect(
      (await call(ctx.sim, extended, 'POST', `/playlists/${id}/tracks`, { uris: [tracks()[0]] })).status,
    ).toBe(201);
    expect((await call(ctx.sim, extended, 'DELETE', `/playlists/${id}/tracks`, { tracks: [] })).status).toBe(
      403,
    );
  });
});

describe('GET /search', () => {
  interface SearchBody {
    tracks?: PageBody<TrackBody>;
    artists?: PageBody<{ name: string; genres: string[]; followers: { total: number } }>;
    albums?: PageBody<{ name: string; album_type: string }>;
    playlists?: PageBody<PlaylistBody>;
    shows?: PageBody<unknown>;
  }
  const search = async (query: string): Promise<SearchBody> => {
    const answer = await api('GET', `/search?${query}`);
    expect(answer.status, `${query}: ${answer.text}`).toBe(200);
    return answer.body as SearchBody;
  };

  it('finds tracks, artists, albums and public playlists', async () => {
    const body = await search('q=harbour&type=track,artist,album,playlist,show');
    expect(body.tracks?.items.map((t) => t.name)).toContain('Harbour Lights');
    expect(
      body.tracks?.items.every((t) => t.album.name === 'Harbour Lights' || /harbour/i.test(t.name)),
    ).toBe(true);
    expect(body.albums?.items.map((a) => a.name)).toEqual(['Harbour Lights']);
    expect(body.artists?.items).toEqual([]);
    expect(body.playlists?.total).toBe(0);
    expect(body.shows).toMatchObject({ items: [], total: 0 });
    expect(body.tracks?.limit).toBe(5);

    const lanterns = await search('q=lanterns&type=artist');
    expect(lanterns.artists?.items[0]).toMatchObject({
      name: 'The Lanterns',
      genres: ['indie folk', 'chamber pop'],
    });
    expect(Object.keys(lanterns)).toEqual(['artists']);

    const disco = await search('q=disco&type=playlist');
    expect(disco.playlists?.items.map((p) => p.name)).toEqual(['Kitchen Disco']);
    expect((await search('q=commute&type=playlist')).playlists?.total).toBe(0); // private
  });

  it('ignores case and accents, and knows field filters', async () => {
    expect((await search('q=MANANA&type=track')).tracks?.items.map((t) => t.name)).toEqual([
      'Mañana Será Otro Día',
    ]);
    const byArtist = await search('q=artist:%22juniper%20vale%22&type=track&limit=10');
    expect(byArtist.tracks?.total).toBe(9); // 8 of her own, 1 featuring her
    const year = await search('q=year:2017-2018&type=album');
    expect(year.albums?.items.map((a) => a.name).sort()).toEqual(['Brass Weather', 'Cartas al Mar']);
    expect((await search('q=nothing-matches-this&type=track')).tracks).toMatchObject({ total: 0, items: [] });
  });

  it('pages with offset and allows limit up to 10', async () => {
    const first = await search('q=a&type=track&limit=10');
    expect(first.tracks?.items.length).toBe(10);
    expect(first.tracks?.next).toMatch(/offset=10&limit=10$/);
    const second = await search('q=a&type=track&limit=10&offset=10');
    expect(second.tracks?.items[0]?.uri).not.toBe(first.tracks?.items[0]?.uri);
  });

  it('refuses limit > 10, a missing query or type and unknown types', async () => {
    expect(await api('GET', '/search?q=a&type=track&limit=11')).toMatchObject(apiError(400, 'Invalid limit'));
    expect(await api('GET', '/search?q=a&type=track&limit=0')).toMatchObject(apiError(400, 'Invalid limit'));
    expect(await api('GET', '/search?q=a&type=track&offset=1001')).toMatchObject(
      apiError(400, 'Invalid offset'),
    );
    expect(await api('GET', '/search?type=track')).toMatchObject(apiError(400, 'No search query'));
    expect(await api('GET', '/search?q=a')).toMatchObject(apiError(400, 'Missing parameter type'));
    expect(await api('GET', '/search?q=a&type=song')).toMatchObject(
      apiError(400, 'Bad search type field song'),
    );
  });

  it('accepts an app token, not a missing one', async () => {
    expect((await call(ctx.sim, await appToken(ctx.sim), 'GET', '/search?q=a&type=track')).status).toBe(200);
    expect((await call(ctx.sim, undefined, 'GET', '/search?q=a&type=track')).status).toBe(401);
  });
});

describe('GET /tracks/{id}', () => {
  it('answers a catalogue track; malformed → 400, unknown → 404', async () => {
    const { uri, durationMs, name } = ctx.sim.player.catalogue()[10] ?? { uri: '', durationMs: 0, name: '' };
    const id = uri.split(':')[2] ?? '';
    const answer = await api('GET', `/tracks/${id}`);
    expect(answer.body).toMatchObject({ id, uri, name, duration_ms: durationMs, type: 'track' });
    expect(await api('GET', '/tracks/nope')).toMatchObject(apiError(400, 'Invalid base62 id'));
    expect(await api('GET', `/tracks/${'Z'.repeat(22)}`)).toMatchObject(apiError(404, 'Resource not found'));
  });
});
