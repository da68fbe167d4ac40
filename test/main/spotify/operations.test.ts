import { describe, expect, it } from 'vitest';
import { SEED_USER_ID } from '../../../dev/simulator/index.ts';
import { SpotifyApiError } from '../../../src/main/spotify/errors.ts';
import { fillPath } from '../../../src/main/spotify/operations.ts';
import { harnessPerTest, rejectionOf } from './support.ts';

const h = harnessPerTest();

function otherDevice(): string {
  const device = h.sim.player.devices().find((d) => !d.isActive && !d.isRestricted);
  if (!device) throw new Error('the seed has no second device');
  return device.id;
}

describe('player state', () => {
  it('getPlaybackState reads the active device, item and settings; null (204) without an active device', async () => {
    const snapshot = h.sim.player.snapshot();
    const state = await h.api.getPlaybackState();
    expect(h.lastRequest()).toMatchObject({
      method: 'GET',
      path: '/v1/me/player',
      query: { additional_types: 'track,episode' },
      status: 200,
    });
    expect(state).toMatchObject({
      device: { id: snapshot.deviceId, is_active: true, volume_percent: snapshot.volumePercent },
      is_playing: snapshot.isPlaying,
      progress_ms: snapshot.progressMs,
      shuffle_state: snapshot.shuffle,
      repeat_state: snapshot.repeat,
      item: { type: 'track', uri: snapshot.itemUri },
    });
    expect(state?.context?.uri ?? null).toBe(snapshot.contextUri);
    expect(state?.actions).toMatchObject(snapshot.isPlaying ? { resuming: true } : { pausing: true });

    h.sim.player.deactivate();
    await expect(h.api.getPlaybackState()).resolves.toBeNull();
    expect(h.lastRequest()).toMatchObject({ path: '/v1/me/player', status: 204 });
  });

  it('getCurrentlyPlaying reads the item and progress; null (204) without an active device', async () => {
    h.sim.player.externalResume();
    h.sim.clock.advance(1_500);
    const snapshot = h.sim.player.snapshot();
    const now = await h.api.getCurrentlyPlaying();
    expect(h.lastRequest()).toMatchObject({
      method: 'GET',
      path: '/v1/me/player/currently-playing',
      query: { additional_types: 'track,episode' },
    });
    expect(now).toMatchObject({
      is_playing: true,
      progress_ms: snapshot.progressMs,
      item: { uri: snapshot.itemUri },
    });
    expect(now).not.toHaveProperty('device');
    h.sim.player.deactivate();
    await expect(h.api.getCurrentlyPlaying()).resolves.toBeNull();
  });

  it('getDevices lists every device', async () => {
    const devices = await h.api.getDevices();
    expect(h.lastRequest()).toMatchObject({ method: 'GET', path: '/v1/me/player/devices', query: {} });
    expect(devices.map((d) => [d.id, d.name, d.is_active, d.is_restricted])).toEqual(
      h.sim.player.devices().map((d) => [d.id, d.name, d.isActive, d.isRestricted]),
    );
  });

  it('getQueue lists what plays next, user-queued items first', async () => {
    const uri = h.sim.player.catalogue()[7]?.uri as string;
    h.sim.player.externalQueue(uri);
    const queue = await h.api.getQueue();
    expect(h.lastRequest()).toMatchObject({ method: 'GET', path: '/v1/me/player/queue' });
    expect(queue.currently_playing?.uri).toBe(h.sim.player.snapshot().itemUri);
    expect(queue.queue.map((item) => item.uri)).toEqual(h.sim.player.snapshot().queue);
    expect(queue.queue[0]?.uri).toBe(uri);
  });

  it('getRecentlyPlayed reads the history with a limit', async () => {
    const queue = await h.api.getRecentlyPlayed({ limit: 3 });
    expect(h.lastRequest()).toMatchObject({
      method: 'GET',
      path: '/v1/me/player/recently-played',
      query: { limit: '3' },
    });
    const history = h.sim.player.history();
    expect(queue.items.map((item) => item.track.uri)).toEqual(history.slice(0, 3).map((e) => e.uri));
    expect(queue.limit).toBe(3);
    await h.api.getRecentlyPlayed({ limit: 500, before: Date.now() });
    expect(h.lastRequest().query).toMatchObject({ limit: '50' });
    expect(h.lastRequest().query['before']).toBeDefined();
  });
});

