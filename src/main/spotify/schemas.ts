import { z } from 'zod';

/**
 * A hand-written, reduced subset of openapi.yml's response shapes: the fields the mini-player, tray and
 * hotkeys use, in Spotify's own (snake_case) names. Unknown fields are dropped. Fields the spec marks
 * optional or that Spotify sends as `null` are normalised (`null` or a default), so callers see one shape.
 * A body that does not fit becomes a 'malformed-response' error at the boundary, never a crash later.
 */

/** `null` and absent both become `null`. */
function orNull<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((value): z.output<T> | null => value ?? null);
}

const ImageSchema = z.object({
  url: z.string(),
  height: orNull(z.number()),
  width: orNull(z.number()),
});
const Images = z
  .array(ImageSchema)
  .nullish()
  .transform((images) => images ?? []);

const ArtistRefSchema = z.object({
  id: orNull(z.string()),
  name: z.string(),
  uri: orNull(z.string()),
});

const AlbumRefSchema = z.object({
  id: orNull(z.string()),
  name: z.string(),
  uri: orNull(z.string()),
  images: Images,
});

const TrackSchema = z.object({
  type: z.literal('track'),
  /** `null` for local files. */
  id: orNull(z.string()),
  uri: z.string(),
  name: z.string(),
  duration_ms: z.number(),
  explicit: z.boolean().default(false),
  is_local: z.boolean().default(false),
  is_playable: z.boolean().optional(),
  /**
   * Track relinking: this track is a copy playable in the user's market of the track the user chose
   * (what their library and playlists hold), which `linked_from` names. Only with a `market`; optional
   * in the type, so tracks built by hand need not name it.
   */
  linked_from: z.object({ id: orNull(z.string()), uri: z.string() }).nullish(),
  artists: z.array(ArtistRefSchema).default([]),
  album: orNull(AlbumRefSchema),
});

const ShowRefSchema = z.object({
  id: z.string(),
  name: z.string(),
  uri: z.string(),
  publisher: z.string().optional(),
  images: Images,
});

const EpisodeSchema = z.object({
  type: z.literal('episode'),
  id: z.string(),
  uri: z.string(),
  name: z.string(),
  duration_ms: z.number(),
  explicit: z.boolean().default(false),
  /** False when the episode cannot be played in the user's market. */
  is_playable: z.boolean().optional(),
  images: Images,
  show: orNull(ShowRefSchema),
});

/** What a player can be playing: a track or a podcast episode. */
const PlayableItemSchema = z.discriminatedUnion('type', [TrackSchema, EpisodeSchema]);

/**
 * Something the player reports that is neither a track nor an episode (an audiobook chapter, a type
 * Spotify adds later). Only the fields every item has are kept; the player shows it as unsupported
 * instead of failing the whole read. A malformed track or episode still fails (its `type` is known).
 */
const UnsupportedItemSchema = z.object({
  type: z.string().refine((type) => type !== 'track' && type !== 'episode'),
  uri: orNull(z.string()),
  name: orNull(z.string()),
  duration_ms: orNull(z.number()),
});

/** The item of a player read: a playable item, or one Traytune cannot show. */
const PlayerReadItemSchema = z.union([PlayableItemSchema, UnsupportedItemSchema]);

const DeviceSchema = z.object({
  id: orNull(z.string()),
  is_active: z.boolean(),
  is_private_session: z.boolean().default(false),
  is_restricted: z.boolean().default(false),
  name: z.string(),
  type: z.string(),
  volume_percent: orNull(z.number()),
  supports_volume: z.boolean().default(true),
});

export const DevicesSchema = z.object({ devices: z.array(DeviceSchema) });

const ContextSchema = z.object({
  type: z.string().optional(),
  uri: z.string(),
});

/**
 * `actions` is `{disallows: {...}}` on api.spotify.com and the disallows object itself in openapi.yml:
 * both become a map of action → true when disallowed.
 */
const Disallows = z
  .record(z.string(), z.unknown())
  .nullish()
  .transform((actions) => {
    const nested = actions?.['disallows'];
    const source =
      nested !== null && typeof nested === 'object' ? (nested as Record<string, unknown>) : actions;
    const disallows: Record<string, boolean> = {};
    for (const [name, value] of Object.entries(source ?? {})) if (value === true) disallows[name] = true;
    return disallows;
  });

