import { describe, expect, it } from 'vitest';
import { SEED_USER_ID } from '../../../dev/simulator/index.ts';
import { apiError, simulatorPerTest, type PageBody, type PlaybackBody, type TrackBody } from './helpers.ts';

const ctx = simulatorPerTest();
const { api, ok, playback } = ctx;

const LIKED = `spotify:user:${SEED_USER_ID}:collection`;
const playing = async (): Promise<string> => (await playback()).item.uri;
const liked = (): string[] => [...ctx.sim.player.likedUris()];
const likedPage = async (): Promise<string[]> => {
  const page = (await api('GET', '/me/tracks?limit=50')).body as PageBody<{ track: TrackBody }>;
  return page.items.map((i) => i.track.uri);
};

describe('Liked Songs as a context: spotify:user:{user_id}:collection', () => {
  it('plays the liked list in GET /me/tracks order from offset.uri; the context is "collection"', async () => {
    const order = await likedPage();
    expect(order).toEqual(liked());
    await ok('PUT', '/me/player/play', { context_uri: LIKED, offset: { uri: order[2] } });
    const state = await playback();
    expect(state).toMatchObject({ is_playing: true, item: { uri: order[2] } });
    expect(state.context).toEqual({
      type: 'collection',
      uri: LIKED,
      href: `${ctx.sim.apiUrl}/me/tracks`,
      external_urls: { spotify: 'https://open.spotify.com/collection/tracks' },
    });
    await ok('POST', '/me/player/next');
    expect(await playing()).toBe(order[3]);
    await ok('POST', '/me/player/previous');
    await ok('POST', '/me/player/previous');
    expect(await playing()).toBe(order[1]);
    const current = (await api('GET', '/me/player/currently-playing')).body as PlaybackBody;
    expect(current.context?.type).toBe('collection');
  });

  it('starts at offset.position, or at the newest liked song without an offset', async () => {
    await ok('PUT', '/me/player/play', { context_uri: LIKED, offset: { position: 5 } });
    expect(await playing()).toBe(liked()[5]);
    await ok('PUT', '/me/player/play', { context_uri: LIKED });
    expect(await playing()).toBe(liked()[0]);
    expect(
      await api('PUT', '/me/player/play', { context_uri: LIKED, offset: { position: 30 } }),
    ).toMatchObject(apiError(404, 'Offset out of range'));
    const other = ctx.sim.player.catalogue().find((t) => !liked().includes(t.uri))?.uri;
    expect(await api('PUT', '/me/player/play', { context_uri: LIKED, offset: { uri: other } })).toMatchObject(
      apiError(404, 'Offset uri not found in context'),
    );
  });

  it('queues within it: the queue lists the liked songs that follow, a queued track plays first', async () => {
    const order = liked();
    await ok('PUT', '/me/player/play', { context_uri: LIKED, offset: { position: 0 } });
    const queue = (await api('GET', '/me/player/queue')).body as { queue: { uri: string }[] };
    expect(queue.queue.map((i) => i.uri)).toEqual(order.slice(1, 21));
    const extra = ctx.sim.player.catalogue().find((t) => !order.includes(t.uri))?.uri ?? '';
    await ok('POST', `/me/player/queue?uri=${extra}`);
    await ok('POST', '/me/player/next');
    expect(await playing()).toBe(extra);
    expect((await playback()).context?.uri).toBe(LIKED);
    await ok('POST', '/me/player/next');
    expect(await playing()).toBe(order[1]);
  });

  it('shuffles within the liked songs and wraps with repeat context', async () => {
    const order = liked();
    await ok('PUT', '/me/player/shuffle?state=true');
    await ok('PUT', '/me/player/play', { context_uri: LIKED, offset: { uri: order[4] } });
    const played = [await playing()];
    for (let i = 1; i < order.length; i++) {
      await ok('POST', '/me/player/next');
      played.push(await playing());
    }
    expect(played[0]).toBe(order[4]);
    expect([...played].sort()).toEqual([...order].sort());
    // The rest is shuffled too, not the liked order with the chosen first song taken out.
    expect(played.slice(1)).not.toEqual(order.filter((uri) => uri !== order[4]));
    expect(await api('POST', '/me/player/next')).toMatchObject(
      apiError(403, 'Player command failed: No next track', 'NO_NEXT_TRACK'),
    );

    await ok('PUT', '/me/player/shuffle?state=false');
    await ok('PUT', '/me/player/repeat?state=context');
    await ok('PUT', '/me/player/play', { context_uri: LIKED, offset: { position: order.length - 1 } });
    await ok('POST', '/me/player/next');
    expect(await playing()).toBe(order[0]);
  });

  it('keeps the order it started with when songs are liked or unliked during playback', async () => {
    const order = liked();
    await ok('PUT', '/me/player/play', { context_uri: LIKED, offset: { position: 0 } });
    const fresh = ctx.sim.player.catalogue().find((t) => !order.includes(t.uri))?.uri ?? '';
    expect((await api('PUT', `/me/library?uris=${fresh}`)).status).toBe(200);
    expect((await api('DELETE', `/me/library?uris=${order[1]}`)).status).toBe(200);
    expect((await likedPage())[0]).toBe(fresh);
    await ok('POST', '/me/player/next');
    expect(await playing()).toBe(order[1]);
    await ok('POST', '/me/player/next');
    expect(await playing()).toBe(order[2]);
    // A new play takes the list as it is now.
    await ok('PUT', '/me/player/play', { context_uri: LIKED });
    expect(await playing()).toBe(fresh);
    await ok('POST', '/me/player/next');
    expect(await playing()).toBe(order[0]);
    await ok('POST', '/me/player/next');
    expect(await playing()).toBe(order[2]);
  });

  it('names the collection as the context of what was played from it (recently played)', async () => {
    await ok('PUT', '/me/player/play', { context_uri: LIKED, offset: { position: 0 } });
    ctx.sim.clock.advance(5000);
    await ok('POST', '/me/player/next');
    const recent = (await api('GET', '/me/player/recently-played?limit=1')).body as {
      items: { track: { uri: string }; context?: { type: string; uri: string; href: string } }[];
    };
    expect(recent.items[0]).toMatchObject({
      track: { uri: liked()[0] },
      context: { type: 'collection', uri: LIKED, href: `${ctx.sim.apiUrl}/me/tracks` },
    });
  });

  it('refuses another user’s collection (404) and malformed collection URIs (400)', async () => {
    ctx.sim.addUser({ id: 'someone-else', displayName: 'Someone' });
    ctx.sim.playerFor('someone-else').likedUris();
    const before = await playing();
    expect(
      await api('PUT', '/me/player/play', { context_uri: 'spotify:user:someone-else:collection' }),
    ).toMatchObject(apiError(404, 'Context not found'));
    expect(await playing()).toBe(before);
    for (const uri of [
      'spotify:user::collection',
      `spotify:user:${SEED_USER_ID}:collection:x`,
      `spotify:user:${SEED_USER_ID}:collections`,
    ])
      expect(await api('PUT', '/me/player/play', { context_uri: uri })).toMatchObject(
        apiError(400, 'Invalid context uri'),
      );
  });

  it('plays nothing from an empty collection: 404 "Context not found"', async () => {
    const all = liked();
    expect((await api('DELETE', `/me/library?uris=${all.slice(0, 30).join(',')}`)).status).toBe(200);
    expect(liked()).toEqual([]);
    expect(await api('PUT', '/me/player/play', { context_uri: LIKED })).toMatchObject(
      apiError(404, 'Context not found'),
    );
  });

  it('is also what sim.player.externalPlay plays (the phone starting Liked Songs)', async () => {
    ctx.sim.player.externalPlay({ contextUri: LIKED });
    expect(await playing()).toBe(liked()[0]);
    expect((await playback()).context?.type).toBe('collection');
  });
});