describe('player commands', () => {
  it('transferPlayback moves playback to one device and can start it', async () => {
    const target = otherDevice();
    await h.api.transferPlayback(target, { play: true });
    expect(h.lastRequest()).toMatchObject({ method: 'PUT', path: '/v1/me/player', query: {} });
    expect(h.sim.player.snapshot()).toMatchObject({ deviceId: target, isPlaying: true });
  });

  it('play starts a context at an offset and position, or a list of URIs, on a chosen device', async () => {
    const playlist = h.sim.player.playlists()[0];
    if (!playlist) throw new Error('the seed has no playlist');
    const target = otherDevice();
    await h.api.play({
      contextUri: `spotify:playlist:${playlist.id}`,
      offset: { position: 1 },
      positionMs: 1_000,
      deviceId: target,
    });
    expect(h.lastRequest()).toMatchObject({
      method: 'PUT',
      path: '/v1/me/player/play',
      query: { device_id: target },
    });
    expect(h.sim.player.snapshot()).toMatchObject({
      deviceId: target,
      isPlaying: true,
      contextUri: `spotify:playlist:${playlist.id}`,
      itemUri: playlist.itemUris[1],
      progressMs: 1_000,
    });

    const [a, b] = h.sim.player
      .catalogue()
      .slice(10, 12)
      .map((t) => t.uri);
    await h.api.play({ uris: [a as string, b as string], offset: { uri: b as string } });
    expect(h.lastRequest()).toMatchObject({ method: 'PUT', path: '/v1/me/player/play', query: {} });
    expect(h.sim.player.snapshot()).toMatchObject({ itemUri: b, contextUri: null, isPlaying: true });
  });

  it('play without arguments resumes, pause pauses', async () => {
    h.sim.player.externalPause();
    await h.api.play();
    expect(h.lastRequest()).toMatchObject({ method: 'PUT', path: '/v1/me/player/play', query: {} });
    expect(h.sim.player.snapshot().isPlaying).toBe(true);
    await h.api.pause();
    expect(h.lastRequest()).toMatchObject({ method: 'PUT', path: '/v1/me/player/pause', query: {} });
    expect(h.sim.player.snapshot().isPlaying).toBe(false);
  });

  it('next and previous move through the context', async () => {
    const first = h.sim.player.snapshot().itemUri;
    await h.api.next();
    expect(h.lastRequest()).toMatchObject({ method: 'POST', path: '/v1/me/player/next' });
    const second = h.sim.player.snapshot().itemUri;
    expect(second).not.toBe(first);
    await h.api.previous({ deviceId: h.sim.player.snapshot().deviceId as string });
    expect(h.lastRequest()).toMatchObject({ method: 'POST', path: '/v1/me/player/previous' });
    expect(h.lastRequest().query['device_id']).toBe(h.sim.player.snapshot().deviceId);
    expect(h.sim.player.snapshot().itemUri).toBe(first);
  });

  it('seek, volume, shuffle and repeat set absolute values', async () => {
    await h.api.seek(5_000.4);
    expect(h.lastRequest()).toMatchObject({
      method: 'PUT',
      path: '/v1/me/player/seek',
      query: { position_ms: '5000' },
    });
    await h.api.setVolume(33);
    expect(h.lastRequest()).toMatchObject({
      method: 'PUT',
      path: '/v1/me/player/volume',
      query: { volume_percent: '33' },
    });
    await h.api.setVolume(140);
    expect(h.lastRequest().query).toEqual({ volume_percent: '100' });
    await h.api.setShuffle(true);
    expect(h.lastRequest()).toMatchObject({
      method: 'PUT',
      path: '/v1/me/player/shuffle',
      query: { state: 'true' },
    });
    await h.api.setRepeat('context');
    expect(h.lastRequest()).toMatchObject({
      method: 'PUT',
      path: '/v1/me/player/repeat',
      query: { state: 'context' },
    });
    expect(h.sim.player.snapshot()).toMatchObject({
      progressMs: 5_000,
      volumePercent: 100,
      shuffle: true,
      repeat: 'context',
    });
  });

  it('addToQueue queues a track', async () => {
    const uri = h.sim.player.catalogue()[20]?.uri as string;
    await h.api.addToQueue(uri);
    expect(h.lastRequest()).toMatchObject({ method: 'POST', path: '/v1/me/player/queue', query: { uri } });
    expect(h.sim.player.snapshot().userQueue).toEqual([uri]);
  });

  it('takes both command answer styles (204 and 200 with text) as success', async () => {
    for (const style of ['204', '200-text'] as const) {
      h.sim.setCommandResponseStyle(style);
      await h.api.pause();
      await h.api.play();
      await h.api.next();
      await h.api.setVolume(10);
      expect(h.lastRequest().status).toBe(style === '204' ? 204 : 200);
    }
  });

  it('maps Spotify player errors to kinds', async () => {
    h.sim.setRedundantCommandStyle('reason');
    h.sim.player.externalPause();
    await expect(h.api.pause()).rejects.toMatchObject({
      kind: 'restricted',
      status: 403,
      reason: 'ALREADY_PAUSED',
    });

    h.sim.player.deactivate();
    await expect(h.api.next()).rejects.toMatchObject({
      kind: 'no-active-device',
      reason: 'NO_ACTIVE_DEVICE',
    });

    h.sim.setPremium(SEED_USER_ID, false);
    const error = await rejectionOf(h.api.setVolume(20));
    expect(error).toMatchObject({ kind: 'premium-required', status: 403, reason: 'PREMIUM_REQUIRED' });
    expect((error as Error).message).toMatch(/Premium/);
  });
});

