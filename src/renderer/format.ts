/** Time and text formatting for the mini-player. Pure, so it is unit-tested under Node. */

import type { AlbumSummary, PlaylistSummary } from '../shared/library.ts';
import type { PlayerDevice } from '../shared/player.ts';

/** `m:ss`, or `h:mm:ss` from an hour on; negative or non-finite values count as zero. */
export function formatTime(ms: number): string {
  const total = Number.isFinite(ms) && ms > 0 ? Math.floor(ms / 1000) : 0;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** What a screen reader hears for the progress slider, e.g. "1:05 of 3:30". */
export function formatPosition(positionMs: number, durationMs: number): string {
  return `${formatTime(positionMs)} of ${formatTime(durationMs)}`;
}

/**
 * Time left on a countdown as `m:ss` (`h:mm:ss` from an hour on), rounded up: "0:01" until it is over,
 * "0:00" only then.
 */
export function formatCountdown(ms: number): string {
  return formatTime(Number.isFinite(ms) && ms > 0 ? Math.ceil(ms / 1000) * 1000 : 0);
}

/** A short "how long": "42 s", "2 min 5 s", "1 h 3 min" (rounded up to whole seconds, never negative). */
export function formatDuration(ms: number): string {
  const total = Number.isFinite(ms) && ms > 0 ? Math.ceil(ms / 1000) : 0;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  if (m > 0) return s > 0 ? `${m} min ${s} s` : `${m} min`;
  return `${s} s`;
}

/** A wall-clock time, e.g. "14:05:30" (locale and zone injectable for tests). */
export function formatClock(epochMs: number, locale?: string, timeZone?: string): string {
  return new Date(epochMs).toLocaleTimeString(locale, { timeStyle: 'medium', timeZone });
}

/** A calendar date, e.g. "12 Mar 2026". */
export function formatDate(epochMs: number, locale?: string, timeZone?: string): string {
  return new Date(epochMs).toLocaleDateString(locale, { dateStyle: 'medium', timeZone });
}

export function formatArtists(artists: readonly string[]): string {
  return artists.length > 0 ? artists.join(', ') : 'Unknown artist';
}

/** "1 song", "12 songs". */
export function countLabel(count: number): string {
  return `${count} ${count === 1 ? 'song' : 'songs'}`;
}

/** Parts of a row's line, the missing ones left out: "Kai · 12 songs". */
function joinLine(parts: readonly (string | null)[]): string {
  return parts.filter((part) => part !== null).join(' · ');
}

/** The line under a playlist's name wherever it is listed or opened: "Kai · 12 songs" (owner first). */
export function playlistLine(playlist: PlaylistSummary): string {
  return joinLine([playlist.ownerName, countLabel(playlist.trackCount)]);
}

/**
 * The line under an album's name: "Nova Lines, Ada · 2019" in a list; an opened album adds its count
 * ("… · 2019 · 12 songs").
 */
export function albumLine(album: AlbumSummary, withCount = false): string {
  return joinLine([
    formatArtists(album.artists),
    album.year,
    withCount ? countLabel(album.trackCount) : null,
  ]);
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/**
 * Where playback is, under the title: "On Kitchen". In local mode the device is the player on this
 * computer (named by its own identity, e.g. "Spotify"), and that is what the line says.
 */
export function deviceLine(device: PlayerDevice, local: boolean): string {
  return local ? `${device.name} on this computer` : `On ${device.name}`;
}

/**
 * The line under a device's name: its type, and why it cannot be chosen (restricted, or no ID), or what
 * it is doing ("playing here" only while it plays; the active device paused says so).
 */
export function deviceDetail(device: PlayerDevice, isPlaying: boolean): string {
  if (device.isRestricted)
    return `${device.type} · can’t be controlled from here: Spotify restricts it (use the device itself)`;
  if (device.id === null)
    return `${device.type} · can’t be controlled from here: Spotify gives apps no way to reach it`;
  if (!device.isActive) return device.type;
  return isPlaying ? `${device.type} · playing here` : `${device.type} · paused here`;
}
