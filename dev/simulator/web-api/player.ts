import { ApiError } from '../errors.ts';
import { empty, json, text, type SimRequest, type SimResponse } from '../http.ts';
import { collectionOwnerOf, parseUri } from '../ids.ts';
import type { PlayOptions, PlayerState, PlayerView, RepeatMode } from '../player-state.ts';
import type { Route } from '../router.ts';
import type { SimState } from '../state.ts';
import { needScopes, withUser, type Caller } from './auth.ts';
import { contextObject, deviceObject, itemByUri, trackByUri, type Rendering } from './objects.ts';
import { deviceIdParam, intParam, jsonBody } from './params.ts';
import { renderingFor } from './rendering.ts';

/** The body of a successful command in the '200-text' style: short and deliberately not JSON. */
export const COMMAND_TEXT_BODY = 'Command sent';

const READ = 'user-read-playback-state';
const MODIFY = 'user-modify-playback-state';

/** /v1/me/player…: playback state, devices, queue, history (reads) and the Premium-only commands. */
export function playerRoutes(state: SimState, api: string): Route[] {
  const playerOf = (caller: Caller): PlayerState => state.media.forUser(caller.user.id).player;

  const read = (
    pattern: string,
    scope: string,
    answer: (player: PlayerState, req: SimRequest, rendering: Rendering) => SimResponse,
  ) => ({
    method: 'GET',
    pattern,
    handler: withUser(state, (req, caller) => {
      needScopes(caller, scope);
      return answer(playerOf(caller), req, renderingFor(state, req, caller.user));
    }),
  });

  /** Scope, then Premium, then the command; success answers in the configured style. */
  const command = (
    method: string,
    pattern: string,
    act: (player: PlayerState, req: SimRequest, deviceId: string | undefined) => void,
  ): Route => ({
    method,
    pattern,
    handler: withUser(state, (req, caller) => {
      needScopes(caller, MODIFY);
      if (!caller.user.premium)
        throw new ApiError(403, 'Player command failed: Premium required', 'PREMIUM_REQUIRED');
      act(playerOf(caller), req, deviceIdParam(req));
      return state.commandStyle === '204' ? empty(204) : text(200, COMMAND_TEXT_BODY);
    }),
  });

  return [
    read('/v1/me/player', READ, (player, req, rendering) => {
      const view = player.view();
      if (!view.device) return empty(204);
      return json(200, {
        device: deviceObject(view.device, view.device.id),
        shuffle_state: view.shuffle,
        smart_shuffle: false,
        repeat_state: view.repeat,
        ...currentlyPlaying(api, view, rendering, wantsEpisodes(req)),
      });
    }),
    read('/v1/me/player/currently-playing', 'user-read-currently-playing', (player, req, rendering) => {
      const view = player.view();
      // docs/SPOTIFY.md: 204 when nothing is active (openapi.yml does not list it here).
      if (!view.device) return empty(204);
      return json(200, currentlyPlaying(api, view, rendering, wantsEpisodes(req)));
    }),
    read('/v1/me/player/devices', READ, (player) => {
      const active = player.view().device?.id;
      return json(200, { devices: player.listedDevices().map((d) => deviceObject(d, active)) });
    }),
    read('/v1/me/player/queue', READ, (player, _req, rendering) => {
      const view = player.view();
      // No active device, or an ad: an empty queue (Spotify sends currently_playing null, which
      // openapi.yml disallows).
      if (!view.device || view.itemUri === null) return json(200, { queue: [] });
      return json(200, {
        currently_playing: itemByUri(api, view.itemUri, rendering),
        queue: view.upNext.map((uri) => itemByUri(api, uri, rendering)),
      });
    }),
    read('/v1/me/player/recently-played', 'user-read-recently-played', (player, req, rendering) =>
      json(200, recentlyPlayed(api, player, req, rendering)),
    ),

    command('PUT', '/v1/me/player', (player, req) => {
      const body = jsonBody(req);
      const ids = body?.['device_ids'];
      if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string'))
        throw new ApiError(400, 'Missing or invalid device_ids');
      if (ids.length > 1) throw new ApiError(400, 'Only a single device_id is currently supported');
      const play = body?.['play'];
      if (play !== undefined && typeof play !== 'boolean') throw new ApiError(400, 'Invalid play');
      player.transfer(ids[0] as string, play);
    }),
    command('PUT', '/v1/me/player/play', (player, req, deviceId) => {
      player.play(playOptions(state, req), deviceId);
    }),
    command('PUT', '/v1/me/player/pause', (player, _req, deviceId) => player.pause(deviceId)),
    command('POST', '/v1/me/player/next', (player, _req, deviceId) => player.next(deviceId)),
    command('POST', '/v1/me/player/previous', (player, _req, deviceId) => player.previous(deviceId)),
    command('PUT', '/v1/me/player/seek', (player, req, deviceId) =>
      player.seek(intParam(req, 'position_ms', { min: 0 }), deviceId),
    ),
    command('PUT', '/v1/me/player/volume', (player, req, deviceId) =>
      player.setVolume(intParam(req, 'volume_percent', { min: 0, max: 100 }), deviceId),
    ),
    command('PUT', '/v1/me/player/shuffle', (player, req, deviceId) => {
      const value = req.query.get('state');
      if (value !== 'true' && value !== 'false') throw new ApiError(400, 'State must be true or false');
      player.setShuffle(value === 'true', deviceId);
    }),
    command('PUT', '/v1/me/player/repeat', (player, req, deviceId) => {
      const value = req.query.get('state');
      if (value !== 'track' && value !== 'context' && value !== 'off')
        throw new ApiError(400, 'State must be one of track, context or off');
      player.setRepeat(value satisfies RepeatMode, deviceId);
    }),
    command('POST', '/v1/me/player/queue', (player, req, deviceId) => {
      const uri = req.query.get('uri');
      if (uri === null || uri === '') throw new ApiError(400, 'Missing required parameter: uri');
      player.addToQueue(playableUri(state, uri), deviceId);
    }),
  ];
}

