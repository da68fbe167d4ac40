import { hexOf, spotifyId, unitOf } from './ids.ts';

/**
 * The seeded music catalogue every simulated user shares: 6 artists, 8 albums, 50 tracks with
 * real-looking IDs, durations (2–5 min), ISRCs and i.scdn.co cover URLs. Deterministic: the same IDs and
 * durations every run. Besides the music (what `tracks` lists), it holds what the realistic profile
 * plays: a podcast with episodes, local files, market-restricted and relinked tracks.
 */

export interface CatalogueArtist {
  id: string;
  uri: string;
  name: string;
  genres: readonly string[];
  popularity: number;
  followers: number;
  imageKey: string;
}

export interface CatalogueAlbum {
  id: string;
  uri: string;
  name: string;
  albumType: 'album' | 'single' | 'compilation';
  releaseDate: string;
  releaseDatePrecision: 'year' | 'month' | 'day';
  artistIds: readonly string[];
  trackUris: readonly string[];
  imageKey: string;
  label: string;
}

export interface CatalogueTrack {
  id: string;
  uri: string;
  name: string;
  durationMs: number;
  explicit: boolean;
  trackNumber: number;
  albumId: string;
  artistIds: readonly string[];
  popularity: number;
  isrc: string;
  /** Where it can be played; `undefined` = every market the simulator knows. */
  availableMarkets?: readonly string[];
  /** The copy of this track that plays where the original cannot (track relinking). */
  relinkedUri?: string;
}

export interface CatalogueShow {
  id: string;
  uri: string;
  name: string;
  publisher: string;
  description: string;
  imageKey: string;
  episodeUris: readonly string[];
}

export interface CatalogueEpisode {
  id: string;
  uri: string;
  name: string;
  description: string;
  durationMs: number;
  releaseDate: string;
  showId: string;
  imageKey: string;
}

/** A file from the user's own computer: a `spotify:local:…` URI and no Spotify ID. */
export interface LocalFile {
  uri: string;
  name: string;
  artist: string;
  album: string;
  durationMs: number;
}

/** Every market the simulator knows (available_markets of unrestricted items). */
export const MARKETS: readonly string[] = ['CZ', 'DE', 'ES', 'GB', 'GH', 'MX', 'NO', 'SE', 'US'];

/** Tracks that play only in these markets (none of them Nordic, so the seed user in SE cannot play them). */
const REGIONAL: Record<string, readonly string[]> = {
  'Bolero para Nadie': ['ES', 'MX', 'US'],
  Sirena: ['ES', 'MX', 'US'],
};
/** Tracks whose original plays only in CZ and DE; elsewhere a relinked copy plays in its place. */
const RELINKED = new Set(['Tram 22', 'Vltava Dub']);
const RELINKED_ORIGINAL_MARKETS: readonly string[] = ['CZ', 'DE'];

const SHOW = {
  name: 'The Pocket Almanac',
  publisher: 'Traytune Sim Studios',
  description: 'Ten-minute stories about the calendar, the weather and the sea.',
  episodes: [
    ['Why Februaries Are Short', '2026-02-02'],
    ['The Shipping Forecast, Explained', '2026-03-09'],
    ['A Year Without a Summer', '2026-04-13'],
    ['Leap Seconds and Other Fudges', '2026-05-18'],
  ],
} as const;

/** Local files as Spotify writes their URIs: `spotify:local:{artist}:{album}:{title}:{seconds}`. */
const LOCAL_FILES: readonly Omit<LocalFile, 'uri'>[] = [
  { artist: 'The Lanterns', album: 'Kitchen Demos', name: 'Harbour Lights (Demo)', durationMs: 214_000 },
  { artist: 'Unknown Artist', album: 'Voice Memos', name: 'Track 03', durationMs: 97_000 },
];

interface AlbumSeed {
  name: string;
  artists: string[];
  type: CatalogueAlbum['albumType'];
  released: string;
  label: string;
  /** Track names; `name | featured artist` adds a second artist. */
  tracks: string[];
}

const ARTISTS: { name: string; genres: string[] }[] = [
  { name: 'The Lanterns', genres: ['indie folk', 'chamber pop'] },
  { name: 'Mira Solberg', genres: ['nordic pop', 'electropop'] },
  { name: 'Kofi & The Meridians', genres: ['afrobeat', 'jazz funk'] },
  { name: 'Juniper Vale', genres: ['dream pop', 'shoegaze'] },
  { name: 'DJ Ostrava', genres: ['deep house', 'electronica'] },
  { name: 'Ana Lucía Reyes', genres: ['latin pop', 'bolero'] },
];