const RepeatState = z.enum(['off', 'track', 'context']);

export const CurrentlyPlayingSchema = z.object({
  context: orNull(ContextSchema),
  timestamp: z.number(),
  progress_ms: orNull(z.number()),
  is_playing: z.boolean(),
  item: orNull(PlayerReadItemSchema),
  /** `track`, `episode`, `ad` or `unknown`. */
  currently_playing_type: z.string().default('unknown'),
  actions: Disallows,
});

export const PlaybackStateSchema = CurrentlyPlayingSchema.extend({
  device: DeviceSchema,
  repeat_state: RepeatState,
  shuffle_state: z.boolean(),
});

export const QueueSchema = z.object({
  currently_playing: orNull(PlayableItemSchema),
  queue: z.array(PlayableItemSchema).default([]),
});

function paging<T extends z.ZodType>(item: T) {
  return z.object({
    href: z.string(),
    items: z.array(item),
    limit: z.number(),
    next: orNull(z.string()),
    offset: z.number(),
    previous: orNull(z.string()),
    total: z.number(),
  });
}

/** Spotify sometimes puts `null` into playlist pages (removed playlists): those entries are dropped. */
function pagingSkippingNulls<T extends z.ZodType>(item: T) {
  return paging(item.nullable()).transform((page) => ({
    ...page,
    items: page.items.filter((entry): entry is NonNullable<typeof entry> => entry !== null),
  }));
}

const SavedTrackSchema = z.object({
  added_at: z.string(),
  track: TrackSchema,
});
export const SavedTracksPageSchema = paging(SavedTrackSchema);

const PlayHistorySchema = z.object({
  track: TrackSchema,
  played_at: z.string(),
  context: orNull(ContextSchema),
});

export const RecentlyPlayedSchema = z.object({
  href: z.string(),
  items: z.array(PlayHistorySchema),
  limit: z.number(),
  next: orNull(z.string()),
  cursors: orNull(z.object({ after: orNull(z.string()), before: orNull(z.string()) })),
  total: z.number().optional(),
});

const ItemsRef = z.object({ href: z.string(), total: z.number() });

const PlaylistSchema = z.object({
  id: z.string(),
  name: z.string(),
  uri: z.string(),
  description: orNull(z.string()),
  images: Images,
  owner: z.object({ id: z.string(), display_name: orNull(z.string()) }),
  public: orNull(z.boolean()),
  collaborative: z.boolean().default(false),
  snapshot_id: z.string(),
  /** `items` is the current name; `tracks` the deprecated one. Either may be missing. */
  items: orNull(ItemsRef),
  tracks: orNull(ItemsRef),
});
export const PlaylistsPageSchema = pagingSkippingNulls(PlaylistSchema);

export const UserSchema = z.object({
  id: z.string(),
  display_name: orNull(z.string()),
  uri: z.string(),
  images: Images,
  /** Absent for development-mode apps (docs/SPOTIFY.md): Premium is learnt from a 403 PREMIUM_REQUIRED. */
  product: z.string().optional(),
  country: z.string().optional(),
  email: z.string().optional(),
});

const ArtistSchema = z.object({
  id: z.string(),
  name: z.string(),
  uri: z.string(),
  images: Images,
});

const AlbumSchema = z.object({
  id: z.string(),
  name: z.string(),
  uri: z.string(),
  album_type: z.string().optional(),
  release_date: z.string().optional(),
  total_tracks: z.number().optional(),
  images: Images,
  artists: z.array(ArtistRefSchema).default([]),
});

/** An album's tracks are SimplifiedTrackObjects: a track without its album (`album` is then null). */
export const AlbumTracksPageSchema = pagingSkippingNulls(TrackSchema);

/** GET /albums/{id}: the album with the first page of its tracks (Spotify embeds up to 50). */
export const AlbumWithTracksSchema = AlbumSchema.extend({ tracks: orNull(AlbumTracksPageSchema) });

/** GET /me/albums lists full albums too; their embedded tracks are not read (zod drops the field). */
const SavedAlbumSchema = z.object({ added_at: z.string(), album: AlbumSchema });
export const SavedAlbumsPageSchema = pagingSkippingNulls(SavedAlbumSchema);

