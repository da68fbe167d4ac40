import type {
  CatalogueAlbum,
  CatalogueArtist,
  CatalogueEpisode,
  CatalogueShow,
  CatalogueTrack,
  LocalFile,
} from '../catalogue.ts';
import { CATALOGUE, MARKETS } from '../catalogue.ts';
import { collectionOwnerOf, isoSeconds } from '../ids.ts';
import { snapshotId, type PlaylistRecord } from '../media.ts';
import type { DeviceRecord } from '../player-state.ts';

/** Web API objects (openapi.yml's schemas) built from simulator records. `api` is the simulator's /v1 URL. */

type Json = Record<string, unknown>;

const OPEN = 'https://open.spotify.com';

/**
 * How items are rendered for one request. Without `markets` (the lenient profile) every track lists
 * every market and `is_playable: true`. With it, `available_markets` is the track's own, and a request
 * with a `market` gets Spotify's track relinking instead: no `available_markets`, `is_playable` for that
 * market, `restrictions: {reason: "market"}` when not, and a relinked copy with `linked_from`.
 */
export interface Rendering {
  markets?: boolean;
  /** The country of the `market` parameter (`from_token`: the user's). */
  market?: string | undefined;
  /** Items of unknown types (`sim.player.playUnknownItem`) by URI. */
  unknownItems?: ReadonlyMap<string, { type: string; name: string; durationMs: number }>;
}

