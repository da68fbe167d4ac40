import { describe, expect, it } from 'vitest';
import {
  albumLine,
  clamp,
  countLabel,
  deviceDetail,
  deviceLine,
  formatArtists,
  formatClock,
  formatCountdown,
  formatDate,
  formatDuration,
  formatPosition,
  formatTime,
  playlistLine,
} from '../../src/renderer/format.ts';
import type { AlbumSummary, PlaylistSummary } from '../../src/shared/library.ts';
import type { PlayerDevice } from '../../src/shared/player.ts';

describe('formatTime', () => {
  it('shows m:ss below an hour and h:mm:ss from an hour on', () => {
    expect(formatTime(0)).toBe('0:00');
    expect(formatTime(999)).toBe('0:00');
    expect(formatTime(5_000)).toBe('0:05');
    expect(formatTime(65_432)).toBe('1:05');
    expect(formatTime(59 * 60_000 + 59_999)).toBe('59:59');
    expect(formatTime(3_600_000)).toBe('1:00:00');
    expect(formatTime(3_600_000 + 61_000)).toBe('1:01:01');
  });

  it('treats negative and non-finite values as zero', () => {
    expect(formatTime(-5_000)).toBe('0:00');
    expect(formatTime(Number.NaN)).toBe('0:00');
    expect(formatTime(Number.POSITIVE_INFINITY)).toBe('0:00');
  });

  it('formatPosition reads as "x of y"', () => {
    expect(formatPosition(65_000, 210_000)).toBe('1:05 of 3:30');
  });
});

describe('formatDuration', () => {
  it('rounds up to whole seconds and drops empty units', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(1)).toBe('1 s');
    expect(formatDuration(41_001)).toBe('42 s');
    expect(formatDuration(60_000)).toBe('1 min');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatDuration(3_600_000)).toBe('1 h');
    expect(formatDuration(3_780_000)).toBe('1 h 3 min');
  });

  it('never goes negative', () => {
    expect(formatDuration(-10_000)).toBe('0 s');
  });
});

describe('dates and clock times', () => {
  const at = Date.UTC(2026, 2, 12, 14, 5, 30);
  it('formats in the given locale and zone', () => {
    expect(formatClock(at, 'en-GB', 'UTC')).toBe('14:05:30');
    expect(formatDate(at, 'en-GB', 'UTC')).toBe('12 Mar 2026');
  });
});

describe('small helpers', () => {
  it('joins artists, with a fallback for none', () => {
    expect(formatArtists(['A', 'B'])).toBe('A, B');
    expect(formatArtists([])).toBe('Unknown artist');
  });

  it('clamps', () => {
    expect(clamp(-1, 0, 100)).toBe(0);
    expect(clamp(101, 0, 100)).toBe(100);
    expect(clamp(42, 0, 100)).toBe(42);
  });
});

describe('formatCountdown', () => {
  it('rounds up, so it reads 0:00 only when the time is up', () => {
    expect(formatCountdown(42_000)).toBe('0:42');
    expect(formatCountdown(41_001)).toBe('0:42');
    expect(formatCountdown(1)).toBe('0:01');
    expect(formatCountdown(0)).toBe('0:00');
    expect(formatCountdown(-5_000)).toBe('0:00');
    expect(formatCountdown(Number.NaN)).toBe('0:00');
    expect(formatCountdown(90_000)).toBe('1:30');
    expect(formatCountdown(3_600_000)).toBe('1:00:00');
  });
});

describe('deviceDetail', () => {
  const device = (patch: Partial<PlayerDevice> = {}): PlayerDevice => ({
    id: 'd1',
    name: 'Kitchen',
    type: 'Speaker',
    isActive: false,
    isRestricted: false,
    volumePercent: 40,
    supportsVolume: true,
    ...patch,
  });

  it('says "playing here" only while the active device plays', () => {
    expect(deviceDetail(device({ isActive: true }), true)).toBe('Speaker · playing here');
    expect(deviceDetail(device({ isActive: true }), false)).toBe('Speaker · paused here');
    expect(deviceDetail(device(), true)).toBe('Speaker');
  });

  it('says why a device cannot be chosen', () => {
    expect(deviceDetail(device({ isRestricted: true }), false)).toMatch(
      /^Speaker · can’t be controlled from here: Spotify restricts it/,
    );
    expect(deviceDetail(device({ id: null, isActive: true }), true)).toMatch(
      /^Speaker · can’t be controlled from here: Spotify gives apps no way/,
    );
  });
});

describe('deviceLine', () => {
  const spotify: PlayerDevice = {
    id: null,
    name: 'Spotify',
    type: 'Computer',
    isActive: true,
    isRestricted: false,
    volumePercent: null,
    supportsVolume: false,
  };

  it('says where it plays; in local mode, that it is the player on this computer', () => {
    expect(deviceLine({ ...spotify, id: 'd1', name: 'Kitchen' }, false)).toBe('On Kitchen');
    expect(deviceLine(spotify, true)).toBe('Spotify on this computer');
  });
});

describe('the lines under a playlist or album: one order wherever it is shown', () => {
  const playlist: PlaylistSummary = {
    id: 'p1',
    uri: 'spotify:playlist:p1',
    name: 'Morning Commute',
    ownerName: 'Kai',
    artUrl: null,
    trackCount: 12,
    canAdd: true,
  };
  const album: AlbumSummary = {
    id: 'a1',
    uri: 'spotify:album:a1',
    name: 'Paper Satellites',
    artists: ['Nova Lines', 'Ada'],
    artUrl: null,
    trackCount: 1,
    year: '2019',
  };

  it('counts songs', () => {
    expect(countLabel(1)).toBe('1 song');
    expect(countLabel(0)).toBe('0 songs');
    expect(countLabel(12)).toBe('12 songs');
  });

  it('puts a playlist owner first, then its count; no owner, the count alone', () => {
    expect(playlistLine(playlist)).toBe('Kai · 12 songs');
    expect(playlistLine({ ...playlist, ownerName: null })).toBe('12 songs');
  });

  it('gives an album its artists and year, and its count only when opened', () => {
    expect(albumLine(album)).toBe('Nova Lines, Ada · 2019');
    expect(albumLine(album, true)).toBe('Nova Lines, Ada · 2019 · 1 song');
    expect(albumLine({ ...album, year: null, artists: [] }, true)).toBe('Unknown artist · 1 song');
  });
});
