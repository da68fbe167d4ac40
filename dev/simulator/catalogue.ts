import { hexOf, spotifyId, unitOf } from './ids.ts';

/**
 * The seeded music catalogue every simulated user shares: 6 artists, 8 albums, 50 tracks with
 * real-looking IDs, durations (2–5 min), ISRCs and i.scdn.co cover URLs. Deterministic: the same IDs and
 * durations every run.
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
}

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
  readonly #byUri = new Map<string, CatalogueTrack | CatalogueAlbum | CatalogueArtist>();

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
    this.artists = artists;
    this.albums = albums;
    this.tracks = tracks;
    for (const entry of [...artists, ...albums, ...tracks]) this.#byUri.set(entry.uri, entry);
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