/** i.scdn.co URLs with the size prefixes Spotify uses for album, artist and show art. */
function images(kind: 'album' | 'artist' | 'show', key: string): Json[] {
  const sizes: [string, number][] =
    kind === 'album'
      ? [
          ['ab67616d0000b273', 640],
          ['ab67616d00001e02', 300],
          ['ab67616d00004851', 64],
        ]
      : kind === 'show'
        ? [
            ['ab6765630000ba8a', 640],
            ['ab67656300005f1f', 300],
            ['ab6765630000f68d', 64],
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

function simplifiedArtist(api: string, artist: CatalogueArtist): Json {
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

export function trackObject(api: string, track: CatalogueTrack, rendering: Rendering = {}): Json {
  const market = rendering.markets === true ? rendering.market : undefined;
  if (market !== undefined && track.relinkedUri !== undefined && !track.availableMarkets?.includes(market)) {
    const copy = CATALOGUE.track(track.relinkedUri);
    if (copy && CATALOGUE.playableIn(copy, market)) {
      return {
        ...trackObject(api, copy, rendering),
        linked_from: {
          external_urls: { spotify: `${OPEN}/track/${track.id}` },
          href: `${api}/tracks/${track.id}`,
          id: track.id,
          type: 'track',
          uri: track.uri,
        },
      };
    }
  }
  const album = CATALOGUE.album(track.albumId);
  const playable = market === undefined || CATALOGUE.playableIn(track, market);
  const availability =
    rendering.markets !== true
      ? { available_markets: MARKETS, is_playable: true }
      : market === undefined
        ? { available_markets: track.availableMarkets ?? MARKETS }
        : { is_playable: playable, ...(playable ? {} : { restrictions: { reason: 'market' } }) };
  return {
    album: album ? simplifiedAlbum(api, album) : undefined,
    artists: artistsOf(api, track.artistIds),
    ...availability,
    disc_number: 1,
    duration_ms: track.durationMs,
    explicit: track.explicit,
    external_ids: { isrc: track.isrc },
    external_urls: { spotify: `${OPEN}/track/${track.id}` },
    href: `${api}/tracks/${track.id}`,
    id: track.id,
    is_local: false,
    name: track.name,
    popularity: track.popularity,
    preview_url: null,
    track_number: track.trackNumber,
    type: 'track',
    uri: track.uri,
  };
}

/** The SimplifiedTrackObject an album lists: a track without its album, external IDs and popularity. */
export function simplifiedTrack(api: string, track: CatalogueTrack, rendering: Rendering = {}): Json {
  const {
    album: _album,
    external_ids: _ids,
    popularity: _popularity,
    ...simplified
  } = trackObject(api, track, rendering);
  return simplified;
}

/**
 * The full AlbumObject: the simplified album with its first page of tracks (`tracks`, as Spotify embeds
 * up to 50), copyrights, a UPC, the label and a popularity (its tracks' mean, as Spotify's tracks the
 * album's).
 */
export function albumObject(api: string, album: CatalogueAlbum, tracks: Json): Json {
  const year = album.releaseDate.slice(0, 4);
  const popularities = album.trackUris.map((uri) => CATALOGUE.track(uri)?.popularity ?? 0);
  const popularity = Math.round(popularities.reduce((a, b) => a + b, 0) / Math.max(1, popularities.length));
  return {
    ...simplifiedAlbum(api, album),
    tracks,
    copyrights: [
      { text: `© ${year} ${album.label}`, type: 'C' },
      { text: `℗ ${year} ${album.label}`, type: 'P' },
    ],
    external_ids: {
      upc: String(parseInt(album.imageKey.slice(0, 10), 16))
        .padStart(12, '0')
        .slice(-12),
    },
    genres: [],
    label: album.label,
    popularity,
  };
}

/** The TrackObject for a catalogue URI, or a local file's. */
export function trackByUri(api: string, uri: string, rendering: Rendering = {}): Json {
  const track = CATALOGUE.track(uri);
  if (track) return trackObject(api, track, rendering);
  const file = CATALOGUE.localFile(uri);
  if (file) return localTrackObject(file);
  throw new Error(`not in the catalogue: ${uri}`);
}

/** Whatever a player or playlist holds: a track, a local file, an episode, or an item of an unknown type. */
export function itemByUri(api: string, uri: string, rendering: Rendering = {}): Json {
  const episode = CATALOGUE.episode(uri);
  if (episode) return episodeObject(api, episode);
  const unknown = rendering.unknownItems?.get(uri);
  if (unknown) {
    const id = uri.split(':')[2] ?? '';
    return { type: unknown.type, id, uri, name: unknown.name, duration_ms: unknown.durationMs };
  }
  return trackByUri(api, uri, rendering);
}

/**
 * A local file as Spotify sends it: `is_local`, the `spotify:local:` URI, no ID. Spotify also sends an
 * album and artists whose `id`, `href` and `uri` are `null`, which openapi.yml disallows: the fields are
 * left out (and the album with them, since its required fields would all be null).
 */
function localTrackObject(file: LocalFile): Json {
  return {
    artists: [{ external_urls: {}, name: file.artist, type: 'artist' }],
    available_markets: [],
    disc_number: 0,
    duration_ms: file.durationMs,
    explicit: false,
    external_ids: {},
    external_urls: {},
    is_local: true,
    name: file.name,
    popularity: 0,
    preview_url: null,
    track_number: 0,
    type: 'track',
    uri: file.uri,
  };
}

function simplifiedShow(api: string, show: CatalogueShow): Json {
  return {
    available_markets: MARKETS,
    copyrights: [],
    description: show.description,
    html_description: `<p>${show.description}</p>`,
    explicit: false,
    external_urls: { spotify: `${OPEN}/show/${show.id}` },
    href: `${api}/shows/${show.id}`,
    id: show.id,
    images: images('show', show.imageKey),
    is_externally_hosted: false,
    languages: ['en'],
    media_type: 'audio',
    name: show.name,
    publisher: show.publisher,
    total_episodes: show.episodeUris.length,
    type: 'show',
    uri: show.uri,
  };
}

function episodeObject(api: string, episode: CatalogueEpisode): Json {
  const show = CATALOGUE.show(episode.showId);
  if (!show) throw new Error(`no show ${episode.showId}`);
  return {
    audio_preview_url: null,
    description: episode.description,
    html_description: `<p>${episode.description}</p>`,
    duration_ms: episode.durationMs,
    explicit: false,
    external_urls: { spotify: `${OPEN}/episode/${episode.id}` },
    href: `${api}/episodes/${episode.id}`,
    id: episode.id,
    images: images('show', episode.imageKey),
    is_externally_hosted: false,
    is_playable: true,
    language: 'en',
    languages: ['en'],
    name: episode.name,
    release_date: episode.releaseDate,
    release_date_precision: 'day',
    type: 'episode',
    uri: episode.uri,
    show: simplifiedShow(api, show),
  };
}

function userRef(api: string, userId: string, displayName?: string): Json {
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

export function playlistItem(
  api: string,
  playlist: PlaylistRecord,
  index: number,
  rendering: Rendering = {},
): Json {
  const item = playlist.items[index];
  if (!item) throw new Error(`no item ${index} in ${playlist.id}`);
  const track = itemByUri(api, item.uri, rendering);
  return {
    added_at: isoSeconds(item.addedAt),
    added_by: userRef(api, item.addedBy),
    is_local: track['is_local'] === true,
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
    // openapi.yml's DeviceObject allows a null ID, as Spotify lists some devices.
    id: device.hidesId ? null : device.id,
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

/** A playback context; Liked Songs (`spotify:user:{id}:collection`) as Spotify names it: "collection". */
export function contextObject(api: string, uri: string): Json {
  if (collectionOwnerOf(uri) !== undefined)
    return {
      type: 'collection',
      href: `${api}/me/tracks`,
      external_urls: { spotify: `${OPEN}/collection/tracks` },
      uri,
    };
  const [, type = 'unknown', id = ''] = uri.split(':');
  return {
    type,
    href: `${api}/${type}s/${id}`,
    external_urls: { spotify: `${OPEN}/${type}/${id}` },
    uri,
  };
}
