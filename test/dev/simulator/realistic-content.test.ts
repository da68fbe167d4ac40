import { describe, expect, it } from 'vitest';
import {
  contentSimulatorPerTest,
  expectRefusal,
  playerBody,
  playOut,
  trackNamed,
  type ContentContext,
} from './content-helpers.ts';

const playlistNamed = (ctx: ContentContext, name: string) => {
  const playlist = ctx.sim.player.playlists().find((p) => p.name === name);
  if (!playlist) throw new Error(`no playlist ${name}`);
  return playlist;
};
const idOf = (uri: string): string => uri.split(':')[2] ?? '';

interface TrackBody {
  id?: string;
  uri: string;
  is_playable?: boolean;
  is_local: boolean;
  available_markets?: string[];
  restrictions?: { reason: string };
  linked_from?: { id: string; uri: string };
}

describe('realistic profile: ads', () => {
  const ctx = contentSimulatorPerTest('realistic', { adEveryTracks: 2 });

  it('plays an ad (type "ad", no item) after every 2 tracks, then goes on with the next track', async () => {
    const morning = playlistNamed(ctx, 'Morning Commute');
    ctx.sim.player.externalPlay({ contextUri: `spotify:playlist:${morning.id}` });
    await playOut(ctx);
    expect((await playerBody(ctx)).item?.uri).toBe(morning.itemUris[1]);
    await playOut(ctx);
    const ad = await playerBody(ctx);
    expect(ad).toMatchObject({ currently_playing_type: 'ad', is_playing: true });
    expect(ad.item).toBeUndefined();
    expect((await ctx.api('GET', '/me/player/queue')).body).toEqual({ queue: [] });
    // Ads last 15-30 s and never enter the history.
    ctx.sim.clock.advance(30_000);
    const after = await playerBody(ctx);
    expect(after.currently_playing_type).toBe('track');
    expect(after.item?.uri).toBe(morning.itemUris[2]);
    expect(
      ctx.sim.player
        .history()
        .slice(0, 2)
        .map((e) => e.uri),
    ).toEqual([morning.itemUris[1], morning.itemUris[0]]);
  });
});

describe('realistic profile: seeded ads', () => {
  const ctx = contentSimulatorPerTest('realistic');

  it('plays an ad within the first 6 tracks that end', async () => {
    ctx.sim.player.externalPlay({
      uris: ctx.sim.player
        .catalogue()
        .slice(0, 12)
        .map((t) => t.uri),
    });
    const types: string[] = [];
    for (let i = 0; i < 6; i++) {
      await playOut(ctx);
      types.push((await playerBody(ctx)).currently_playing_type);
    }
    expect(types).toContain('ad');
  });
});