/** `additional_types` names `episode`: without it Spotify sends no episode item (src/main/spotify asks). */
function wantsEpisodes(req: SimRequest): boolean {
  return (req.query.get('additional_types') ?? '').split(',').some((type) => type.trim() === 'episode');
}

/** `currently_playing_type` per item kind: local files are tracks, unknown types "unknown". */
const PLAYING_TYPE = { track: 'track', local: 'track', episode: 'episode', ad: 'ad', unknown: 'unknown' };

/**
 * The fields CurrentlyPlayingObject and CurrentlyPlayingContextObject share. Where Spotify sends
 * `item: null` (an ad; an episode without `additional_types=episode`), `item` is left out, since
 * openapi.yml does not allow null there.
 */
function currentlyPlaying(
  api: string,
  view: PlayerView,
  rendering: Rendering,
  episodes: boolean,
): Record<string, unknown> {
  const disallows: Record<string, boolean> = {};
  for (const flag of view.disallows) disallows[flag] = true;
  const showsItem = view.itemUri !== null && (view.itemKind !== 'episode' || episodes);
  return {
    timestamp: view.timestamp,
    // Playing a bare list of URIs has no context: omitted (Spotify sends null, which openapi.yml disallows).
    ...(view.contextUri === null ? {} : { context: contextObject(api, view.contextUri) }),
    progress_ms: view.progressMs,
    ...(showsItem && view.itemUri !== null ? { item: itemByUri(api, view.itemUri, rendering) } : {}),
    currently_playing_type: view.itemKind === null ? 'unknown' : PLAYING_TYPE[view.itemKind],
    // api.spotify.com nests the flags under `disallows` (openapi.yml's DisallowsObject has them flat).
    actions: { disallows },
    is_playing: view.isPlaying,
  };
}

