import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../../dev/simulator/catalogue.ts';
import { contentSimulatorPerTest } from './content-helpers.ts';
import {
  appToken,
  apiError,
  call,
  simulatorPerTest,
  userToken,
  type ApiAnswer,
  type PageBody,
} from './helpers.ts';

interface SimplifiedTrackBody {
  type: 'track';
  uri: string;
  name: string;
  track_number: number;
  is_playable?: boolean;
  linked_from?: { uri: string };
  restrictions?: { reason: string };
  album?: unknown;
}
interface AlbumBody {
  type: 'album';
  id: string;
  uri: string;
  name: string;
  total_tracks: number;
  label: string;
  genres: string[];
  copyrights: { text: string; type: string }[];
  tracks: PageBody<SimplifiedTrackBody>;
}

const album = (name: string) => {
  const found = CATALOGUE.albums.find((a) => a.name === name);
  if (!found) throw new Error(`no album ${name}`);
  return found;
};

describe('GET /albums/{id} and /albums/{id}/tracks', () => {
  const ctx = simulatorPerTest();
  const api = (path: string): Promise<ApiAnswer> => ctx.api('GET', path);

  it('answers the full album with its tracks in order, as a first page', async () => {
    const harbour = album('Harbour Lights');
    const answer = await api(`/albums/${harbour.id}`);
    expect(answer.status).toBe(200);
    const body = answer.body as AlbumBody;
    expect(body).toMatchObject({
      type: 'album',
      id: harbour.id,
      uri: harbour.uri,
      name: 'Harbour Lights',
      total_tracks: harbour.trackUris.length,
      label: harbour.label,
      genres: [],
    });
    expect(body.copyrights.map((c) => c.type)).toEqual(['C', 'P']);
    expect(body.tracks).toMatchObject({
      href: `${ctx.sim.apiUrl}/albums/${harbour.id}/tracks?offset=0&limit=50`,
      offset: 0,
      limit: 50,
      total: harbour.trackUris.length,
      next: null,
      previous: null,
    });
    expect(body.tracks.items.map((t) => t.uri)).toEqual(harbour.trackUris);
    expect(body.tracks.items.map((t) => t.track_number)).toEqual(harbour.trackUris.map((_, i) => i + 1));
    // Simplified tracks carry no album.
    expect(body.tracks.items[0]?.album).toBeUndefined();
  });

  it('pages through an album’s tracks with next and previous', async () => {
    const harbour = album('Harbour Lights');
    const first = (await api(`/albums/${harbour.id}/tracks?limit=3`)).body as PageBody<SimplifiedTrackBody>;
    expect(first).toMatchObject({ offset: 0, limit: 3, total: harbour.trackUris.length, previous: null });
    expect(first.items.map((t) => t.uri)).toEqual(harbour.trackUris.slice(0, 3));
    expect(first.next).toBe(`${ctx.sim.apiUrl}/albums/${harbour.id}/tracks?offset=3&limit=3`);
    const defaults = (await api(`/albums/${harbour.id}/tracks`)).body as PageBody<SimplifiedTrackBody>;
    expect(defaults.limit).toBe(20);
    const last = (await api(`/albums/${harbour.id}/tracks?offset=6&limit=3`))
      .body as PageBody<SimplifiedTrackBody>;
    expect(last.items.map((t) => t.uri)).toEqual(harbour.trackUris.slice(6, 9));
    expect(last.previous).toBe(`${ctx.sim.apiUrl}/albums/${harbour.id}/tracks?offset=3&limit=3`);
    expect(last.next).toBe(
      harbour.trackUris.length > 9 ? `${ctx.sim.apiUrl}/albums/${harbour.id}/tracks?offset=9&limit=3` : null,
    );
  });

  it('answers 400 to a bad limit or offset and a malformed ID, 404 to an unknown one', async () => {
    const id = album('Harbour Lights').id;
    expect(await api(`/albums/${id}/tracks?limit=51`)).toMatchObject(apiError(400, 'Invalid limit'));
    expect(await api(`/albums/${id}/tracks?limit=0`)).toMatchObject(apiError(400, 'Invalid limit'));
    expect(await api(`/albums/${id}/tracks?offset=-1`)).toMatchObject(apiError(400, 'Invalid offset'));
    expect((await api(`/albums/${id}/tracks?limit=50`)).status).toBe(200);
    expect(await api('/albums/nope')).toMatchObject(apiError(400, 'Invalid base62 id'));
    expect(await api('/albums/nope/tracks')).toMatchObject(apiError(400, 'Invalid base62 id'));
    expect(await api(`/albums/${'Q'.repeat(22)}`)).toMatchObject(apiError(404, 'Resource not found'));
    expect(await api(`/albums/${'Q'.repeat(22)}/tracks`)).toMatchObject(apiError(404, 'Resource not found'));
  });

  it('takes any valid token, also client credentials; none → 401', async () => {
    const app = await appToken(ctx.sim);
    const id = album('Brass Weather').id;
    expect((await call(ctx.sim, app, 'GET', `/albums/${id}`)).status).toBe(200);
    expect((await call(ctx.sim, app, 'GET', `/albums/${id}/tracks`)).status).toBe(200);
    expect((await call(ctx.sim, undefined, 'GET', `/albums/${id}`)).status).toBe(401);
  });
});

