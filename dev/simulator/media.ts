import { CATALOGUE, type Catalogue } from './catalogue.ts';
import type { SimClock } from './clock.ts';
import type { ContentRealism } from './content-profile.ts';
import { collectionOwnerOf, hexOf, parseUri, spotifyId, unitOf } from './ids.ts';
import { PlayerState, type DeviceRecord, type RedundantCommandStyle } from './player-state.ts';
import { resolveProfile, type SimProfile } from './profile.ts';

/**
 * Everything a user has besides the account: player session, liked songs, other saved items, playlists.
 * Created on first use with the standard seed, so every user (the seed tester or one added later) starts
 * with the same library shape and three devices, "Traytune Desktop" active with a track paused at 0.
 */

interface LikedEntry {
  uri: string;
  addedAt: number;
}

interface PlaylistItem {
  uri: string;
  addedAt: number;
  addedBy: string;
}

export interface PlaylistRecord {
  id: string;
  uri: string;
  name: string;
  description: string;
  ownerId: string;
  /** The owner's display name when the owner is no simulator user (followed playlists of others). */
  ownerName?: string;
  public: boolean;
  collaborative: boolean;
  items: PlaylistItem[];
  /** Bumped on every change; the snapshot ID is derived from it. */
  version: number;
  imageKey: string;
}

export interface UserMedia {
  player: PlayerState;
  /** Liked songs, most recently added first. */
  liked: LikedEntry[];
  /** Other saved items (albums, shows, playlists, followed users...) by URI, with when they were saved. */
  saved: Map<string, number>;
}

export interface DeviceSeed {
  id?: string;
  name: string;
  type: string;
  isRestricted?: boolean;
  supportsVolume?: boolean;
  volumePercent?: number | null;
  /** Listed with `id: null` (realistic: some devices come so). */
  hidesId?: boolean;
  /** Drops out of the device list now and then (realistic `vanishingDevices`). */
  vanishes?: boolean;
}

const SEED_DEVICES: readonly DeviceSeed[] = [
  { name: 'Traytune Desktop', type: 'Computer', volumePercent: 65 },
  // Phones often refuse remote volume control (supports_volume false).
  { name: 'Pixel Phone', type: 'Smartphone', supportsVolume: false, vanishes: true },
  { name: 'Kitchen Speaker', type: 'Speaker', volumePercent: 40, vanishes: true },
];

/** Realistic `restrictedDevice`: a TV that lists but takes no Web API command. */
const RESTRICTED_DEVICE: DeviceSeed = {
  name: 'Living Room TV',
  type: 'TV',
  isRestricted: true,
  volumePercent: 30,
};
/** Realistic `nullIdDevice`: a speaker group Spotify lists without an ID. */
const NULL_ID_DEVICE: DeviceSeed = {
  name: 'Office Speaker Group',
  type: 'CastAudio',
  hidesId: true,
  volumePercent: 25,
};

/** Other users' public playlists a realistic user follows. */
const FOLLOWED_PLAYLISTS = [
  {
    ownerId: 'spotify',
    ownerName: 'Spotify',
    name: 'Nordic Chill',
    description: 'Calm pop from the north.',
    from: 16,
    count: 10,
  },
  {
    ownerId: 'harbour-fan-42',
    ownerName: 'Harbour Fan',
    name: 'Everything Lanterns',
    description: 'All of it, in order.',
    from: 0,
    count: 11,
  },
] as const;

/** Where the realistic seed puts an episode and a local file into "Morning Commute". */
const EPISODE_AT = 4;
const LOCAL_FILE_AT = 8;

const LIKED_COUNT = 30;
const SAVED_ALBUM_COUNT = 3;
const DAY_MS = 86_400_000;

export class MediaStore {
  readonly catalogue: Catalogue = CATALOGUE;
  readonly playlists = new Map<string, PlaylistRecord>();
  readonly profile: SimProfile;
  redundantStyle: RedundantCommandStyle;
  /** Items of a type no client knows, made by `sim.player.playUnknownItem` (URI → type and name). */
  readonly unknownItems = new Map<string, { type: string; name: string; durationMs: number }>();
  readonly #clock: SimClock;
  readonly #countryOf: (userId: string) => string;
  readonly #users = new Map<string, UserMedia>();

