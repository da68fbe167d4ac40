import { CATALOGUE, type Catalogue } from './catalogue.ts';
import type { SimClock } from './clock.ts';
import { hexOf, parseUri, spotifyId, unitOf } from './ids.ts';
import { PlayerState, type DeviceRecord, type RedundantCommandStyle } from './player-state.ts';

/**
 * Everything a user has besides the account: player session, liked songs, other saved items, playlists.
 * Created on first use with the standard seed, so every user (the seed tester or one added later) starts
 * with the same library shape and three devices, "Traytune Desktop" active with a track paused at 0.
 */

export interface LikedEntry {
  uri: string;
  addedAt: number;
}

export interface PlaylistItem {
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
}

export const SEED_DEVICES: readonly DeviceSeed[] = [
  { name: 'Traytune Desktop', type: 'Computer', volumePercent: 65 },
  // Phones often refuse remote volume control (supports_volume false).
  { name: 'Pixel Phone', type: 'Smartphone', supportsVolume: false },
  { name: 'Kitchen Speaker', type: 'Speaker', volumePercent: 40 },
];

const LIKED_COUNT = 30;
const DAY_MS = 86_400_000;

export class MediaStore {
  readonly catalogue: Catalogue = CATALOGUE;
  readonly playlists = new Map<string, PlaylistRecord>();
  redundantStyle: RedundantCommandStyle = 'succeed';
  readonly #clock: SimClock;
  readonly #users = new Map<string, UserMedia>();

  constructor(clock: SimClock) {
    this.#clock = clock;
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

  durationOf(uri: string): number {
    const track = this.catalogue.track(uri);
    if (!track) throw new Error(`not in the catalogue: ${uri}`);
    return track.durationMs;
  }

  /** A playable context's items: album, artist (top tracks) or playlist. */
  contextItems(uri: string): readonly string[] | undefined {
    const parsed = parseUri(uri);
    if (!parsed) return undefined;
    if (parsed.kind === 'album') return this.catalogue.album(parsed.id)?.trackUris;
    if (parsed.kind === 'artist')
      return this.catalogue.artist(parsed.id) ? this.catalogue.artistTracks(parsed.id) : undefined;
    if (parsed.kind === 'playlist') return this.playlists.get(parsed.id)?.items.map((i) => i.uri);
    return undefined;
  }

  #seedUser(userId: string): UserMedia {
    const now = this.#clock.now();
    const tracks = this.catalogue.tracks;
    const player = new PlayerState(
      {
        clock: this.#clock,
        durationOf: (uri) => this.durationOf(uri),
        contextItems: (uri) => this.contextItems(uri),
        redundantStyle: () => this.redundantStyle,
      },
      Math.floor(unitOf(`rng:${userId}`) * 2 ** 32),
    );
    player.setDevices(SEED_DEVICES.map((d) => deviceRecord(userId, d)));

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

    const first = [...this.playlists.values()].find((p) => p.ownerId === userId);
    if (first) player.load(player.devices[0]?.id ?? '', { contextUri: first.uri });
    player.seedHistory(
      pick(6, 2, 5).map((uri, i) => ({
        uri,
        playedAt: now - 3_600_000 * (i + 2),
        contextUri: null,
      })),
    );
    return { player, liked, saved: new Map() };
  }
}

/** Device IDs look like Spotify's (40 hex characters) and differ per user. */
export function deviceRecord(userId: string, seed: DeviceSeed): DeviceRecord {
  const supportsVolume = seed.supportsVolume ?? true;
  return {
    id: seed.id ?? hexOf(`device:${userId}:${seed.name}`, 40),
    name: seed.name,
    type: seed.type,
    isRestricted: seed.isRestricted ?? false,
    supportsVolume,
    volumePercent: seed.volumePercent === undefined ? (supportsVolume ? 50 : null) : seed.volumePercent,
  };
}

/** Snapshot IDs are opaque base64 strings that change with every edit. */
export function snapshotId(playlist: PlaylistRecord): string {
  return Buffer.from(`${playlist.version}:${hexOf(`${playlist.id}:${playlist.version}`, 32)}`).toString(
    'base64',
  );
}