function recentlyPlayed(
  api: string,
  player: PlayerState,
  req: SimRequest,
  rendering: Rendering,
): Record<string, unknown> {
  const limit = intParam(req, 'limit', { min: 1, max: 50, fallback: 20 });
  const hasAfter = req.query.has('after');
  const hasBefore = req.query.has('before');
  if (hasAfter && hasBefore) throw new ApiError(400, 'Only one of after and before may be given');
  const after = hasAfter ? intParam(req, 'after', { min: 0 }) : undefined;
  const before = hasBefore ? intParam(req, 'before', { min: 0 }) : undefined;
  const all = player
    .history()
    .filter(
      (e) => (after === undefined || e.playedAt > after) && (before === undefined || e.playedAt < before),
    );
  const page = all.slice(0, limit);
  const href = `${api}/me/player/recently-played?${new URLSearchParams(
    Object.fromEntries([...req.query].filter(([name]) => ['limit', 'after', 'before'].includes(name))),
  ).toString()}`.replace(/\?$/, '');
  const oldest = page.at(-1)?.playedAt;
  const newest = page[0]?.playedAt;
  return {
    items: page.map((entry) => ({
      track: trackByUri(api, entry.uri, rendering),
      played_at: new Date(entry.playedAt).toISOString(),
      ...(entry.contextUri === null ? {} : { context: contextObject(api, entry.contextUri) }),
    })),
    // CursorPagingObject allows no nulls: `next` and `cursors` are left out when there is nothing.
    ...(oldest !== undefined && all.length > page.length
      ? { next: `${api}/me/player/recently-played?before=${oldest}&limit=${limit}` }
      : {}),
    ...(oldest !== undefined && newest !== undefined
      ? { cursors: { after: String(newest), before: String(oldest) } }
      : {}),
    limit,
    href,
  };
}

function playOptions(state: SimState, req: SimRequest): PlayOptions {
  const body = jsonBody(req);
  if (!body) return {};
  const options: PlayOptions = {};
  const contextUri = body['context_uri'];
  const uris = body['uris'];
  if (contextUri !== undefined && uris !== undefined)
    throw new ApiError(400, 'Only one of context_uri and uris may be given');
  const content = state.profile.content;
  const contextKinds = content.episodes
    ? ['album', 'artist', 'playlist', 'show']
    : ['album', 'artist', 'playlist'];
  if (contextUri !== undefined) {
    const parsed = typeof contextUri === 'string' ? parseUri(contextUri) : undefined;
    // Liked Songs: `spotify:user:{user_id}:collection` (whose collection it is, the player decides).
    const isCollection = typeof contextUri === 'string' && collectionOwnerOf(contextUri) !== undefined;
    if (!isCollection && (!parsed || !contextKinds.includes(parsed.kind)))
      throw new ApiError(400, 'Invalid context uri');
    options.contextUri = contextUri as string;
  }
  if (uris !== undefined) {
    if (!Array.isArray(uris) || uris.length === 0) throw new ApiError(400, 'Invalid uris');
    options.uris = uris.map((uri) => playableUri(state, uri));
  }
  const offset = body['offset'];
  if (offset !== undefined) {
    if (offset === null || typeof offset !== 'object' || Array.isArray(offset))
      throw new ApiError(400, 'Invalid offset');
    const { position, uri } = offset as { position?: unknown; uri?: unknown };
    if (position !== undefined && (!Number.isInteger(position) || (position as number) < 0))
      throw new ApiError(400, 'Invalid offset');
    if (uri !== undefined && typeof uri !== 'string') throw new ApiError(400, 'Invalid offset');
    if (position === undefined && uri === undefined) throw new ApiError(400, 'Invalid offset');
    options.offset = uri !== undefined ? { uri: uri } : { position: position as number };
    // docs/SPOTIFY.md: an artist context plays by popularity and takes no offset.
    if (content.artistOffsetRefused && options.contextUri?.startsWith('spotify:artist:'))
      throw new ApiError(400, "Can't have offset for context type: ARTIST");
  }
  const positionMs = body['position_ms'];
  if (positionMs !== undefined) {
    if (!Number.isInteger(positionMs) || (positionMs as number) < 0)
      throw new ApiError(400, 'Invalid position_ms');
    options.positionMs = positionMs as number;
  }
  return options;
}

/** A track (or, with the profile's episodes, episode) URI: malformed → 400, unknown → 404. */
function playableUri(state: SimState, uri: unknown): string {
  const parsed = typeof uri === 'string' ? parseUri(uri) : undefined;
  if (!parsed || (parsed.kind !== 'track' && parsed.kind !== 'episode'))
    throw new ApiError(400, `Invalid track uri: ${String(uri)}`);
  if (!state.media.isItem(uri as string)) throw new ApiError(404, `Track not found: ${String(uri)}`);
  return uri as string;
}