const ALBUMS: AlbumSeed[] = [
  {
    name: 'Harbour Lights',
    artists: ['The Lanterns'],
    type: 'album',
    released: '2019-03-15',
    label: 'Tidewater Records',
    tracks: [
      'Harbour Lights',
      'Salt in the Rigging',
      'Lamplighter',
      'The Long Way Round',
      'Fog Signal',
      'Driftwood Hymn',
      'Keeper of the Pier',
      'Last Ferry Home',
    ],
  },
  {
    name: 'Low Tide',
    artists: ['The Lanterns'],
    type: 'single',
    released: '2021-06-04',
    label: 'Tidewater Records',
    tracks: ['Low Tide', 'Low Tide (Acoustic)', 'Undertow'],
  },
  {
    name: 'Northern Rooms',
    artists: ['Mira Solberg'],
    type: 'album',
    released: '2022-10-21',
    label: 'Polar Static',
    tracks: [
      'Midnight Sun Hotel',
      'Cold Hands, Warm Heart',
      'Aurora',
      'Birch & Neon',
      'Snowblind',
      'Quiet Fjord',
      'Ice Cream in January',
      'Northern Rooms',
    ],
  },
  {
    name: 'Brass Weather',
    artists: ['Kofi & The Meridians'],
    type: 'album',
    released: '2018-05-11',
    label: 'Meridian Sound',
    tracks: [
      'Brass Weather',
      'Accra Express',
      'Harmattan',
      'Sunday Groove',
      'Talking Drum Blues',
      'Monsoon Suite',
      'Last Call at the Highlife',
    ],
  },
  {
    name: 'Paper Satellites',
    artists: ['Juniper Vale'],
    type: 'album',
    released: '2023-02-17',
    label: 'Halcyon Tapes',
    tracks: [
      'Paper Satellites',
      'Slow Orbit',
      'Velvet Static',
      'Kites Over Greyfield',
      'Underwater Cathedral',
      'Goodnight, Telescope',
    ],
  },
  {
    name: 'Glasshouse',
    artists: ['Juniper Vale'],
    type: 'single',
    released: '2024-09-06',
    label: 'Halcyon Tapes',
    tracks: ['Glasshouse', 'Glasshouse (Night Version)'],
  },
  {
    name: 'Night Shift Mixes',
    artists: ['DJ Ostrava'],
    type: 'compilation',
    released: '2020-11-27',
    label: 'Ostrava Audio',
    tracks: [
      'Tram 22',
      'Steel Town Sunrise | Mira Solberg',
      'Vltava Dub',
      'Concrete Garden',
      'Night Shift',
      'Neon Cathedral | Juniper Vale',
      'Afterhours in Karviná',
      'Last Train Out',
    ],
  },
  {
    name: 'Cartas al Mar',
    artists: ['Ana Lucía Reyes'],
    type: 'album',
    released: '2017',
    label: 'Sello Marea',
    tracks: [
      'Cartas al Mar',
      'Corazón de Papel',
      'Bolero para Nadie',
      'La Niña del Puerto',
      'Sirena',
      'Mañana Será Otro Día',
      'Agua Salada',
      'Adiós, Malecón',
    ],
  },
];

export class Catalogue {
  readonly artists: readonly CatalogueArtist[];
  readonly albums: readonly CatalogueAlbum[];
  readonly tracks: readonly CatalogueTrack[];
  readonly shows: readonly CatalogueShow[];
  readonly episodes: readonly CatalogueEpisode[];
  readonly localFiles: readonly LocalFile[];
  readonly #byUri = new Map<string, CatalogueTrack | CatalogueAlbum | CatalogueArtist>();
  readonly #episodes = new Map<string, CatalogueEpisode>();
  readonly #shows = new Map<string, CatalogueShow>();
  readonly #local = new Map<string, LocalFile>();