describe('realistic profile: episodes and local files', () => {
  const ctx = contentSimulatorPerTest('realistic');

  it('puts an episode into Morning Commute; with additional_types=episode the item is an EpisodeObject', async () => {
    const morning = playlistNamed(ctx, 'Morning Commute');
    const episode = morning.itemUris.find((uri) => uri.startsWith('spotify:episode:'));
    expect(episode).toBeDefined();
    ctx.sim.player.externalPlay({ contextUri: `spotify:playlist:${morning.id}` });
    ctx.sim.player.externalPlay({ uris: [episode ?? ''] });
    const withEpisodes = (await ctx.api('GET', '/me/player?additional_types=track,episode')).body as {
      currently_playing_type: string;
      item: { type: string; uri: string; show: { name: string } };
    };
    expect(withEpisodes.currently_playing_type).toBe('episode');
    expect(withEpisodes.item).toMatchObject({
      type: 'episode',
      uri: episode,
      show: { name: 'The Pocket Almanac' },
    });
    // As Spotify: without additional_types=episode no item (Spotify sends null; openapi.yml has no null).
    const without = await playerBody(ctx);
    expect(without.currently_playing_type).toBe('episode');
    expect(without.item).toBeUndefined();
    const current = (await ctx.api('GET', '/me/player/currently-playing')).body as Record<string, unknown>;
    expect(current['item']).toBeUndefined();
  });

  it('plays a show as a context', async () => {
    const show = (
      (await ctx.api('GET', '/me/player/queue')).body as { queue: { type: string; show?: { uri: string } }[] }
    ).queue.find((item) => item.type === 'episode')?.show?.uri;
    expect(show).toMatch(/^spotify:show:/);
    expect((await ctx.api('PUT', '/me/player/play', { context_uri: show })).status).toBe(204);
    const body = (await ctx.api('GET', '/me/player?additional_types=episode')).body as {
      context: { type: string };
      item: { type: string; uri: string };
    };
    expect(body.context.type).toBe('show');
    expect(body.item.type).toBe('episode');
  });

  it('lists a local file in Morning Commute (is_local, spotify:local: URI, no id) and plays it', async () => {
    const morning = playlistNamed(ctx, 'Morning Commute');
    const items = (await ctx.api('GET', `/playlists/${morning.id}/items`)).body as {
      items: { is_local: boolean; item: TrackBody }[];
    };
    const local = items.items.find((entry) => entry.is_local);
    expect(local?.item).toMatchObject({
      is_local: true,
      uri: expect.stringMatching(/^spotify:local:/) as unknown,
    });
    expect(local?.item.id).toBeUndefined();
    const position = morning.itemUris.indexOf(local?.item.uri ?? '');
    expect(
      (
        await ctx.api('PUT', '/me/player/play', {
          context_uri: `spotify:playlist:${morning.id}`,
          offset: { position },
        })
      ).status,
    ).toBe(204);
    const body = await playerBody(ctx);
    expect(body.currently_playing_type).toBe('track');
    expect(body.item).toMatchObject({ is_local: true, uri: local?.item.uri });
    await playOut(ctx);
    expect(ctx.sim.player.history()[0]?.uri).toBe(local?.item.uri);
  });
});

describe('realistic profile: markets (seed user in SE)', () => {
  const ctx = contentSimulatorPerTest('realistic');

  it('answers is_playable false with restrictions for a track not sold in the market', async () => {
    const sirena = idOf(trackNamed(ctx.sim, 'Sirena'));
    const track = (await ctx.api('GET', `/tracks/${sirena}?market=from_token`)).body as TrackBody;
    expect(track).toMatchObject({ is_playable: false, restrictions: { reason: 'market' } });
    expect(track.available_markets).toBeUndefined();
    expect(((await ctx.api('GET', `/tracks/${sirena}?market=MX`)).body as TrackBody).is_playable).toBe(true);
    expect(((await ctx.api('GET', `/tracks/${sirena}`)).body as TrackBody).available_markets).toEqual([
      'ES',
      'MX',
      'US',
    ]);
  });

  it('relinks a track: the playable copy with linked_from naming the original', async () => {
    const original = trackNamed(ctx.sim, 'Tram 22');
    const track = (await ctx.api('GET', `/tracks/${idOf(original)}?market=from_token`)).body as TrackBody;
    expect(track.is_playable).toBe(true);
    expect(track.linked_from).toMatchObject({ id: idOf(original), uri: original });
    expect(track.uri).not.toBe(original);
    expect(((await ctx.api('GET', `/tracks/${idOf(original)}?market=DE`)).body as TrackBody).uri).toBe(
      original,
    );
  });

  it('skips unplayable tracks in a context and refuses a list of only unplayable ones', async () => {
    const sirena = trackNamed(ctx.sim, 'Sirena');
    const disco = playlistNamed(ctx, 'Kitchen Disco');
    expect(disco.itemUris).toContain(sirena);
    ctx.sim.player.externalPlay({ contextUri: `spotify:playlist:${disco.id}` });
    expect(ctx.sim.player.snapshot().queue).not.toContain(sirena);
    expect(ctx.sim.player.snapshot().queue).toContain(trackNamed(ctx.sim, 'Vltava Dub'));
    const offset = await ctx.api('PUT', '/me/player/play', {
      context_uri: `spotify:playlist:${disco.id}`,
      offset: { uri: sirena },
    });
    expect(offset.status).toBe(204);
    expect(ctx.sim.player.snapshot().itemUri).not.toBe(sirena);
    expectRefusal(await ctx.api('PUT', '/me/player/play', { uris: [sirena] }), 403, 'UNKNOWN');
  });

  it('rejects a malformed market', async () => {
    const answer = await ctx.api('GET', `/tracks/${idOf(trackNamed(ctx.sim, 'Aurora'))}?market=sweden`);
    expect(answer.status).toBe(400);
  });
});