/**
 * A playlist entry: `item` is the current name, `track` the deprecated one (Spotify sends both, the same
 * object): only one is parsed, `item` where it is there. An entry may be null, or hold an item Traytune
 * cannot show (neither a track nor an episode): both are dropped.
 */
const PlaylistEntrySchema = z
  .preprocess(
    (entry) => (isRecord(entry) ? { item: entry['item'] ?? entry['track'] ?? null } : entry),
    z.object({ item: orNull(PlayerReadItemSchema) }),
  )
  .transform(({ item }): PlayableItem | null =>
    item !== null && (item.type === 'track' || item.type === 'episode') ? (item as PlayableItem) : null,
  );
export const PlaylistItemsPageSchema = pagingSkippingNulls(PlaylistEntrySchema);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** An entry's URI as the playlist holds it: for a relinked track the one named by `linked_from`. */
const EntryUriSchema = z
  .object({ uri: orNull(z.string()), linked_from: z.object({ uri: z.string() }).nullish() })
  .transform((item) => item.linked_from?.uri ?? item.uri);

/**
 * A page of a playlist's URIs only (the duplicate check asks for `fields` that leave everything else
 * out; an answer with every field fits too). `uris` holds every entry's URI, nulls dropped.
 */
export const PlaylistUrisPageSchema = z
  .object({
    next: orNull(z.string()),
    total: z.number(),
    items: z.array(z.object({ item: orNull(EntryUriSchema), track: orNull(EntryUriSchema) }).nullable()),
  })
  .transform(({ next, total, items }) => ({
    next,
    total,
    count: items.length,
    uris: items.flatMap((entry) => {
      const uri = entry?.item ?? entry?.track ?? null;
      return uri === null ? [] : [uri];
    }),
  }));

/**
 * What adding to a playlist needs to know of it: its name, whether the user may add (owner or
 * collaborative), and (when asked for) the first page of its URIs, which Spotify embeds (up to 100, and
 * only for playlists the user owns or collaborates on).
 */
export const PlaylistHeadSchema = z.object({
  name: z.string(),
  collaborative: z.boolean().default(false),
  owner: z.object({ id: z.string() }),
  items: orNull(PlaylistUrisPageSchema),
});

export const SearchResultsSchema = z.object({
  tracks: pagingSkippingNulls(TrackSchema).optional(),
  artists: pagingSkippingNulls(ArtistSchema).optional(),
  albums: pagingSkippingNulls(AlbumSchema).optional(),
  playlists: pagingSkippingNulls(PlaylistSchema).optional(),
});

export const BooleansSchema = z.array(z.boolean());

export type Image = z.output<typeof ImageSchema>;
export type Track = z.output<typeof TrackSchema>;
export type PlayableItem = z.output<typeof PlayableItemSchema>;
export type UnsupportedItem = z.output<typeof UnsupportedItemSchema>;
export type Device = z.output<typeof DeviceSchema>;
export type RepeatState = z.output<typeof RepeatState>;
export type CurrentlyPlaying = z.output<typeof CurrentlyPlayingSchema>;
export type PlaybackState = z.output<typeof PlaybackStateSchema>;
export type Queue = z.output<typeof QueueSchema>;
export interface Page<T> {
  href: string;
  items: T[];
  limit: number;
  next: string | null;
  offset: number;
  previous: string | null;
  total: number;
}
export type SavedTrack = z.output<typeof SavedTrackSchema>;
export type PlayHistoryItem = z.output<typeof PlayHistorySchema>;
export type RecentlyPlayed = z.output<typeof RecentlyPlayedSchema>;
export type Playlist = z.output<typeof PlaylistSchema>;
export type User = z.output<typeof UserSchema>;
export type Artist = z.output<typeof ArtistSchema>;
export type Album = z.output<typeof AlbumSchema>;
export type SearchResults = z.output<typeof SearchResultsSchema>;
export type SavedAlbum = z.output<typeof SavedAlbumSchema>;
export type AlbumWithTracks = z.output<typeof AlbumWithTracksSchema>;
export type PlaylistUrisPage = z.output<typeof PlaylistUrisPageSchema>;
export type PlaylistHead = z.output<typeof PlaylistHeadSchema>;
