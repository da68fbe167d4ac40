/**
 * "Add to playlist" against the realistic profile, where the user also follows other people's public
 * playlists: /me/playlists lists them too, but only the owner (or anyone, for a collaborative one) may
 * add to a playlist, so the picker (which shows `canAdd` ones) must not offer them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { signIn, startApp, type AppHarness } from './harness.ts';

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('playlists offered for "add to playlist" (realistic profile)', () => {
  it('followed playlists are listed but not addable; own and collaborative ones are', async () => {
    h = await startApp({ simulator: { profile: 'realistic', randomSeed: 1 } });
    await signIn(h);
    const page = await h.app.handlers['library:playlists']({ offset: 0, limit: 50 });
    const addable = Object.fromEntries(page.items.map((p) => [p.name, p.canAdd]));
    expect(addable).toEqual({
      'Morning Commute': true,
      'Kitchen Disco': true,
      'Road Trip (shared)': true,
      'Nordic Chill': false,
      'Everything Lanterns': false,
    });

    // What canAdd stands for: an add to a followed playlist is refused before it is sent (Spotify would
    // answer 403), and one to an own playlist is taken.
    const followed = page.items.find((p) => p.name === 'Nordic Chill')!;
    h.sim.requests.reset();
    const refused = await h.app.handlers['library:addCurrentToPlaylist']({ playlistId: followed.id });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'refused', source: 'playlist' } });
    expect(refused.ok || ('error' in refused && refused.error.message)).toMatch(
      /cannot add to "Nordic Chill": only its owner can/,
    );
    expect(h.sim.requests.count({ method: 'POST' })).toBe(0);
    const own = page.items.find((p) => p.name === 'Kitchen Disco')!;
    expect(await h.app.handlers['library:addCurrentToPlaylist']({ playlistId: own.id })).toEqual({
      ok: true,
    });
  });
});