describe('realistic profile: markets for a user in MX', () => {
  const ctx = contentSimulatorPerTest('realistic', {}, { country: 'MX' });

  it('plays what MX may play', async () => {
    const sirena = trackNamed(ctx.sim, 'Sirena');
    expect(
      ((await ctx.api('GET', `/tracks/${idOf(sirena)}?market=from_token`)).body as TrackBody).is_playable,
    ).toBe(true);
    expect((await ctx.api('PUT', '/me/player/play', { uris: [sirena] })).status).toBe(204);
  });
});

describe('realistic profile: followed playlists', () => {
  const ctx = contentSimulatorPerTest('realistic');

  it('lists the followed playlists of others with their real owner, readable but not editable', async () => {
    const page = (await ctx.api('GET', '/me/playlists?limit=50')).body as {
      total: number;
      items: { id: string; name: string; owner: { id: string; display_name: string } }[];
    };
    expect(page.total).toBe(5);
    const followed = page.items.find((p) => p.name === 'Nordic Chill');
    expect(followed?.owner).toMatchObject({ id: 'spotify', display_name: 'Spotify' });
    expect(page.items.find((p) => p.name === 'Everything Lanterns')?.owner.display_name).toBe('Harbour Fan');
    const id = followed?.id ?? '';
    expect((await ctx.api('GET', `/playlists/${id}/items`)).status).toBe(200);
    const add = await ctx.api('POST', `/playlists/${id}/items?uris=${trackNamed(ctx.sim, 'Aurora')}`);
    expectRefusal(add, 403);
    const contains = await ctx.api('GET', `/me/library/contains?uris=spotify:playlist:${id}`);
    expect(contains.body).toEqual([true]);
  });
});

describe('an item of a type the client does not know (sim.player.playUnknownItem)', () => {
  const ctx = contentSimulatorPerTest('lenient');

  it('plays an item of type "audiobook-chapter", which breaks openapi.yml on purpose', async () => {
    const uri = ctx.sim.player.playUnknownItem();
    const body = await playerBody(ctx);
    expect(body.item).toMatchObject({ type: 'audiobook-chapter', uri });
    expect(body.currently_playing_type).toBe('unknown');
    ctx.allowViolations();
    expect(ctx.sim.contractViolations.length).toBeGreaterThan(0);
    expect(() => ctx.sim.player.playUnknownItem('track')).toThrow(/other than track/);
  });
});

describe('lenient profile: content as before', () => {
  const ctx = contentSimulatorPerTest('lenient');

  it('has 50 tracks, 3 own playlists, no episode, local file or market restriction', async () => {
    expect(ctx.sim.player.catalogue()).toHaveLength(50);
    const morning = playlistNamed(ctx, 'Morning Commute');
    expect(morning.itemUris).toHaveLength(12);
    expect(morning.itemUris.every((uri) => uri.startsWith('spotify:track:'))).toBe(true);
    expect(((await ctx.api('GET', '/me/playlists')).body as { total: number }).total).toBe(3);
    const sirena = trackNamed(ctx.sim, 'Sirena');
    const track = (await ctx.api('GET', `/tracks/${idOf(sirena)}?market=from_token`)).body as TrackBody;
    expect(track.is_playable).toBe(true);
    expect(track.available_markets).toHaveLength(9);
    expect((await ctx.api('PUT', '/me/player/play', { uris: [sirena] })).status).toBe(204);
    const episode = `spotify:episode:${'a'.repeat(22)}`;
    expect((await ctx.api('PUT', '/me/player/play', { uris: [episode] })).status).toBe(404);
  });
});
