/**
 * What plays and what Spotify refuses, per profile: the "content" half of a simulator profile
 * (profile.ts holds the traffic half: rate limit, quota, stale reads, answer styles).
 * The realistic profile turns on what real accounts meet every day; the lenient one keeps the
 * simulator as exact and predictable as tests that need exact control want it. Each setting can be
 * overridden on its own: `startSimulator({ profile: 'realistic', realism: { content: { ads: false } } })`.
 * dev/simulator/README.md ("Profiles → content") describes each one.
 */

/**
 * What a redundant pause (already paused) or resume (already playing) answers. Spotify has answered all
 * three over time: plain success, 403 with the specific reason, 403 "Restriction violated" (UNKNOWN).
 */
export type RedundantCommandStyle = 'succeed' | 'reason' | 'restriction-violated';

export interface ContentRealism {
  /** Pause when paused / resume when playing; `sim.setRedundantCommandStyle` still changes it later. */
  readonly redundantStyle: RedundantCommandStyle;
  /** A command whose `actions.disallows` flag is set is refused (403) instead of carried out. */
  readonly enforceDisallows: boolean;
  /** The seed devices include "Living Room TV", restricted: every command on it → DEVICE_NOT_CONTROLLABLE. */
  readonly restrictedDevice: boolean;
  /** The seed devices include "Office Speaker Group", listed with `id: null` (it cannot be addressed). */
  readonly nullIdDevice: boolean;
  /** "Pixel Phone" and "Kitchen Speaker" drop out of /me/player/devices now and then (seeded, on the clock). */
  readonly vanishingDevices: boolean;
  /** An ad (`currently_playing_type: "ad"`, no item) plays after every few tracks. */
  readonly ads: boolean;
  /** Tracks between ads; absent = seeded (3 to 6) from the profile's random seed. */
  readonly adEveryTracks?: number;
  /** A podcast (show) with episodes; an episode in "Morning Commute"; item needs `additional_types=episode`. */
  readonly episodes: boolean;
  /** Local files (`is_local`, `spotify:local:…`, no id) in "Morning Commute". */
  readonly localFiles: boolean;
  /** Some tracks are unplayable in the user's country, some relinked; `market` shows it; playback skips them. */
  readonly markets: boolean;
  /** The user follows other users' public playlists: listed in /me/playlists with their real owner. */
  readonly followedPlaylists: boolean;
  /** Play with an artist `context_uri` and an `offset` → 400 "Can't have offset for context type: ARTIST". */
  readonly artistOffsetRefused: boolean;
}

/** One line per setting, as describeProfile prints them (the benchmark shows the profile it ran on). */
export const CONTENT_MEANINGS: Readonly<Record<keyof ContentRealism, string>> = Object.freeze({
  redundantStyle: 'pause when paused / resume when playing: 204, 403 with the reason, or 403 UNKNOWN',
  enforceDisallows: 'a command whose actions.disallows flag is set is refused (403)',
  restrictedDevice: '"Living Room TV" is restricted: every command on it → DEVICE_NOT_CONTROLLABLE',
  nullIdDevice: '"Office Speaker Group" is listed with id null (it cannot be addressed)',
  vanishingDevices: '"Pixel Phone" and "Kitchen Speaker" drop out of the device list now and then',
  ads: 'an ad (currently_playing_type "ad", no item, no length) after every few tracks',
  adEveryTracks: 'tracks between ads (absent: seeded, 3 to 6)',
  episodes: 'podcast episodes play (the item needs additional_types=episode)',
  localFiles: 'local files (is_local, spotify:local: URIs, no id) in a playlist',
  markets: "tracks unplayable in the user's market (is_playable false), relinked ones with linked_from",
  followedPlaylists: "other users' public playlists in /me/playlists; adding to them → 403",
  artistOffsetRefused: 'play of an artist context with an offset → 400',
});

export const LENIENT_CONTENT: ContentRealism = Object.freeze({
  redundantStyle: 'succeed',
  enforceDisallows: false,
  restrictedDevice: false,
  nullIdDevice: false,
  vanishingDevices: false,
  ads: false,
  episodes: false,
  localFiles: false,
  markets: false,
  followedPlaylists: false,
  artistOffsetRefused: false,
});

export const REALISTIC_CONTENT: ContentRealism = Object.freeze({
  redundantStyle: 'reason',
  enforceDisallows: true,
  restrictedDevice: true,
  nullIdDevice: true,
  vanishingDevices: true,
  ads: true,
  episodes: true,
  localFiles: true,
  markets: true,
  followedPlaylists: true,
  artistOffsetRefused: true,
});
