import { createHash } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A Spotify-style ID (22 base62 characters), derived from `seed` so the catalogue is the same every run. */
export function spotifyId(seed: string): string {
  const digest = createHash('sha256').update(seed).digest();
  let id = '';
  for (let i = 0; i < 22; i++) id += BASE62[(digest[i] as number) % 62];
  return id;
}

/** `count` hex characters derived from `seed` (device IDs, image keys). */
export function hexOf(seed: string, count: number): string {
  return createHash('sha256').update(seed).digest('hex').slice(0, count);
}

/** A number in [0, 1) derived from `seed`. */
export function unitOf(seed: string): number {
  return createHash('sha256').update(seed).digest().readUInt32BE(0) / 2 ** 32;
}

const URI_KINDS = ['track', 'album', 'artist', 'playlist', 'episode', 'show', 'audiobook', 'user'] as const;
export type UriKind = (typeof URI_KINDS)[number];

/** Whether `id` is a Spotify ID as the Web API takes it: 22 base62 characters (user IDs are free-form). */
export function isSpotifyId(id: string): boolean {
  return /^[0-9A-Za-z]{22}$/.test(id);
}

/** `spotify:{kind}:{id}` split into its parts; `undefined` when malformed (IDs are 22 base62 characters). */
export function parseUri(uri: string): { kind: UriKind; id: string } | undefined {
  const match = /^spotify:([a-z]+):([^:]+)$/.exec(uri);
  if (!match) return undefined;
  const kind = URI_KINDS.find((k) => k === match[1]);
  const id = match[2] as string;
  if (!kind) return undefined;
  // User IDs are free-form; everything else is base62.
  if (kind !== 'user' && !isSpotifyId(id)) return undefined;
  return { kind, id };
}

/**
 * The user ID of a Liked Songs context URI, `spotify:user:{user_id}:collection`; `undefined` for any
 * other URI. (parseUri rejects it: it has three parts after `spotify:`.)
 */
export function collectionOwnerOf(uri: string): string | undefined {
  return /^spotify:user:([^:]+):collection$/.exec(uri)?.[1];
}

/** ISO 8601 without milliseconds, as Spotify writes `added_at`. */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