describe('profile, library, playlists, search', () => {
  it('getProfile reads /me', async () => {
    await expect(h.api.getProfile()).resolves.toMatchObject({
      id: SEED_USER_ID,
      uri: `spotify:user:${SEED_USER_ID}`,
    });
    expect(h.lastRequest()).toMatchObject({ method: 'GET', path: '/v1/me' });
  });

  it('getSavedTracks pages through Liked Songs', async () => {
    const liked = h.sim.player.likedUris();
    const page = await h.api.getSavedTracks({ limit: 2, offset: 1 });
    expect(h.lastRequest()).toMatchObject({
      method: 'GET',
      path: '/v1/me/tracks',
      query: { limit: '2', offset: '1' },
    });
    expect(page.items.map((item) => item.track.uri)).toEqual(liked.slice(1, 3));
    expect(page).toMatchObject({ total: liked.length, limit: 2, offset: 1 });
    await h.api.getSavedTracks({ limit: 80 });
    // The user's market: a relinked track comes with `linked_from`, the URI the library holds.
    expect(h.lastRequest().query).toEqual({ limit: '50', market: 'from_token' });
  });

  it('saves, checks and removes through /me/library', async () => {
    const liked = new Set(h.sim.player.likedUris());
    const [fresh, other] = h.sim.player
      .catalogue()
      .map((t) => t.uri)
      .filter((uri) => !liked.has(uri));
    await h.api.saveToLibrary([fresh as string]);
    expect(h.lastRequest()).toMatchObject({ method: 'PUT', path: '/v1/me/library', query: { uris: fresh } });
    expect(h.sim.player.likedUris()[0]).toBe(fresh);

    await expect(h.api.checkLibrary([fresh as string, other as string])).resolves.toEqual([true, false]);
    expect(h.lastRequest()).toMatchObject({
      method: 'GET',
      path: '/v1/me/library/contains',
      query: { uris: `${fresh},${other}` },
    });

    await h.api.removeFromLibrary([fresh as string]);
    expect(h.lastRequest()).toMatchObject({
      method: 'DELETE',
      path: '/v1/me/library',
      query: { uris: fresh },
    });
    expect(h.sim.player.likedUris()).not.toContain(fresh);
  });

  it('refuses more than 40 URIs before sending anything', async () => {
    const uris = Array.from({ length: 41 }, (_, i) => `spotify:track:${i}`);
    await expect(h.api.saveToLibrary(uris)).rejects.toMatchObject({ kind: 'bad-request' });
    await expect(h.api.checkLibrary([])).rejects.toMatchObject({ kind: 'bad-request' });
    expect(h.sim.requests.count()).toBe(0);
  });

  it('getMyPlaylists lists the playlists', async () => {
    const page = await h.api.getMyPlaylists({ limit: 50 });
    expect(h.lastRequest()).toMatchObject({
      method: 'GET',
      path: '/v1/me/playlists',
      query: { limit: '50' },
    });
    expect(page.items.map((p) => [p.id, p.name])).toEqual(
      h.sim.player.playlists().map((p) => [p.id, p.name]),
    );
  });

  it('addToPlaylist appends items; a command: resolves with nothing', async () => {
    const playlist = h.sim.player.playlists()[0];
    if (!playlist) throw new Error('the seed has no playlist');
    const uris = h.sim.player
      .catalogue()
      .slice(30, 32)
      .map((t) => t.uri);
    const result: unknown = await h.api.addToPlaylist(playlist.id, uris);
    expect(h.lastRequest()).toMatchObject({
      method: 'POST',
      path: `/v1/playlists/${playlist.id}/items`,
      status: 201,
    });
    expect(result).toBeUndefined();
    expect(h.sim.player.playlists()[0]?.itemUris.slice(-2)).toEqual(uris);
  });

  it('addToPlaylist never parses the answer: a non-JSON 2xx body is success', async () => {
    const path = '/v1/playlists/pl-x/items';
    h.sim.injectFault({ method: 'POST', path, status: 201, body: 'Created <snapshot>' });
    h.sim.injectFault({ method: 'POST', path, status: 200, body: '{"snapshot_id": ' });
    await expect(h.api.addToPlaylist('pl-x', ['spotify:track:a'])).resolves.toBeUndefined();
    await expect(h.api.addToPlaylist('pl-x', ['spotify:track:a'])).resolves.toBeUndefined();
    expect(h.sim.requests.count({ path })).toBe(2);
  });

  it('a request without its path parameter is a typed bad-request error; nothing is sent', async () => {
    h.sim.requests.reset();
    const error = await rejectionOf(h.client.command({ operation: 'addToPlaylist', body: { uris: [] } }));
    expect(error).toBeInstanceOf(SpotifyApiError);
    expect(error).toMatchObject({ kind: 'bad-request', operation: 'addToPlaylist' });
    expect((error as Error).message).toMatch(/playlist id/);
    expect(h.sim.requests.count()).toBe(0);
    expect(() => fillPath('/playlists/{playlist_id}/items', { playlist_id: '' })).toThrow(SpotifyApiError);
    expect(fillPath('/playlists/{playlist_id}/items', { playlist_id: 'a/b' })).toBe('/playlists/a%2Fb/items');
  });

  it('search asks for at most 10 results per type', async () => {
    const track = h.sim.player.catalogue()[3];
    if (!track) throw new Error('empty catalogue');
    const results = await h.api.search(track.name, ['track', 'album'], { limit: 25 });
    expect(h.lastRequest()).toMatchObject({
      method: 'GET',
      path: '/v1/search',
      query: { q: track.name, type: 'track,album', limit: '10' },
    });
    expect(results.tracks?.items.map((t) => t.uri)).toContain(track.uri);
    expect(results.tracks?.items.length).toBeLessThanOrEqual(10);
    expect(results.albums).toBeDefined();
    const artists = await h.api.search('a', ['artist', 'playlist']);
    expect(h.lastRequest().query).toMatchObject({ type: 'artist,playlist', limit: '10' });
    expect(artists.artists?.items.length).toBeGreaterThan(0);
  });
});
