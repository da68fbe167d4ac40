import type { LocalLoopStatus, LocalPlaybackStatus, LocalPlayerState } from './types.ts';
import { FIELD_SEPARATOR, NOT_RUNNING, RECORD_END, RUNNING, STATE_FIELDS } from './applescript-scripts.ts';

/** A read: Spotify is not running, or it is and this is its state. */
export type AppleScriptReading =
  { readonly running: false } | { readonly running: true; readonly state: LocalPlayerState };

/** The read script printed something that is not its record (an answer cut short, another program). */
export class AppleScriptParseError extends Error {
  override readonly name = 'AppleScriptParseError';
  readonly code = 'unreadable-state';
  constructor() {
    super('Traytune could not read what Spotify is playing.');
  }
}

const ANY_SPOTIFY_URI = /^spotify:[a-z]+:[0-9A-Za-z]+$/;

/** osascript ends its output with a newline; the record ends with RECORD_END. */
export function parseStateRecord(output: string): AppleScriptReading {
  const end = output.indexOf(RECORD_END);
  if (end < 0) throw new AppleScriptParseError();
  const fields = output.slice(0, end).split(FIELD_SEPARATOR);
  if (fields[0] === NOT_RUNNING && fields.length === 1) return { running: false };
  if (fields[0] !== RUNNING || fields.length !== STATE_FIELDS.length + 1) throw new AppleScriptParseError();
  const [
    playerState,
    id,
    name,
    artist,
    album,
    artworkUrl,
    durationMs,
    positionSeconds,
    soundVolume,
    shuffling,
    repeating,
  ] = fields.slice(1).map(cleaned);
  const position = number(positionSeconds);
  return {
    running: true,
    state: {
      status: status(playerState),
      // `spotify:track:…`, `spotify:episode:…`, `spotify:ad:…`: whatever Spotify's `id` holds, if it is a URI.
      trackUri: id !== undefined && ANY_SPOTIFY_URI.test(id) ? id : null,
      title: text(name),
      // Spotify's dictionary gives one artist string.
      artists: artist ? [artist] : [],
      album: text(album),
      artUrl: artworkUrl !== undefined && /^https:\/\//.test(artworkUrl) ? artworkUrl : null,
      durationMs: whole(number(durationMs)),
      positionMs: position === null ? null : Math.round(position * 1000),
      volume: volume(number(soundVolume)),
      shuffle: flag(shuffling),
      loop: loop(flag(repeating)),
    },
  };
}

/** AppleScript prints an absent value as the words `missing value`: that is an empty field here. */
function cleaned(field: string): string {
  const value = field.trim();
  return value === 'missing value' ? '' : value;
}

/** Spotify's `player state` as text; anything unknown counts as stopped. */
function status(value: string | undefined): LocalPlaybackStatus {
  return value === 'playing' || value === 'paused' ? value : 'stopped';
}

function text(value: string | undefined): string | null {
  return value ? value : null;
}

/** AppleScript prints reals with the user's decimal separator: `12,5` in many locales. */
function number(value: string | undefined): number | null {
  if (!value) return null;
  const parsed = Number(value.replace(',', '.'));
  return Number.isFinite(parsed) && parsed >= 0 ? parsed : null;
}

function whole(value: number | null): number | null {
  return value === null ? null : Math.round(value);
}

function flag(value: string | undefined): boolean | null {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return null;
}

/** `sound volume` is 0–100; the port's volume is 0..1. */
function volume(value: number | null): number | null {
  return value === null ? null : Math.min(value, 100) / 100;
}

/** `repeating` is one flag: on repeats the whole context (Spotify's dictionary cannot tell track repeat). */
function loop(repeating: boolean | null): LocalLoopStatus | null {
  if (repeating === null) return null;
  return repeating ? 'playlist' : 'none';
}
