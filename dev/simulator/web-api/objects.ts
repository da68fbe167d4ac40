import type { CatalogueAlbum, CatalogueArtist, CatalogueTrack } from '../catalogue.ts';
import { CATALOGUE } from '../catalogue.ts';
import { isoSeconds } from '../ids.ts';
import { snapshotId, type PlaylistRecord } from '../media.ts';
import type { DeviceRecord } from '../player-state.ts';

/** Web API objects (openapi.yml's schemas) built from simulator records. `api` is the simulator's /v1 URL. */

type Json = Record<string, unknown>;

const MARKETS = ['CZ', 'DE', 'ES', 'GB', 'GH', 'MX', 'NO', 'SE', 'US'];
const OPEN = 'https://open.spotify.com';

/** i.scdn.co URLs with the size prefixes Spotify uses for album and artist art. */
function images(kind: 'album' | 'artist', key: string): Json[] {
  const sizes: [string, number][] =
    kind === 'album'
      ? [
          ['ab67616d0000b273', 640],
          ['ab67616d00001e02', 300],
          ['ab67616d00004851', 64],
        ]
      : [
          ['ab6761610000e5eb', 640],
          ['ab67616100005174', 320],
          ['ab6761610000f178', 160],
        ];
  return sizes.map(([prefix, size]) => ({
    url: `https://i.scdn.co/image/${prefix}${key}`,
    height: size,
    width: size,
  }));
}

export function simplifiedArtist(api: string, artist: CatalogueArtist): Json {
  return {
    external_urls: { spotify: `${OPEN}/artist/${artist.id}` },
    href: `${api}/artists/${artist.id}`,
    id: artist.id,
    name: artist.name,
    type: 'artist',
    uri: artist.uri,
  };
}

export function artistObject(api: string, artist: CatalogueArtist): Json {
  return {
    ...simplifiedArtist(api, artist),
    followers: { href: null, total: artist.followers },
    genres: artist.genres,
    images: images('artist', artist.imageKey),
    popularity: artist.popularity,
  };
}

function artistsOf(api: string, ids: readonly string[]): Json[] {
  return ids.flatMap((id) => {
    const artist = CATALOGUE.artist(id);
    return artist ? [simplifiedArtist(api, artist)] : [];
  });
}

export function simplifiedAlbum(api: string, album: CatalogueAlbum): Json {
  return {
    album_type: album.albumType,
    total_tracks: album.trackUris.length,
    available_markets: MARKETS,
    external_urls: { spotify: `${OPEN}/album/${album.id}` },
    href: `${api}/albums/${album.id}`,
    id: album.id,
    images: images('album', album.imageKey),
    name: album.name,
    release_date: album.releaseDate,
    release_date_precision: album.releaseDatePrecision,
    type: 'album',
    uri: album.uri,
    artists: artistsOf(api, album.artistIds),
  };
}

export function trackObject(api: string, track: CatalogueTrack): Json {
  const album = CATALOGUE.album(track.albumId);
  return {
    album: album ? simplifiedAlbum(api, album) : undefined,
    artists: artistsOf(api, track.artistIds),
    available_markets: MARKETS,
    disc_number: 1,
    duration_ms: track.durationMs,
    explicit: track.explicit,
    external_ids: { isrc: track.isrc },
    external_urls: { spotify: `${OPEN}/track/${track.id}` },
    href: `${api}/tracks/${track.id}`,
    id: track.id,
    is_local: false,
    is_playable: true,
    name: track.name,
    popularity: track.popularity,
    preview_url: null,
    track_number: track.trackNumber,
    type: 'track',
    uri: track.uri,
  };
}

/** The TrackObject for a catalogue URI (every playable item in the simulator is a catalogue track). */
export function trackByUri(api: string, uri: string): Json {
  const track = CATALOGUE.track(uri);
  if (!track) throw new Error(`not in the catalogue: ${uri}`);
  return trackObject(api, track);
}

export function userRef(api: string, userId: string, displayName?: string): Json {
  const ref: Json = {
    external_urls: { spotify: `${OPEN}/user/${encodeURIComponent(userId)}` },
    href: `${api}/users/${encodeURIComponent(userId)}`,
    id: userId,
    type: 'user',
    uri: `spotify:user:${userId}`,
  };
  if (displayName !== undefined) ref['display_name'] = displayName;
  return ref;
}

function playlistBase(api: string, playlist: PlaylistRecord, ownerName: string): Json {
  return {
    collaborative: playlist.collaborative,
    description: playlist.description,
    external_urls: { spotify: `${OPEN}/playlist/${playlist.id}` },
    href: `${api}/playlists/${playlist.id}`,
    id: playlist.id,
    // Playlist covers come without sizes (null), as Spotify sends mosaic and uploaded covers.
    images: [
      { url: `https://i.scdn.co/image/ab67706c0000da84${playlist.imageKey}`, height: null, width: null },
    ],
    name: playlist.name,
    owner: userRef(api, playlist.ownerId, ownerName),
    public: playlist.public,
    snapshot_id: snapshotId(playlist),
    type: 'playlist',
    uri: playlist.uri,
  };
}

/** In lists: `items` {href,total} (and the older name `tracks`, which Spotify still sends). */
export function simplifiedPlaylist(api: string, playlist: PlaylistRecord, ownerName: string): Json {
  const ref = { href: `${api}/playlists/${playlist.id}/items`, total: playlist.items.length };
  return { ...playlistBase(api, playlist, ownerName), items: ref, tracks: ref };
}

export function playlistItem(api: string, playlist: PlaylistRecord, index: number): Json {
  const item = playlist.items[index];
  if (!item) throw new Error(`no item ${index} in ${playlist.id}`);
  const track = trackByUri(api, item.uri);
  return {
    added_at: isoSeconds(item.addedAt),
    added_by: userRef(api, item.addedBy),
    is_local: false,
    item: track,
    track,
  };
}

export function playlistObject(api: string, playlist: PlaylistRecord, ownerName: string, page: Json): Json {
  return {
    ...playlistBase(api, playlist, ownerName),
    followers: { href: null, total: 0 },
    items: page,
    tracks: page,
  };
}

export function deviceObject(device: DeviceRecord, activeId: string | undefined): Json {
  return {
    id: device.id,
    is_active: device.id === activeId,
    is_private_session: false,
    is_restricted: device.isRestricted,
    name: device.name,
    supports_volume: device.supportsVolume,
    type: device.type,
    volume_percent: device.volumePercent,
  };
}

/** A PagingObject; `base` is the endpoint URL (with any fixed query), `offset`/`limit` are appended. */
export function paging(base: string, items: Json[], offset: number, limit: number, total: number): Json {
  const at = (o: number): string => `${base}${base.includes('?') ? '&' : '?'}offset=${o}&limit=${limit}`;
  return {
    href: at(offset),
    items,
    limit,
    next: offset + limit < total ? at(offset + limit) : null,
    offset,
    previous: offset > 0 ? at(Math.max(0, offset - limit)) : null,
    total,
  };
}

export function contextObject(api: string, uri: string): Json {
  const [, type = 'unknown', id = ''] = uri.split(':');
  return {
    type,
    href: `${api}/${type}s/${id}`,
    external_urls: { spotify: `${OPEN}/${type}/${id}` },
    uri,
  };
}