  constructor(
    clock: SimClock,
    profile: SimProfile = resolveProfile(),
    countryOf: (userId: string) => string = () => 'SE',
  ) {
    this.#clock = clock;
    this.profile = profile;
    this.redundantStyle = profile.content.redundantStyle;
    this.#countryOf = countryOf;
  }

  get content(): ContentRealism {
    return this.profile.content;
  }

  forUser(userId: string): UserMedia {
    let media = this.#users.get(userId);
    if (!media) {
      media = this.#seedUser(userId);
      this.#users.set(userId, media);
    }
    return media;
  }

  userPlaylists(userId: string): PlaylistRecord[] {
    this.forUser(userId);
    return [...this.playlists.values()].filter((p) => p.ownerId === userId);
  }

  /** What GET /me/playlists lists: the user's own, then (realistic) the ones they follow. */
  listedPlaylists(userId: string): PlaylistRecord[] {
    const own = this.userPlaylists(userId);
    if (!this.content.followedPlaylists) return own;
    const saved = this.forUser(userId).saved;
    const followed = [...this.playlists.values()].filter((p) => p.ownerId !== userId && saved.has(p.uri));
    return [...own, ...followed];
  }

  /** Saved albums (GET /me/albums), most recently saved first. */
  savedAlbums(userId: string): { uri: string; addedAt: number }[] {
    const saved = [...this.forUser(userId).saved].filter(([uri]) => uri.startsWith('spotify:album:'));
    // Newest first; of two saved in the same millisecond, the one saved later.
    return saved
      .map(([uri, addedAt], order) => ({ uri, addedAt, order }))
      .sort((a, b) => b.addedAt - a.addedAt || b.order - a.order)
      .map(({ uri, addedAt }) => ({ uri, addedAt }));
  }

  /** Whether `uri` names something playable: a catalogue track, or an episode/local file when enabled. */
  isItem(uri: string): boolean {
    return this.#durationOrUndefined(uri) !== undefined;
  }

  durationOf(uri: string): number {
    const duration = this.#durationOrUndefined(uri);
    if (duration === undefined) throw new Error(`not in the catalogue: ${uri}`);
    return duration;
  }

  /** Whether the user may play `uri` in their country (realistic `markets`); everything else plays. */
  isPlayableFor(userId: string, uri: string): boolean {
    if (!this.content.markets) return true;
    const track = this.catalogue.track(uri);
    return track === undefined || this.catalogue.playableIn(track, this.#countryOf(userId));
  }

  /**
   * A playable context's items: album, artist (top tracks), playlist, (with episodes) show, or the Liked
   * Songs of `userId` (`spotify:user:{userId}:collection`, newest first as GET /me/tracks lists them).
   * Another user's collection is no context the caller can play: `undefined` (→ 404 "Context not
   * found"), as Spotify never shows one user's library to another. The list is a copy: the player keeps
   * it as the play order, so liking or unliking during playback does not move what plays.
   */
  contextItems(uri: string, userId?: string): readonly string[] | undefined {
    const owner = collectionOwnerOf(uri);
    if (owner !== undefined)
      return owner === userId ? this.forUser(owner).liked.map((entry) => entry.uri) : undefined;
    const parsed = parseUri(uri);
    if (!parsed) return undefined;
    if (parsed.kind === 'album') return this.catalogue.album(parsed.id)?.trackUris;
    if (parsed.kind === 'artist')
      return this.catalogue.artist(parsed.id) ? this.catalogue.artistTracks(parsed.id) : undefined;
    if (parsed.kind === 'playlist') return this.playlists.get(parsed.id)?.items.map((i) => i.uri);
    if (parsed.kind === 'show' && this.content.episodes) return this.catalogue.show(parsed.id)?.episodeUris;
    return undefined;
  }

  #durationOrUndefined(uri: string): number | undefined {
    const track = this.catalogue.track(uri);
    if (track) return track.durationMs;
    if (this.content.episodes) {
      const episode = this.catalogue.episode(uri);
      if (episode) return episode.durationMs;
    }
    if (this.content.localFiles) {
      const file = this.catalogue.localFile(uri);
      if (file) return file.durationMs;
    }
    return this.unknownItems.get(uri)?.durationMs;
  }

