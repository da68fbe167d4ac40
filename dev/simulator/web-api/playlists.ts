import { ApiError } from '../errors.ts';
import { json, type SimRequest } from '../http.ts';
import { isSpotifyId, parseUri } from '../ids.ts';
import { snapshotId, type PlaylistRecord } from '../media.ts';
import type { Route } from '../router.ts';
import type { SimState } from '../state.ts';
import { needScopes, withToken, withUser, type Caller, type TokenCaller } from './auth.ts';
import { applyFields, fieldsParam } from './fields.ts';
import { onlyExtended } from './library.ts';
import { paging, playlistItem, playlistObject, simplifiedPlaylist } from './objects.ts';
import type { Rendering } from './objects.ts';
import { intParam, jsonBody, limitOffset } from './params.ts';
import { renderingFor } from './rendering.ts';

/** At most this many items per add (openapi.yml). */
const PLAYLIST_ADD_LIMIT = 100;
/** Items embedded in GET /playlists/{id}. */
const EMBEDDED_ITEMS = 100;

/**
 * /me/playlists, /playlists/{id}, /playlists/{id}/items (both GETs take `fields`: fields.ts). The old /playlists/{id}/tracks answers 403 to
 * development-mode apps; extended-quota apps may still read and add through it.
 */
export function playlistRoutes(state: SimState, api: string): Route[] {
  const ownerName = (playlist: PlaylistRecord): string =>
    playlist.ownerName ?? state.users.get(playlist.ownerId)?.displayName ?? playlist.ownerId;

  const find = (id: string): PlaylistRecord => {
    if (!isSpotifyId(id)) throw new ApiError(400, 'Invalid base62 id');
    const playlist = state.media.playlists.get(id);
    if (!playlist) throw new ApiError(404, 'Resource not found');
    return playlist;
  };

  /** Owners and, for collaborative playlists, everyone may list and add items. */
  const mayEdit = (playlist: PlaylistRecord, caller: Caller): boolean =>
    playlist.ownerId === caller.user.id || playlist.collaborative;
  /** Realistic `followedPlaylists`: other users' public playlists can be read (not edited) too. */
  const mayRead = (playlist: PlaylistRecord, caller: Caller): boolean =>
    mayEdit(playlist, caller) || (state.profile.content.followedPlaylists && playlist.public);

  const listItems = (req: SimRequest, caller: Caller) => {
    needScopes(caller, 'playlist-read-private');
    const playlist = find(req.params['playlist_id'] ?? '');
    if (!mayRead(playlist, caller)) throw new ApiError(403, 'Forbidden');
    const { limit, offset } = limitOffset(req, 50);
    const fields = fieldsParam(req.query);
    const rendering = renderingFor(state, req, caller.user);
    const page = itemsPage(playlist, `${api}/playlists/${playlist.id}/items`, offset, limit, rendering);
    return json(200, fields ? applyFields(page, fields) : page);
  };

  const addItems = (req: SimRequest, caller: Caller) => {
    const playlist = find(req.params['playlist_id'] ?? '');
    needScopes(caller, playlist.public ? 'playlist-modify-public' : 'playlist-modify-private');
    if (!mayEdit(playlist, caller))
      throw new ApiError(403, "You cannot add tracks to a playlist you don't own.");
    const { uris, position } = addRequest(req);
    if (uris.length > PLAYLIST_ADD_LIMIT)
      throw new ApiError(400, `You can add a maximum of ${PLAYLIST_ADD_LIMIT} tracks per request.`);
    for (const uri of uris) {
      const parsed = parseUri(uri);
      if (!parsed || (parsed.kind !== 'track' && parsed.kind !== 'episode'))
        throw new ApiError(400, `Invalid track uri: ${uri}`);
      if (!state.media.isItem(uri)) throw new ApiError(404, `Track not found: ${uri}`);
    }
    const at = position ?? playlist.items.length;
    if (at > playlist.items.length) throw new ApiError(400, 'Index out of bounds');
    const now = state.clock.now();
    playlist.items.splice(at, 0, ...uris.map((uri) => ({ uri, addedAt: now, addedBy: caller.user.id })));
    playlist.version += 1;
    return json(201, { snapshot_id: snapshotId(playlist) });
  };

  const itemsPage = (
    playlist: PlaylistRecord,
    base: string,
    offset: number,
    limit: number,
    rendering: Rendering,
  ) => {
    const items = playlist.items
      .slice(offset, offset + limit)
      .map((_, i) => playlistItem(api, playlist, offset + i, rendering));
    return paging(base, items, offset, limit, playlist.items.length);
  };

  const gone = (method: string): Route => ({
    method,
    pattern: '/v1/playlists/{playlist_id}/tracks',
    // Reordering and removing through the old path are not simulated: 403 for every app.
    handler: withUser(state, () => {
      throw new ApiError(403, 'Forbidden');
    }),
  });

  return [
    {
      method: 'GET',
      pattern: '/v1/me/playlists',
      handler: withUser(state, (req, caller) => {
        needScopes(caller, 'playlist-read-private');
        const { limit, offset } = limitOffset(req, 50);
        // The user's own playlists, then (realistic) the ones they follow, each with its real owner.
        const mine = state.media.listedPlaylists(caller.user.id);
        const items = mine.slice(offset, offset + limit).map((p) => simplifiedPlaylist(api, p, ownerName(p)));
        return json(200, paging(`${api}/me/playlists`, items, offset, limit, mine.length));
      }),
    },
    {
      method: 'GET',
      pattern: '/v1/playlists/{playlist_id}',
      handler: withToken(state, (req, caller: TokenCaller) => {
        const playlist = find(req.params['playlist_id'] ?? '');
        const fields = fieldsParam(req.query);
        const rendering = renderingFor(state, req, caller.user);
        const page = itemsPage(
          playlist,
          `${api}/playlists/${playlist.id}/items`,
          0,
          EMBEDDED_ITEMS,
          rendering,
        );
        const body = playlistObject(api, playlist, ownerName(playlist), page);
        return json(200, fields ? applyFields(body, fields) : body);
      }),
    },
    { method: 'GET', pattern: '/v1/playlists/{playlist_id}/items', handler: withUser(state, listItems) },
    { method: 'POST', pattern: '/v1/playlists/{playlist_id}/items', handler: withUser(state, addItems) },
    {
      method: 'GET',
      pattern: '/v1/playlists/{playlist_id}/tracks',
      handler: withUser(state, (req, caller) => {
        onlyExtended(caller);
        return listItems(req, caller);
      }),
    },
    {
      method: 'POST',
      pattern: '/v1/playlists/{playlist_id}/tracks',
      handler: withUser(state, (req, caller) => {
        onlyExtended(caller);
        return addItems(req, caller);
      }),
    },
    gone('PUT'),
    gone('DELETE'),
  ];
}

/** `uris`/`position` from the query (which wins, as documented) or from the JSON body. */
function addRequest(req: SimRequest): { uris: string[]; position: number | undefined } {
  const position = req.query.has('position') ? intParam(req, 'position', { min: 0 }) : undefined;
  const query = req.query.get('uris');
  if (query !== null) {
    const uris = query
      .split(',')
      .map((u) => u.trim())
      .filter((u) => u !== '');
    if (uris.length === 0) throw new ApiError(400, 'Missing required parameter: uris');
    return { uris, position };
  }
  const body = jsonBody(req);
  const uris = body?.['uris'];
  if (!Array.isArray(uris) || uris.length === 0 || !uris.every((u) => typeof u === 'string'))
    throw new ApiError(400, 'Missing required parameter: uris');
  const bodyPosition = body?.['position'];
  if (bodyPosition !== undefined && (!Number.isInteger(bodyPosition) || (bodyPosition as number) < 0))
    throw new ApiError(400, 'Invalid position');
  return { uris: uris, position: position ?? (bodyPosition as number | undefined) };
}
