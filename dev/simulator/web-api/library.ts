import { ApiError } from '../errors.ts';
import { empty, json, type SimRequest } from '../http.ts';
import { isoSeconds, isSpotifyId, parseUri, type UriKind } from '../ids.ts';
import type { UserMedia } from '../media.ts';
import type { Route } from '../router.ts';
import type { SimState } from '../state.ts';
import { fullAlbum } from './albums.ts';
import { needScopes, withUser, type Caller } from './auth.ts';
import { paging, trackByUri } from './objects.ts';
import { jsonBody, limitOffset, listParam } from './params.ts';
import { renderingFor } from './rendering.ts';

/** At most this many URIs per /me/library call (openapi.yml, docs/SPOTIFY.md). */
const LIBRARY_URI_LIMIT = 40;
/** At most this many IDs per deprecated /me/tracks call. */
const TRACK_IDS_LIMIT = 50;

/** Which scope saving (modify) or checking (read) each URI kind needs. */
const SCOPES: Partial<Record<UriKind, { modify: string; read: string }>> = {
  track: { modify: 'user-library-modify', read: 'user-library-read' },
  album: { modify: 'user-library-modify', read: 'user-library-read' },
  episode: { modify: 'user-library-modify', read: 'user-library-read' },
  show: { modify: 'user-library-modify', read: 'user-library-read' },
  audiobook: { modify: 'user-library-modify', read: 'user-library-read' },
  user: { modify: 'user-follow-modify', read: 'user-follow-read' },
  playlist: { modify: 'playlist-modify-public', read: 'playlist-read-private' },
  // Artists can be checked but not saved through /me/library (openapi.yml).
  artist: { modify: '', read: 'user-follow-read' },
};

/**
 * Liked songs (GET /me/tracks), saved albums (GET /me/albums) and the /me/library endpoints. Their 400s
 * are bare ErrorObjects, as openapi.yml describes them for /me/library. The deprecated PUT/DELETE
 * /me/tracks and GET /me/tracks/contains answer 403 to development-mode apps and work for extended-quota
 * apps. Albums are saved and removed through /me/library (the deprecated /me/albums PUT/DELETE are not
 * simulated).
 */
export function libraryRoutes(state: SimState, api: string): Route[] {
  const mediaOf = (caller: Caller): UserMedia => state.media.forUser(caller.user.id);

  const uris = (req: SimRequest, caller: Caller, access: 'modify' | 'read'): string[] => {
    const list = listParam(req, 'uris', LIBRARY_URI_LIMIT, true);
    const scopes = new Set<string>();
    for (const uri of list) {
      const parsed = parseUri(uri);
      if (!parsed) throw new ApiError(400, `Invalid URI: ${uri}`, undefined, true);
      const scope = SCOPES[parsed.kind]?.[access];
      if (!scope) throw new ApiError(400, `Unsupported URI type: ${parsed.kind}`, undefined, true);
      scopes.add(scope);
    }
    needScopes(caller, ...scopes);
    return list;
  };

  return [
    {
      method: 'GET',
      pattern: '/v1/me/tracks',
      handler: withUser(state, (req, caller) => {
        needScopes(caller, 'user-library-read');
        const { limit, offset } = limitOffset(req, 50);
        const liked = mediaOf(caller).liked;
        const rendering = renderingFor(state, req, caller.user);
        const items = liked.slice(offset, offset + limit).map((entry) => ({
          added_at: isoSeconds(entry.addedAt),
          track: trackByUri(api, entry.uri, rendering),
        }));
        return json(200, paging(`${api}/me/tracks`, items, offset, limit, liked.length));
      }),
    },
    {
      method: 'GET',
      pattern: '/v1/me/albums',
      handler: withUser(state, (req, caller) => {
        needScopes(caller, 'user-library-read');
        const { limit, offset } = limitOffset(req, 50);
        const saved = state.media.savedAlbums(caller.user.id);
        const rendering = renderingFor(state, req, caller.user);
        const items = saved.slice(offset, offset + limit).flatMap((entry) => {
          const album = state.media.catalogue.album(entry.uri.split(':')[2] ?? '');
          return album
            ? [{ added_at: isoSeconds(entry.addedAt), album: fullAlbum(api, album, rendering) }]
            : [];
        });
        return json(200, paging(`${api}/me/albums`, items, offset, limit, saved.length));
      }),
    },
    {
      method: 'PUT',
      pattern: '/v1/me/library',
      handler: withUser(state, (req, caller) => {
        save(state, mediaOf(caller), uris(req, caller, 'modify'));
        return empty(200);
      }),
    },
    {
      method: 'DELETE',
      pattern: '/v1/me/library',
      handler: withUser(state, (req, caller) => {
        remove(mediaOf(caller), uris(req, caller, 'modify'));
        return empty(200);
      }),
    },
    {
      method: 'GET',
      pattern: '/v1/me/library/contains',
      handler: withUser(state, (req, caller) => {
        const media = mediaOf(caller);
        return json(
          200,
          uris(req, caller, 'read').map((uri) => isSaved(media, uri)),
        );
      }),
    },

    // Deprecated; gone for development-mode apps.
    {
      method: 'PUT',
      pattern: '/v1/me/tracks',
      handler: withUser(state, (req, caller) => {
        onlyExtended(caller);
        needScopes(caller, 'user-library-modify');
        save(
          state,
          mediaOf(caller),
          trackIds(req).map((id) => `spotify:track:${id}`),
        );
        return empty(200);
      }),
    },
    {
      method: 'DELETE',
      pattern: '/v1/me/tracks',
      handler: withUser(state, (req, caller) => {
        onlyExtended(caller);
        needScopes(caller, 'user-library-modify');
        remove(
          mediaOf(caller),
          trackIds(req).map((id) => `spotify:track:${id}`),
        );
        return empty(200);
      }),
    },
    {
      method: 'GET',
      pattern: '/v1/me/tracks/contains',
      handler: withUser(state, (req, caller) => {
        onlyExtended(caller);
        needScopes(caller, 'user-library-read');
        const media = mediaOf(caller);
        return json(
          200,
          trackIds(req).map((id) => isSaved(media, `spotify:track:${id}`)),
        );
      }),
    },
  ];
}