describe('albums in the realistic profile: markets and relinking (seed user in SE)', () => {
  const ctx = contentSimulatorPerTest('realistic');
  const albumOf = (trackName: string) => {
    const track = CATALOGUE.tracks.find((t) => t.name === trackName);
    const found = track && CATALOGUE.album(track.albumId);
    if (!track || !found) throw new Error(`no track ${trackName}`);
    return { track, album: found };
  };

  it('renders an album’s tracks for the market: relinked copies and unplayable tracks', async () => {
    const tram = albumOf('Tram 22');
    const page = (await ctx.api('GET', `/albums/${tram.album.id}/tracks?market=from_token&limit=50`))
      .body as PageBody<SimplifiedTrackBody>;
    const relinked = page.items.find((t) => t.linked_from?.uri === tram.track.uri);
    expect(relinked).toMatchObject({ is_playable: true });
    expect(relinked?.uri).not.toBe(tram.track.uri);

    const sirena = albumOf('Sirena');
    const full = (await ctx.api('GET', `/albums/${sirena.album.id}?market=SE`)).body as AlbumBody;
    expect(full.tracks.items.find((t) => t.uri === sirena.track.uri)).toMatchObject({
      is_playable: false,
      restrictions: { reason: 'market' },
    });
    expect(await ctx.api('GET', `/albums/${sirena.album.id}?market=sweden`)).toMatchObject(
      apiError(400, 'Invalid market code'),
    );
  });
});

type SavedAlbumsBody = PageBody<{ added_at: string; album: AlbumBody }>;

describe('saved albums: GET /me/albums', () => {
  const ctx = simulatorPerTest();
  const { api } = ctx;
  const saved = async (query = ''): Promise<SavedAlbumsBody> => {
    const answer = await api('GET', `/me/albums${query}`);
    expect(answer.status, answer.text).toBe(200);
    return answer.body as SavedAlbumsBody;
  };

  it('lists 3 seeded albums, newest first, each a full album with its tracks', async () => {
    const page = await saved();
    expect(page).toMatchObject({
      href: `${ctx.sim.apiUrl}/me/albums?offset=0&limit=20`,
      limit: 20,
      offset: 0,
    });
    expect(page).toMatchObject({ total: 3, next: null, previous: null });
    const added = page.items.map((i) => Date.parse(i.added_at));
    expect(added).toEqual([...added].sort((a, b) => b - a));
    expect(page.items[0]?.added_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    for (const { album: body } of page.items) {
      const known = CATALOGUE.album(body.id);
      expect(body.tracks.items.map((t) => t.uri)).toEqual(known?.trackUris);
    }
    // The same every run: the seed picks them.
    const again = await startedElsewhere();
    expect(again).toEqual(page.items.map((i) => i.album.uri));
  });

  /** The seeded albums of a user added later: the same library shape for everyone. */
  const startedElsewhere = async (): Promise<string[]> => {
    ctx.sim.addUser({ id: 'second-user', displayName: 'Second' });
    ctx.sim.setConsentUser('second-user');
    const other = await userToken(ctx.sim);
    const body = (await call(ctx.sim, other, 'GET', '/me/albums')).body as SavedAlbumsBody;
    return body.items.map((i) => i.album.uri);
  };

  it('pages with limit 1..50 and offset', async () => {
    const first = await saved('?limit=2');
    expect(first.next).toBe(`${ctx.sim.apiUrl}/me/albums?offset=2&limit=2`);
    const second = await saved('?offset=2&limit=2');
    expect(second).toMatchObject({
      total: 3,
      next: null,
      previous: `${ctx.sim.apiUrl}/me/albums?offset=0&limit=2`,
    });
    expect([...first.items, ...second.items].map((i) => i.album.uri)).toEqual(
      (await saved()).items.map((i) => i.album.uri),
    );
    expect((await api('GET', '/me/albums?limit=50')).status).toBe(200);
    expect(await api('GET', '/me/albums?limit=51')).toMatchObject(apiError(400, 'Invalid limit'));
    expect(await api('GET', '/me/albums?limit=0')).toMatchObject(apiError(400, 'Invalid limit'));
    expect(await api('GET', '/me/albums?offset=-1')).toMatchObject(apiError(400, 'Invalid offset'));
    expect((await saved('?offset=10')).items).toEqual([]);
  });

  it('follows PUT and DELETE /me/library: a saved album comes first, a removed one goes', async () => {
    const listed = (await saved()).items.map((i) => i.album.uri);
    const fresh = CATALOGUE.albums.find((a) => !listed.includes(a.uri));
    if (!fresh) throw new Error('every album is saved');
    ctx.sim.clock.advance(1000);
    expect((await api('PUT', `/me/library?uris=${fresh.uri}`)).status).toBe(200);
    const after = await saved();
    expect(after.total).toBe(4);
    expect(after.items[0]?.album.uri).toBe(fresh.uri);
    expect(Date.parse(after.items[0]?.added_at ?? '')).toBe(Math.floor(ctx.sim.clock.now() / 1000) * 1000);
    expect((await api('GET', `/me/library/contains?uris=${fresh.uri},${listed[0]}`)).body).toEqual([
      true,
      true,
    ]);
    expect((await api('DELETE', `/me/library?uris=${listed[0]},${fresh.uri}`)).status).toBe(200);
    expect((await saved()).items.map((i) => i.album.uri)).toEqual(listed.slice(1));
  });

  it('needs user-library-read', async () => {
    const narrow = await userToken(ctx.sim, 'user-read-private');
    expect(await call(ctx.sim, narrow, 'GET', '/me/albums')).toMatchObject(
      apiError(403, 'Insufficient client scope'),
    );
  });
});
