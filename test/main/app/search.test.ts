import { afterEach, describe, expect, it } from 'vitest';
import { SEARCH_RESULTS_PER_TYPE } from '../../../src/shared/library.ts';
import { LatestCall, SearchCancelledError } from '../../../src/main/app/search.ts';
import { signIn, startApp, type AppHarness } from './harness.ts';

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const searches = (h: AppHarness) => h.sim.requests.entries.filter((e) => e.path === '/v1/search');

describe('library:search', () => {
  it('tracks, albums, playlists and artists, at most 10 of each, in one request', async () => {
    h = await startApp();
    await signIn(h);
    const track = h.sim.player.catalogue()[3]!;
    h.sim.requests.reset();
    const results = await h.app.handlers['library:search']({ query: track.name });
    expect(searches(h)).toHaveLength(1);
    expect(searches(h)[0]!.query).toMatchObject({
      q: track.name,
      type: 'track,album,playlist,artist',
      limit: String(SEARCH_RESULTS_PER_TYPE),
    });
    expect(results.query).toBe(track.name);
    expect(results.tracks.map((t) => t.uri)).toContain(track.uri);

    const wide = await h.app.handlers['library:search']({ query: 'a' });
    for (const kind of ['tracks', 'albums', 'artists'] as const) {
      expect(wide[kind].length).toBeGreaterThan(0);
      expect(wide[kind].length).toBeLessThanOrEqual(SEARCH_RESULTS_PER_TYPE);
    }
    expect(wide.artists[0]!.uri).toBe(`spotify:artist:${wide.artists[0]!.id}`);
    expect(wide.albums[0]!.artUrl).toMatch(/^https:\/\//);
  });

  it('playlists found: the user’s own can be added to, others’ cannot', async () => {
    h = await startApp({ simulator: { profile: 'realistic', randomSeed: 1 } });
    await signIn(h);
    const own = await h.app.handlers['library:search']({ query: 'Kitchen Disco' });
    expect(own.playlists.map((p) => [p.name, p.canAdd])).toEqual([['Kitchen Disco', true]]);
    const others = await h.app.handlers['library:search']({ query: 'Nordic Chill' });
    expect(others.playlists.map((p) => [p.name, p.ownerName, p.canAdd])).toEqual([
      ['Nordic Chill', 'Spotify', false],
    ]);
  });

  it('a newer search cancels the one in flight: it rejects "cancelled", one request is answered', async () => {
    h = await startApp();
    await signIn(h);
    h.sim.requests.reset();
    const older = h.app.handlers['library:search']({ query: 'harbour' });
    const newer = h.app.handlers['library:search']({ query: 'a' });
    const error = await older.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SearchCancelledError);
    expect(error).toMatchObject({ code: 'cancelled' });
    expect((await newer).query).toBe('a');
    expect(searches(h).map((e) => e.query['q'])).toEqual(['a']);
  });

  it('a 429 fails at once; signed out is a typed error', async () => {
    h = await startApp();
    await signIn(h);
    h.sim.injectFault({ method: 'GET', path: '/v1/search', retryAfter: 20 });
    await expect(h.app.handlers['library:search']({ query: 'x' })).rejects.toMatchObject({
      name: 'SpotifyApiError',
      kind: 'rate-limited',
    });
    await h.close();
    h = await startApp({ clientId: null });
    await expect(h.app.handlers['library:search']({ query: 'x' })).rejects.toMatchObject({
      name: 'UserFacingError',
    });
  });
});

describe('LatestCall', () => {
  it('an older call whose answer came in before the newer one started still rejects', async () => {
    const latest = new LatestCall();
    let release!: (value: string) => void;
    const older = latest.run(() => new Promise<string>((resolve) => (release = resolve)));
    const newer = latest.run((signal) => Promise.resolve(signal.aborted ? 'aborted' : 'fresh'));
    release('stale');
    await expect(older).rejects.toBeInstanceOf(SearchCancelledError);
    await expect(newer).resolves.toBe('fresh');
  });

  it('a failure of the latest call is its own error', async () => {
    const latest = new LatestCall();
    const failure = new Error('boom');
    await expect(latest.run(() => Promise.reject(failure))).rejects.toBe(failure);
  });
});