  #seedUser(userId: string): UserMedia {
    const now = this.#clock.now();
    const tracks = this.catalogue.tracks;
    const content = this.content;
    const seed = this.profile.seed;
    const player = new PlayerState(
      {
        clock: this.#clock,
        durationOf: (uri) => this.durationOf(uri),
        contextItems: (uri) => this.contextItems(uri, userId),
        redundantStyle: () => this.redundantStyle,
        isPlayable: (uri) => this.isPlayableFor(userId, uri),
        kindOf: (uri) => this.#kindOf(uri),
        enforceDisallows: content.enforceDisallows,
        ads: content.ads
          ? {
              everyTracks: content.adEveryTracks ?? 3 + Math.floor(unitOf(`ads:${seed}:${userId}`) * 4),
              durationMs: 15_000 + Math.floor(unitOf(`ad-length:${seed}:${userId}`) * 15_000),
            }
          : undefined,
      },
      Math.floor(unitOf(`rng:${userId}`) * 2 ** 32),
    );
    const devices = [
      ...SEED_DEVICES.map((d) => (content.vanishingDevices ? d : { ...d, vanishes: false })),
      ...(content.restrictedDevice ? [RESTRICTED_DEVICE] : []),
      ...(content.nullIdDevice ? [NULL_ID_DEVICE] : []),
    ];
    player.setDevices(devices.map((d) => deviceRecord(userId, d, seed)));

    // Every other-ish track, spread over the past ~100 days, newest first.
    const liked: LikedEntry[] = [];
    for (let i = 0; i < LIKED_COUNT; i++) {
      const track = tracks[(i * 7 + 3) % tracks.length];
      if (!track || liked.some((l) => l.uri === track.uri)) continue;
      liked.push({
        uri: track.uri,
        addedAt: now - DAY_MS * (i * 3 + 1) - Math.floor(unitOf(`t${i}`) * DAY_MS),
      });
    }

    const pick = (count: number, step: number, from: number): string[] =>
      Array.from({ length: count }, (_, i) => tracks[(from + i * step) % tracks.length]?.uri as string);
    const seeds: Omit<PlaylistRecord, 'id' | 'uri' | 'version' | 'imageKey' | 'items' | 'ownerId'>[] = [
      {
        name: 'Morning Commute',
        description: 'Easy tunes for the train.',
        public: false,
        collaborative: false,
      },
      { name: 'Kitchen Disco', description: 'Loud and proud.', public: true, collaborative: false },
      { name: 'Road Trip (shared)', description: 'Everyone adds one.', public: false, collaborative: true },
    ];
    const itemLists = [pick(12, 3, 0), pick(10, 5, 1), pick(15, 4, 2)];
    // Realistic sessions meet a podcast episode and a local file in the playlist that is loaded first.
    const morning = itemLists[0] ?? [];
    const episode = this.catalogue.episodes[1];
    if (content.episodes && episode) morning.splice(EPISODE_AT, 0, episode.uri);
    const local = this.catalogue.localFiles[0];
    if (content.localFiles && local) morning.splice(LOCAL_FILE_AT, 0, local.uri);
    seeds.forEach((seed, index) => {
      const id = spotifyId(`playlist:${userId}:${seed.name}`);
      const uris = itemLists[index] ?? [];
      this.playlists.set(id, {
        ...seed,
        id,
        uri: `spotify:playlist:${id}`,
        ownerId: userId,
        version: 1,
        imageKey: hexOf(`cover:${id}`, 24),
        items: uris.map((uri, i) => ({ uri, addedAt: now - DAY_MS * (60 - i), addedBy: userId })),
      });
    });