  constructor() {
    const artists = ARTISTS.map((seed, index): CatalogueArtist => {
      const id = spotifyId(`artist:${seed.name}`);
      return {
        id,
        uri: `spotify:artist:${id}`,
        name: seed.name,
        genres: seed.genres,
        popularity: 35 + Math.floor(unitOf(`pop:${id}`) * 50),
        followers: 10_000 + index * 73_117 + Math.floor(unitOf(`fol:${id}`) * 500_000),
        imageKey: hexOf(`img:${id}`, 24),
      };
    });
    const artistByName = new Map(artists.map((a) => [a.name, a]));
    const artistId = (name: string): string => {
      const artist = artistByName.get(name);
      if (!artist) throw new Error(`catalogue: unknown artist ${name}`);
      return artist.id;
    };
    const albums: CatalogueAlbum[] = [];
    const tracks: CatalogueTrack[] = [];
    for (const seed of ALBUMS) {
      const id = spotifyId(`album:${seed.name}`);
      const albumArtists = seed.artists.map(artistId);
      const trackUris: string[] = [];
      seed.tracks.forEach((entry, index) => {
        const [name = entry, featured] = entry.split(' | ');
        const trackId = spotifyId(`track:${seed.name}:${name}`);
        const year = seed.released.slice(0, 4);
        const track: CatalogueTrack = {
          id: trackId,
          uri: `spotify:track:${trackId}`,
          name,
          // 2:00 to 5:00, to the millisecond like real tracks.
          durationMs: 120_000 + Math.floor(unitOf(`dur:${trackId}`) * 180_000),
          explicit: unitOf(`exp:${trackId}`) < 0.12,
          trackNumber: index + 1,
          albumId: id,
          artistIds: featured ? [...albumArtists, artistId(featured)] : albumArtists,
          popularity: 20 + Math.floor(unitOf(`pop:${trackId}`) * 60),
          isrc: `SE${hexOf(seed.label, 3).toUpperCase()}${year.slice(2)}${String(10_000 + tracks.length).slice(1)}0`,
        };
        if (REGIONAL[name]) track.availableMarkets = REGIONAL[name];
        tracks.push(track);
        trackUris.push(track.uri);
      });
      albums.push({
        id,
        uri: `spotify:album:${id}`,
        name: seed.name,
        albumType: seed.type,
        releaseDate: seed.released,
        releaseDatePrecision: seed.released.length === 4 ? 'year' : 'day',
        artistIds: albumArtists,
        trackUris,
        imageKey: hexOf(`img:${id}`, 24),
        label: seed.label,
      });
    }
    // Relinked copies: findable by URI, but not part of `tracks` (the music the catalogue lists).
    const copies: CatalogueTrack[] = [];
    for (const track of tracks) {
      if (!RELINKED.has(track.name)) continue;
      const id = spotifyId(`relinked:${track.id}`);
      const copy: CatalogueTrack = {
        ...track,
        id,
        uri: `spotify:track:${id}`,
        availableMarkets: MARKETS.filter((m) => !RELINKED_ORIGINAL_MARKETS.includes(m)),
      };
      track.availableMarkets = RELINKED_ORIGINAL_MARKETS;
      track.relinkedUri = copy.uri;
      copies.push(copy);
    }
    this.artists = artists;
    this.albums = albums;
    this.tracks = tracks;
    for (const entry of [...artists, ...albums, ...tracks, ...copies]) this.#byUri.set(entry.uri, entry);

    const showId = spotifyId(`show:${SHOW.name}`);
    const episodes = SHOW.episodes.map(([name, released]): CatalogueEpisode => {
      const id = spotifyId(`episode:${SHOW.name}:${name}`);
      return {
        id,
        uri: `spotify:episode:${id}`,
        name,
        description: `${name}: an episode of ${SHOW.name}.`,
        // 8 to 20 minutes.
        durationMs: 480_000 + Math.floor(unitOf(`dur:${id}`) * 720_000),
        releaseDate: released,
        showId,
        imageKey: hexOf(`img:${id}`, 24),
      };
    });
    const show: CatalogueShow = {
      id: showId,
      uri: `spotify:show:${showId}`,
      name: SHOW.name,
      publisher: SHOW.publisher,
      description: SHOW.description,
      imageKey: hexOf(`img:${showId}`, 24),
      episodeUris: episodes.map((e) => e.uri),
    };
    this.shows = [show];
    this.episodes = episodes;
    this.#shows.set(show.uri, show);
    for (const episode of episodes) this.#episodes.set(episode.uri, episode);
    this.localFiles = LOCAL_FILES.map((file) => ({
      ...file,
      uri: ['spotify:local', file.artist, file.album, file.name, String(file.durationMs / 1000)]
        .map((part, i) => (i === 0 ? part : encodeURIComponent(part).replace(/%20/g, '+')))
        .join(':'),
    }));
    for (const file of this.localFiles) this.#local.set(file.uri, file);
  }

  episode(uri: string): CatalogueEpisode | undefined {
    return this.#episodes.get(uri);
  }

  show(id: string): CatalogueShow | undefined {
    return this.#shows.get(`spotify:show:${id}`);
  }

  localFile(uri: string): LocalFile | undefined {
    return this.#local.get(uri);
  }

  /** Whether a track plays in `market`; relinked originals play there through their copy. */
  playableIn(track: CatalogueTrack, market: string): boolean {
    if (track.availableMarkets === undefined || track.availableMarkets.includes(market)) return true;
    const copy = track.relinkedUri === undefined ? undefined : this.track(track.relinkedUri);
    return copy !== undefined && this.playableIn(copy, market);
  }

  track(uri: string): CatalogueTrack | undefined {
    const entry = this.#byUri.get(uri);
    return entry && 'durationMs' in entry ? entry : undefined;
  }

  trackById(id: string): CatalogueTrack | undefined {
    return this.track(`spotify:track:${id}`);
  }

  album(id: string): CatalogueAlbum | undefined {
    const entry = this.#byUri.get(`spotify:album:${id}`);
    return entry && 'albumType' in entry ? entry : undefined;
  }

  artist(id: string): CatalogueArtist | undefined {
    const entry = this.#byUri.get(`spotify:artist:${id}`);
    return entry && 'genres' in entry ? entry : undefined;
  }

  /** An artist's tracks, most popular first (what playing an artist context plays). */
  artistTracks(id: string): string[] {
    return this.tracks
      .filter((t) => t.artistIds.includes(id))
      .sort((a, b) => b.popularity - a.popularity)
      .map((t) => t.uri);
  }
}

/** The one catalogue (immutable, so shared by every simulator instance). */
export const CATALOGUE = new Catalogue();
