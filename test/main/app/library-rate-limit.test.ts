import { afterEach, describe, expect, it } from 'vitest';
import { toAppError } from '../../../src/main/app/errors.ts';
import { SpotifyApiError } from '../../../src/main/spotify/index.ts';
import { signIn, startApp, type AppHarness } from './harness.ts';

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

// The harness's client sleeps on the fake clock, which never moves here: a handler that waited out the
// Retry-After would never settle, so settling at all shows that it did not wait.
describe('library channels under a 429', () => {
  it('Liked Songs fails at once with "rate limited, try again at …" after one request', async () => {
    h = await startApp();
    await signIn(h);
    h.sim.requests.reset();
    h.sim.injectFault({ method: 'GET', path: '/v1/me/tracks', retryAfter: 20 });
    const error = await h.app.handlers['library:likedSongs']({ offset: 0, limit: 20 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SpotifyApiError);
    expect(error).toMatchObject({ kind: 'rate-limited', rateLimitedUntil: h.clock.now() + 20_000 });
    expect(toAppError(error).code).toBe('rate-limited');
    expect(h.sim.requests.count({ method: 'GET', path: '/v1/me/tracks' })).toBe(1);
  });

  it('playlists and the queue fail fast too while the pause lasts', async () => {
    h = await startApp();
    await signIn(h);
    h.sim.injectFault({ method: 'GET', path: '/v1/me/playlists', retryAfter: 20 });
    await expect(h.app.handlers['library:playlists']({ offset: 0, limit: 20 })).rejects.toMatchObject({
      kind: 'rate-limited',
    });
    // The shared pause holds the next call back without sending it.
    h.sim.requests.reset();
    await expect(h.app.handlers['library:queue'](undefined)).rejects.toMatchObject({ kind: 'rate-limited' });
    expect(h.sim.requests.count({ method: 'GET', path: '/v1/me/player/queue' })).toBe(0);
  });

  it('adding the current track to a playlist answers with the rate limit instead of waiting', async () => {
    h = await startApp();
    await signIn(h);
    const [playlist] = await h.app.handlers['library:playlists']({ offset: 0, limit: 1 }).then(
      (p) => p.items,
    );
    h.sim.requests.reset();
    h.sim.injectFault({ method: 'POST', path: `/v1/playlists/${playlist!.id}/items`, retryAfter: 20 });
    // "Add anyway" to a playlist just listed: no duplicate check, no read, straight to the add.
    const result = await h.app.handlers['library:addCurrentToPlaylist']({
      playlistId: playlist!.id,
      allowDuplicate: true,
    });
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'rate-limited', source: 'playlist', until: h.clock.now() + 20_000 },
    });
    expect(h.sim.requests.count({ method: 'POST', path: `/v1/playlists/${playlist!.id}/items` })).toBe(1);
    expect(h.sim.requests.entries.filter((e) => e.path.startsWith('/v1/playlists/'))).toHaveLength(1);
  });

  it('the duplicate check before an add fails fast too, and nothing is added', async () => {
    h = await startApp();
    await signIn(h);
    const playlist = h.sim.player.playlists()[1]!;
    h.sim.requests.reset();
    h.sim.injectFault({ method: 'GET', path: `/v1/playlists/${playlist.id}`, retryAfter: 20 });
    const result = await h.app.handlers['library:addCurrentToPlaylist']({ playlistId: playlist.id });
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'rate-limited', source: 'playlist', until: h.clock.now() + 20_000 },
    });
    const playlistRequests = h.sim.requests.entries.filter((e) => e.path.startsWith('/v1/playlists/'));
    expect(playlistRequests.map((e) => `${e.method} ${e.path}`)).toEqual([
      `GET /v1/playlists/${playlist.id}`,
    ]);
    expect(h.sim.player.playlists()[1]!.itemUris).toEqual(playlist.itemUris);
  });
});