    // A few saved albums, spread over the past months (what GET /me/albums lists, newest first).
    const saved = new Map<string, number>();
    const albums = this.catalogue.albums;
    for (let i = SAVED_ALBUM_COUNT - 1; i >= 0; i--) {
      const album = albums[(i * 3 + 1) % albums.length];
      if (album) saved.set(album.uri, now - DAY_MS * (i * 11 + 2) - Math.floor(unitOf(`album${i}`) * DAY_MS));
    }
    if (content.followedPlaylists) {
      FOLLOWED_PLAYLISTS.forEach((entry, index) => {
        const playlist = this.#othersPlaylist(entry, now);
        saved.set(playlist.uri, now - DAY_MS * (20 + index * 9));
      });
    }

    const first = [...this.playlists.values()].find((p) => p.ownerId === userId);
    if (first) player.load(player.devices[0]?.id ?? '', { contextUri: first.uri });
    // Every other one played from its album (a context to play again), the rest as bare tracks.
    player.seedHistory(
      pick(6, 2, 5).map((uri, i) => {
        const albumId = this.catalogue.track(uri)?.albumId;
        return {
          uri,
          playedAt: now - 3_600_000 * (i + 2),
          contextUri: i % 2 === 0 && albumId !== undefined ? `spotify:album:${albumId}` : null,
        };
      }),
    );
    return { player, liked, saved };
  }

  /** Someone else's public playlist, created once for every simulator user to follow. */
  #othersPlaylist(entry: (typeof FOLLOWED_PLAYLISTS)[number], now: number): PlaylistRecord {
    const id = spotifyId(`playlist:${entry.ownerId}:${entry.name}`);
    const existing = this.playlists.get(id);
    if (existing) return existing;
    const uris = this.catalogue.tracks.slice(entry.from, entry.from + entry.count).map((t) => t.uri);
    const playlist: PlaylistRecord = {
      id,
      uri: `spotify:playlist:${id}`,
      name: entry.name,
      description: entry.description,
      ownerId: entry.ownerId,
      ownerName: entry.ownerName,
      public: true,
      collaborative: false,
      version: 1,
      imageKey: hexOf(`cover:${id}`, 24),
      items: uris.map((uri, i) => ({ uri, addedAt: now - DAY_MS * (200 - i), addedBy: entry.ownerId })),
    };
    this.playlists.set(id, playlist);
    return playlist;
  }

  #kindOf(uri: string): 'track' | 'episode' | 'local' | 'unknown' {
    if (this.catalogue.track(uri)) return 'track';
    if (this.catalogue.episode(uri)) return 'episode';
    if (this.catalogue.localFile(uri)) return 'local';
    return 'unknown';
  }
}

/**
 * Device IDs look like Spotify's (40 hex characters) and differ per user. A vanishing device gets its
 * own seeded rhythm: away for 20–60 s in every 2–5 minutes.
 */
export function deviceRecord(userId: string, seed: DeviceSeed, randomSeed = 1): DeviceRecord {
  const supportsVolume = seed.supportsVolume ?? true;
  const key = `${randomSeed}:${userId}:${seed.name}`;
  return {
    id: seed.id ?? hexOf(`device:${userId}:${seed.name}`, 40),
    name: seed.name,
    type: seed.type,
    isRestricted: seed.isRestricted ?? false,
    supportsVolume,
    volumePercent: seed.volumePercent === undefined ? (supportsVolume ? 50 : null) : seed.volumePercent,
    hidesId: seed.hidesId ?? false,
    absence:
      seed.vanishes === true
        ? {
            periodMs: 120_000 + Math.floor(unitOf(`period:${key}`) * 180_000),
            awayMs: 20_000 + Math.floor(unitOf(`away:${key}`) * 40_000),
            phaseMs: Math.floor(unitOf(`phase:${key}`) * 120_000),
          }
        : undefined,
    forcedPresence: undefined,
  };
}

/** Snapshot IDs are opaque base64 strings that change with every edit. */
export function snapshotId(playlist: PlaylistRecord): string {
  return Buffer.from(`${playlist.version}:${hexOf(`${playlist.id}:${playlist.version}`, 32)}`).toString(
    'base64',
  );
}
