import { afterEach, describe, expect, it } from 'vitest';
import { signIn, startApp, type AppHarness } from './harness.ts';

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The adds to one playlist that reached the simulator. */
const adds = (h: AppHarness, playlistId: string) =>
  h.sim.requests.count({ method: 'POST', path: `/v1/playlists/${playlistId}/items` });

/** Plays the loaded track and lets it end by itself: with an ad after every track, the ad comes. */
async function playIntoAnAd(h: AppHarness): Promise<void> {
  expect(await h.app.handlers['player:togglePlay'](undefined)).toEqual({ ok: true });
  const track = h.sim.player.catalogue().find((t) => t.uri === h.sim.player.snapshot().itemUri)!;
  await h.clock.advance(track.durationMs + 2_000);
  // The mini-player shown: the engine reads promptly.
  await h.app.handlers['ui:setVisible']({ visible: true });
  await h.clock.advance(1_000);
}

describe('items that are not tracks, in the app', () => {
  it('an ad: the snapshot says so, and add-to-playlist refuses it without asking Spotify', async () => {
    h = await startApp({ simulator: { realism: { content: { ads: true, adEveryTracks: 1 } } } });
    await signIn(h);
    await playIntoAnAd(h);
    const snapshot = h.app.getSnapshot();
    expect(snapshot.item).toMatchObject({ type: 'ad', uri: 'spotify:ad' });
    expect(snapshot.disallows).toContain('skipping_next');

    const playlist = h.sim.player.playlists()[0]!;
    const before = playlist.itemUris.length;
    h.sim.requests.reset();
    const result = await h.app.handlers['library:addCurrentToPlaylist']({ playlistId: playlist.id });
    expect(result).toMatchObject({ ok: false, error: { kind: 'refused', source: 'playlist' } });
    expect(result.ok || ('error' in result && result.error.message)).toMatch(/Ads cannot be added/);
    expect(adds(h, playlist.id)).toBe(0);
    expect(h.sim.player.playlists()[0]!.itemUris).toHaveLength(before);
  });

  it('a local file is refused too; a track goes through', async () => {
    h = await startApp({ simulator: { realism: { content: { localFiles: true } } } });
    await signIn(h);
    // One that does not hold the current track yet (else the duplicate check would answer instead).
    const current = h.sim.player.snapshot().itemUri!;
    const playlist = h.sim.player.playlists().find((p) => !p.itemUris.includes(current))!;
    expect(await h.app.handlers['library:addCurrentToPlaylist']({ playlistId: playlist.id })).toEqual({
      ok: true,
    });
    // The count below sees adds: this one went out.
    expect(adds(h, playlist.id)).toBe(1);
    const local = h.sim.player
      .playlists()
      .flatMap((p) => p.itemUris)
      .find((uri) => uri.startsWith('spotify:local:'));
    expect(local).toBeDefined();
    await h.clock.advance(5_000);
    h.sim.player.externalPlay({ uris: [local!] });
    // The tray menu opened: the read that shows the local file.
    h.app.notifyLooking();
    await h.clock.advance(0);
    expect(h.app.getSnapshot().item).toMatchObject({ isLocal: true });
    h.sim.requests.reset();
    const result = await h.app.handlers['library:addCurrentToPlaylist']({ playlistId: playlist.id });
    expect(result.ok || ('error' in result && result.error.message)).toMatch(/Local files cannot be added/);
    expect(adds(h, playlist.id)).toBe(0);
  });
});
