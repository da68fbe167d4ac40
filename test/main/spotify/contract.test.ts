import { request } from 'undici';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LoggedRequest } from '../../../dev/simulator/index.ts';
import { loadOpenApiContract, type OpenApiContract } from '../../../dev/simulator/openapi-contract.ts';
import type { ApiRequest } from '../../../src/main/spotify/api-client.ts';
import { OPERATIONS } from '../../../src/main/spotify/operations.ts';
import { startHarness, type Harness } from './support.ts';

let h: Harness;
afterEach(async () => {
  await h.close();
});

/** Each logged Web API request the spec does not describe (method, path, query names), or uses deprecated. */
function undescribed(contract: OpenApiContract, entries: readonly LoggedRequest[]): string[] {
  const problems: string[] = [];
  for (const entry of entries) {
    if (!entry.path.startsWith('/v1/')) continue;
    const found = contract.checkRequest(entry.method, entry.path, Object.keys(entry.query));
    problems.push(...found.map((problem) => `${entry.method} ${entry.path}: ${problem}`));
    if (contract.findOperation(entry.method, entry.path)?.deprecated) {
      problems.push(`${entry.method} ${entry.path}: deprecated`);
    }
  }
  return problems;
}

/** Every typed operation once, with every optional parameter it has. */
async function runEveryOperation(h: Harness): Promise<void> {
  const { api, sim } = h;
  const device = sim.player.devices().find((d) => !d.isActive && !d.isRestricted && d.supportsVolume)
    ?.id as string;
  const playlist = sim.player.playlists()[0];
  if (!device || !playlist) throw new Error('the seed lacks a second device or a playlist');
  const [a, b] = sim.player
    .catalogue()
    .map((t) => t.uri)
    .filter((uri) => !sim.player.likedUris().includes(uri));

  await api.getProfile();
  await api.getPlaybackState();
  await api.getCurrentlyPlaying();
  await api.getDevices();
  await api.getQueue();
  await api.getRecentlyPlayed({ limit: 5, before: sim.clock.now() });
  await api.getRecentlyPlayed({ limit: 5, after: 0 });
  await api.getSavedTracks({ limit: 10, offset: 2 });
  await api.getMyPlaylists({ limit: 10, offset: 0 });
  await api.getPlaylistItems(playlist.id, { limit: 5, offset: 1 });
  await api.getPlaylistUris(playlist.id, { limit: 5, offset: 0 });
  await api.getPlaylistHead(playlist.id, { withUris: true });
  const albums = await api.getSavedAlbums({ limit: 5, offset: 0 });
  const album = albums.items[0]?.album.id;
  if (!album) throw new Error('the seed lacks a saved album');
  await api.getAlbum(album);
  await api.getAlbumTracks(album, { limit: 5, offset: 1 });
  await api.search('harbour', ['track', 'artist', 'album', 'playlist'], { limit: 5, offset: 1 });
  await api.transferPlayback(device, { play: false });
  await api.play({
    contextUri: `spotify:playlist:${playlist.id}`,
    offset: { position: 0 },
    positionMs: 10,
    deviceId: device,
  });
  await api.pause({ deviceId: device });
  await api.play({ deviceId: device });
  await api.seek(2_000, { deviceId: device });
  await api.setVolume(30, { deviceId: device });
  await api.setShuffle(false, { deviceId: device });
  await api.setRepeat('off', { deviceId: device });
  await api.next({ deviceId: device });
  await api.previous({ deviceId: device });
  await api.addToQueue(a as string, { deviceId: device });
  await api.saveToLibrary([a as string, b as string]);
  await api.checkLibrary([a as string, b as string]);
  await api.removeFromLibrary([a as string]);
  await api.addToPlaylist(playlist.id, [b as string], { position: 0 });
}

describe('openapi.yml contract', () => {
  it('describes every request the client makes (method, path, query parameters)', async () => {
    const contract = await loadOpenApiContract();
    h = await startHarness({}, { contract });
    const used = new Set<string>();
    const target = h.client.target.bind(h.client);
    vi.spyOn(h.client, 'target').mockImplementation((req: ApiRequest) => {
      used.add(req.operation);
      return target(req);
    });

    await runEveryOperation(h);

    expect([...used].sort()).toEqual(Object.keys(OPERATIONS).sort());
    const entries = h.sim.requests.entries;
    expect(entries.length).toBeGreaterThanOrEqual(Object.keys(OPERATIONS).length);
    expect(entries.every((e) => e.status >= 200 && e.status < 300)).toBe(true);
    expect(undescribed(contract, entries)).toEqual([]);
    // And the simulator's answers that the client parsed conform too.
    expect(h.sim.contractViolations).toEqual([]);
  });

  it('the same check flags requests openapi.yml does not describe', async () => {
    const contract = await loadOpenApiContract();
    h = await startHarness();
    const headers = { authorization: `Bearer ${await h.session.getAccessToken()}` };
    const send = async (method: 'GET' | 'PUT' | 'POST', path: string): Promise<void> => {
      const response = await request(`${h.sim.url}${path}`, { method, headers });
      await response.body.dump();
    };
    await send('GET', '/v1/me/player/lyrics');
    await send('POST', '/v1/me/player/pause');
    await send('GET', '/v1/search?q=x&type=track&bogus=1');
    await send('GET', '/v1/search?type=track');
    await send('PUT', '/v1/me/tracks');

    expect(undescribed(contract, h.sim.requests.entries)).toEqual([
      'GET /v1/me/player/lyrics: GET /v1/me/player/lyrics is not described by openapi.yml',
      'POST /v1/me/player/pause: POST /v1/me/player/pause is not described by openapi.yml',
      'GET /v1/search: query parameter "bogus" is not described',
      'GET /v1/search: query parameter "q" is required',
      'PUT /v1/me/tracks: deprecated',
    ]);
  });
});
