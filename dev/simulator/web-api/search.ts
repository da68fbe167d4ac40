import type { CatalogueAlbum, CatalogueArtist, CatalogueTrack } from '../catalogue.ts';
import { ApiError } from '../errors.ts';
import { json } from '../http.ts';
import type { PlaylistRecord } from '../media.ts';
import type { Route } from '../router.ts';
import type { SimState } from '../state.ts';
import { withToken } from './auth.ts';
import { artistObject, paging, simplifiedAlbum, simplifiedPlaylist, trackObject } from './objects.ts';
import { intParam } from './params.ts';
import { renderingFor } from './rendering.ts';

/** Spotify lowered the search limit to 10 (docs/SPOTIFY.md, openapi.yml). */
const SEARCH_LIMIT_MAX = 10;
const TYPES = ['album', 'artist', 'playlist', 'track', 'show', 'episode', 'audiobook'] as const;
type SearchType = (typeof TYPES)[number];

/**
 * GET /search over the seeded catalogue and public playlists. Every word must match (case and accents
 * ignored); `artist:`, `album:`, `track:`, `genre:` and `year:` (a year or a range) filters narrow it.
 * Results are ordered by popularity. Shows, episodes and audiobooks always come back empty.
 */
export function searchRoutes(state: SimState, api: string): Route[] {
  return [
    {
      method: 'GET',
      pattern: '/v1/search',
      handler: withToken(state, (req, caller) => {
        const q = req.query.get('q')?.trim() ?? '';
        if (q === '') throw new ApiError(400, 'No search query');
        const rawTypes = req.query.get('type');
        if (rawTypes === null || rawTypes.trim() === '') throw new ApiError(400, 'Missing parameter type');
        const types = rawTypes.split(',').map((t) => t.trim());
        for (const type of types)
          if (!TYPES.includes(type as SearchType)) throw new ApiError(400, `Bad search type field ${type}`);
        const limit = intParam(req, 'limit', { min: 1, max: SEARCH_LIMIT_MAX, fallback: 5 });
        const offset = intParam(req, 'offset', { min: 0, max: 1000, fallback: 0 });
        const query = parseQuery(q);
        const base = `${api}/search?query=${encodeURIComponent(q)}&type=${[...new Set(types)].join(',')}`;
        const page = <T>(found: T[], build: (item: T) => Record<string, unknown>) =>
          paging(base, found.slice(offset, offset + limit).map(build), offset, limit, found.length);
        const { catalogue, playlists } = state.media;
        const rendering = renderingFor(state, req, caller.user);
        const body: Record<string, unknown> = {};
        for (const type of new Set(types as SearchType[])) {
          if (type === 'track')
            body['tracks'] = page(
              byPopularity(catalogue.tracks.filter((t) => matchTrack(state, t, query))),
              (t) => trackObject(api, t, rendering),
            );
          else if (type === 'artist')
            body['artists'] = page(
              byPopularity(catalogue.artists.filter((a) => matchArtist(a, query))),
              (a) => artistObject(api, a),
            );
          else if (type === 'album')
            body['albums'] = page(
              catalogue.albums.filter((a) => matchAlbum(state, a, query)),
              (a) => simplifiedAlbum(api, a),
            );
          else if (type === 'playlist')
            body['playlists'] = page(
              [...playlists.values()].filter((p) => p.public && matchPlaylist(p, query)),
              (p) =>
                simplifiedPlaylist(
                  api,
                  p,
                  p.ownerName ?? state.users.get(p.ownerId)?.displayName ?? p.ownerId,
                ),
            );
          else body[`${type}s`] = page([], () => ({}));
        }
        return json(200, body);
      }),
    },
  ];
}

interface Query {
  words: string[];
  fields: Map<string, string>;
}

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

function parseQuery(q: string): Query {
  const words: string[] = [];
  const fields = new Map<string, string>();
  for (const match of fold(q).matchAll(/(\w+):"([^"]*)"|(\w+):(\S+)|"([^"]*)"|(\S+)/gu)) {
    const field = match[1] ?? match[3];
    const value = match[2] ?? match[4];
    if (field !== undefined && value !== undefined) fields.set(field, value);
    else words.push(match[5] ?? match[6] ?? '');
  }
  return { words: words.filter((w) => w !== ''), fields };
}

function allWords(haystack: string, words: string[]): boolean {
  const folded = fold(haystack);
  return words.every((word) => folded.includes(word));
}

function field(query: Query, name: string, value: string): boolean {
  const wanted = query.fields.get(name);
  return wanted === undefined || fold(value).includes(wanted);
}

function yearMatches(query: Query, date: string): boolean {
  const wanted = query.fields.get('year');
  if (wanted === undefined) return true;
  const year = Number(date.slice(0, 4));
  const [from, to = from] = wanted.split('-').map(Number);
  return from !== undefined && year >= from && year <= (to ?? from);
}

function byPopularity<T extends { popularity: number }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => b.popularity - a.popularity);
}

function artistNames(state: SimState, ids: readonly string[]): string {
  return ids.map((id) => state.media.catalogue.artist(id)?.name ?? '').join(' ');
}

function matchTrack(state: SimState, track: CatalogueTrack, query: Query): boolean {
  const album = state.media.catalogue.album(track.albumId);
  const artists = artistNames(state, track.artistIds);
  const genres = track.artistIds.flatMap((id) => state.media.catalogue.artist(id)?.genres ?? []).join(' ');
  return (
    allWords(`${track.name} ${artists} ${album?.name ?? ''}`, query.words) &&
    field(query, 'track', track.name) &&
    field(query, 'artist', artists) &&
    field(query, 'album', album?.name ?? '') &&
    field(query, 'genre', genres) &&
    yearMatches(query, album?.releaseDate ?? '')
  );
}

function matchArtist(artist: CatalogueArtist, query: Query): boolean {
  return (
    allWords(artist.name, query.words) &&
    field(query, 'artist', artist.name) &&
    field(query, 'genre', artist.genres.join(' '))
  );
}

function matchAlbum(state: SimState, album: CatalogueAlbum, query: Query): boolean {
  const artists = artistNames(state, album.artistIds);
  return (
    allWords(`${album.name} ${artists}`, query.words) &&
    field(query, 'album', album.name) &&
    field(query, 'artist', artists) &&
    yearMatches(query, album.releaseDate)
  );
}

function matchPlaylist(playlist: PlaylistRecord, query: Query): boolean {
  return allWords(`${playlist.name} ${playlist.description}`, query.words) && query.fields.size === 0;
}