/** The answer of an endpoint removed for development-mode apps (docs/SPOTIFY.md). */
export function onlyExtended(caller: Caller): void {
  if (caller.app.mode === 'development') throw new ApiError(403, 'Forbidden');
}

function save(state: SimState, media: UserMedia, uris: string[]): void {
  const now = state.clock.now();
  for (const uri of uris) mustExist(state, uri);
  for (const uri of uris) {
    if (uri.startsWith('spotify:track:')) {
      if (!media.liked.some((entry) => entry.uri === uri)) media.liked.unshift({ uri, addedAt: now });
    } else if (!media.saved.has(uri)) {
      media.saved.set(uri, now);
    }
  }
}

function remove(media: UserMedia, uris: string[]): void {
  const gone = new Set(uris);
  media.liked = media.liked.filter((entry) => !gone.has(entry.uri));
  for (const uri of uris) media.saved.delete(uri);
}

function isSaved(media: UserMedia, uri: string): boolean {
  return media.liked.some((entry) => entry.uri === uri) || media.saved.has(uri);
}

/** Catalogue kinds must name something that exists; the simulator has no shows, episodes or audiobooks. */
function mustExist(state: SimState, uri: string): void {
  const parsed = parseUri(uri);
  const { catalogue, playlists } = state.media;
  const exists =
    parsed === undefined
      ? false
      : parsed.kind === 'track'
        ? catalogue.track(uri) !== undefined
        : parsed.kind === 'album'
          ? catalogue.album(parsed.id) !== undefined
          : parsed.kind === 'playlist'
            ? playlists.has(parsed.id)
            : parsed.kind === 'user'
              ? state.users.has(parsed.id)
              : true;
  if (!exists) throw new ApiError(404, `Resource not found: ${uri}`);
}

/** `ids` from the query, else from a JSON body `{ids}` (deprecated /me/tracks). */
function trackIds(req: SimRequest): string[] {
  let ids: string[];
  if (req.query.has('ids')) ids = listParam(req, 'ids', TRACK_IDS_LIMIT);
  else {
    const body = jsonBody(req)?.['ids'];
    if (!Array.isArray(body) || body.length === 0 || !body.every((id) => typeof id === 'string'))
      throw new ApiError(400, 'Missing required parameter: ids');
    if (body.length > TRACK_IDS_LIMIT)
      throw new ApiError(400, `Too many ids requested (maximum ${TRACK_IDS_LIMIT})`);
    ids = body;
  }
  for (const id of ids) if (!isSpotifyId(id)) throw new ApiError(400, `Invalid id: ${id}`);
  return ids;
}
