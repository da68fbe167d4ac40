import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../../dev/simulator/catalogue.ts';
import { contentSimulatorPerTest } from './content-helpers.ts';
import { apiError, simulatorPerTest, type PageBody } from './helpers.ts';

/** What issue 10's panels read besides albums and Liked Songs: playlist items, recently played, search. */

describe('lenient profile', () => {
  const ctx = simulatorPerTest();
  const { api } = ctx;
  const playlist = (name: string) => {
    const found = ctx.sim.player.playlists().find((p) => p.name === name);
    if (!found) throw new Error(`no playlist ${name}`);
    return found;
  };

  describe('GET /playlists/{id}/items', () => {
    it('pages with limit 1..50 (default 20) and next/previous hrefs', async () => {
      const road = playlist('Road Trip (shared)');
      const first = (await api('GET', `/playlists/${road.id}/items?limit=10`)).body as PageBody<{
        item: { uri: string };
      }>;
      expect(first).toMatchObject({ limit: 10, offset: 0, total: road.itemUris.length, previous: null });
      expect(first.next).toBe(`${ctx.sim.apiUrl}/playlists/${road.id}/items?offset=10&limit=10`);
      const second = (await api('GET', `/playlists/${road.id}/items?offset=10&limit=10`)).body as PageBody<{
        item: { uri: string };
      }>;
      expect(second.previous).toBe(`${ctx.sim.apiUrl}/playlists/${road.id}/items?offset=0&limit=10`);
      expect(second.next).toBeNull();
      expect([...first.items, ...second.items].map((i) => i.item.uri)).toEqual(road.itemUris);
      expect(((await api('GET', `/playlists/${road.id}/items`)).body as PageBody<unknown>).limit).toBe(20);
      expect((await api('GET', `/playlists/${road.id}/items?limit=50`)).status).toBe(200);
      expect(await api('GET', `/playlists/${road.id}/items?limit=51`)).toMatchObject(
        apiError(400, 'Invalid limit'),
      );
    });

    it('filters with fields=items(track(uri)),next,total', async () => {
      const road = playlist('Road Trip (shared)');
      const answer = await api(
        'GET',
        `/playlists/${road.id}/items?limit=5&fields=items(track(uri)),next,total`,
      );
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({
        items: road.itemUris.slice(0, 5).map((uri) => ({ track: { uri } })),
        next: `${ctx.sim.apiUrl}/playlists/${road.id}/items?offset=5&limit=5`,
        total: road.itemUris.length,
      });
    });

    it('filters with dots, nested lists and exclusions; ignores names the body lacks', async () => {
      const road = playlist('Road Trip (shared)');
      const get = async (fields: string): Promise<unknown> => {
        const answer = await api(
          'GET',
          `/playlists/${road.id}/items?limit=1&fields=${encodeURIComponent(fields)}`,
        );
        expect(answer.status, answer.text).toBe(200);
        return answer.body;
      };
      const first = CATALOGUE.track(road.itemUris[0] ?? '');
      expect(await get('total,limit')).toEqual({ total: road.itemUris.length, limit: 1 });
      expect(await get('items.track.name')).toEqual({ items: [{ track: { name: first?.name } }] });
      expect(await get('items(added_by.id,track(name,album(name)))')).toEqual({
        items: [
          {
            added_by: { id: 'traytune-tester' },
            track: { name: first?.name, album: { name: expect.any(String) as unknown } },
          },
        ],
      });
      const excluded = (await get('items(track(!album,artists,available_markets))')) as {
        items: { track: Record<string, unknown> }[];
      };
      expect(excluded.items[0]?.track).not.toHaveProperty('album');
      expect(excluded.items[0]?.track).not.toHaveProperty('artists');
      expect(excluded.items[0]?.track).toHaveProperty('uri', road.itemUris[0]);
      expect(await get('total,!limit')).toEqual({ total: road.itemUris.length });
      expect(await get('total,nonsense,items(nope)')).toEqual({ total: road.itemUris.length, items: [{}] });
      expect(await api('GET', `/playlists/${road.id}/items?fields=items(track`)).toMatchObject(
        apiError(400, 'Invalid fields'),
      );
      expect(await api('GET', `/playlists/${road.id}/items?fields=total,,limit`)).toMatchObject(
        apiError(400, 'Invalid fields'),
      );
    });

    it('filters GET /playlists/{id} the same way', async () => {
      const morning = playlist('Morning Commute');
      expect((await api('GET', `/playlists/${morning.id}?fields=name,items(total)`)).body).toEqual({
        name: 'Morning Commute',
        items: { total: morning.itemUris.length },
      });
    });
  });

  describe('GET /me/player/recently-played', () => {
    interface Recent {
      items: {
        track: { uri: string; type: string };
        played_at: string;
        context?: { type: string; uri: string };
      }[];
      limit: number;
    }

    it('lists track, played_at and, where there was one, the context to play again', async () => {
      const body = (await api('GET', '/me/player/recently-played?limit=50')).body as Recent;
      expect(body.limit).toBe(50);
      expect(body.items.length).toBe(6);
      for (const item of body.items) {
        expect(item.track.type).toBe('track');
        expect(item.played_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      }
      const withContext = body.items.filter((i) => i.context !== undefined);
      expect(withContext.length).toBe(3);
      for (const item of withContext) {
        const album = CATALOGUE.album(item.context?.uri.split(':')[2] ?? '');
        expect(item.context?.type).toBe('album');
        expect(album?.trackUris).toContain(item.track.uri);
      }
      // Played again from its context: that context's item plays.
      const again = withContext[0];
      expect(
        (
          await api('PUT', '/me/player/play', {
            context_uri: again?.context?.uri,
            offset: { uri: again?.track.uri },
          })
        ).status,
      ).toBe(204);
      expect(ctx.sim.player.snapshot()).toMatchObject({
        itemUri: again?.track.uri,
        contextUri: again?.context?.uri,
      });
    });
  });

  describe('GET /search', () => {
    it('answers up to 10 per type for tracks, albums, playlists and artists; 11 is refused', async () => {
      const answer = await api('GET', '/search?q=a&type=track,album,playlist,artist&limit=10');
      expect(answer.status).toBe(200);
      const body = answer.body as Record<string, PageBody<unknown>>;
      for (const key of ['tracks', 'albums', 'playlists', 'artists']) expect(body[key]?.limit).toBe(10);
      expect(body['tracks']?.items.length).toBe(10);
      expect(body['tracks']?.next).toMatch(/offset=10&limit=10$/);
      expect(await api('GET', '/search?q=a&type=track&limit=11')).toMatchObject(
        apiError(400, 'Invalid limit'),
      );
    });
  });

  it('refuses a show context where the profile has no episodes', async () => {
    const show = CATALOGUE.shows[0]?.uri;
    expect(await api('PUT', '/me/player/play', { context_uri: show })).toMatchObject(
      apiError(400, 'Invalid context uri'),
    );
  });
});

describe('realistic profile: a show as a context from one of its episodes', () => {
  const ctx = contentSimulatorPerTest('realistic');

  it('plays the episode given as offset.uri in its show’s context, then the next episode', async () => {
    const show = CATALOGUE.shows[0];
    if (!show) throw new Error('no show');
    const [, second, third] = show.episodeUris;
    expect(
      (await ctx.api('PUT', '/me/player/play', { context_uri: show.uri, offset: { uri: second } })).status,
    ).toBe(204);
    const state = (await ctx.api('GET', '/me/player?additional_types=episode')).body as {
      context: { type: string; uri: string; href: string };
      item: { type: string; uri: string };
      currently_playing_type: string;
    };
    expect(state.context).toMatchObject({
      type: 'show',
      uri: show.uri,
      href: `${ctx.sim.apiUrl}/shows/${show.id}`,
    });
    expect(state.item).toMatchObject({ type: 'episode', uri: second });
    expect(state.currently_playing_type).toBe('episode');
    expect((await ctx.api('POST', '/me/player/next')).status).toBe(204);
    expect(ctx.sim.player.snapshot().itemUri).toBe(third);
    const outside = CATALOGUE.tracks[0]?.uri;
    expect(
      await ctx.api('PUT', '/me/player/play', { context_uri: show.uri, offset: { uri: outside } }),
    ).toMatchObject(apiError(404, 'Offset uri not found in context'));
  });
});
