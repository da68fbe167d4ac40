/**
 * The AppleScript text Traytune sends to Spotify.app through `osascript -e`. Every script asks
 * `application "Spotify" is running` first, which does not launch it; a `tell` alone would.
 * Nothing from outside is ever interpolated unchecked: URIs pass `SPOTIFY_URI`, numbers are checked
 * finite and printed by JavaScript (AppleScript source numbers always use `.`).
 */

/** Between the fields of the state record: ASCII unit separator, which no title, name or URL holds. */
export const FIELD_SEPARATOR = '\u001f';
/** After the last field: ASCII record separator, so a cut-off answer is told from a whole one. */
export const RECORD_END = '\u001e';
/** The first field when Spotify is not running (and then the only one). */
export const NOT_RUNNING = 'not-running';
/** The first field when Spotify is running. */
export const RUNNING = 'running';

/** The fields after `running`, in the order the read script prints them. */
export const STATE_FIELDS = [
  'playerState',
  'id',
  'name',
  'artist',
  'album',
  'artworkUrl',
  'durationMs',
  'positionSeconds',
  'soundVolume',
  'shuffling',
  'repeating',
] as const;

/**
 * How each field is read. `player state` is read bare, so a refused Automation permission (-1743) or a
 * Spotify that quit since the check (-600) fails the script; every other field is read on its own in a
 * `try`, so one that fails (no current track, an older Spotify with no artwork url) is empty.
 */
const FIELD_EXPRESSIONS: Record<(typeof STATE_FIELDS)[number], string> = {
  playerState: 'player state',
  id: 'id of current track',
  name: 'name of current track',
  artist: 'artist of current track',
  album: 'album of current track',
  artworkUrl: 'artwork url of current track',
  durationMs: 'duration of current track',
  positionSeconds: 'player position',
  soundVolume: 'sound volume',
  shuffling: 'shuffling',
  repeating: 'repeating',
};

function fieldReader(field: (typeof STATE_FIELDS)[number]): string {
  const read = `  set end of fields to (${FIELD_EXPRESSIONS[field]}) as text`;
  if (field === 'playerState') return read;
  return ['  try', `  ${read}`, '  on error', '    set end of fields to ""', '  end try'].join('\n');
}

/** One call reads the whole state and prints one record (see `parseStateRecord`). */
export const READ_STATE_SCRIPT = [
  `if application "Spotify" is not running then return "${NOT_RUNNING}" & (ASCII character 30)`,
  'tell application "Spotify"',
  `  set fields to {"${RUNNING}"}`,
  ...STATE_FIELDS.map(fieldReader),
  'end tell',
  "set AppleScript's text item delimiters to (ASCII character 31)",
  'set stateText to fields as text',
  'set AppleScript\'s text item delimiters to ""',
  'return stateText & (ASCII character 30)',
].join('\n');

/**
 * The URIs `play track` accepts: a fixed kind and a base-62 ID of 22 characters, nothing else (no quote,
 * backslash or space can get through into the script).
 */
const SPOTIFY_URI = /^spotify:(?:track|album|artist|playlist|episode|show):[0-9A-Za-z]{22}$/;

/** What the local player can be asked to do. */
export type AppleScriptCommand =
  | { readonly kind: 'play' }
  | { readonly kind: 'pause' }
  | { readonly kind: 'playPause' }
  | { readonly kind: 'next' }
  | { readonly kind: 'previous' }
  | { readonly kind: 'openUri'; readonly uri: string }
  | { readonly kind: 'seek'; readonly positionMs: number }
  /** 0–100, Spotify's own scale. */
  | { readonly kind: 'setVolume'; readonly volume: number }
  | { readonly kind: 'setShuffle'; readonly shuffle: boolean }
  | { readonly kind: 'setRepeat'; readonly repeat: boolean };

/** Why a command's script was not built: the caller's input, not Spotify. */
export class AppleScriptInputError extends Error {
  override readonly name = 'AppleScriptInputError';
  readonly code: 'invalid-uri' | 'invalid-argument';
  constructor(code: 'invalid-uri' | 'invalid-argument', message: string) {
    super(message);
    this.code = code;
  }
}

/** The Spotify statement for one command, checked. */
function statement(command: AppleScriptCommand): string {
  switch (command.kind) {
    case 'play':
      return 'play';
    case 'pause':
      return 'pause';
    case 'playPause':
      return 'playpause';
    case 'next':
      return 'next track';
    case 'previous':
      return 'previous track';
    case 'openUri':
      if (!SPOTIFY_URI.test(command.uri))
        throw new AppleScriptInputError('invalid-uri', 'That is not a Spotify link Traytune can open.');
      return `play track "${command.uri}"`;
    case 'seek': {
      if (!Number.isFinite(command.positionMs) || command.positionMs < 0)
        throw new AppleScriptInputError('invalid-argument', 'That position is not in the track.');
      // Seconds with millisecond precision; `toFixed` never prints an exponent for these values.
      return `set player position to ${(command.positionMs / 1000).toFixed(3)}`;
    }
    case 'setVolume': {
      if (!Number.isFinite(command.volume) || command.volume < 0 || command.volume > 100)
        throw new AppleScriptInputError('invalid-argument', 'That volume is out of range.');
      return `set sound volume to ${Math.round(command.volume)}`;
    }
    case 'setShuffle':
      return `set shuffling to ${command.shuffle ? 'true' : 'false'}`;
    case 'setRepeat':
      return `set repeating to ${command.repeat ? 'true' : 'false'}`;
  }
}

/** The script for a command: it does nothing and prints `not-running` when Spotify is not running. */
export function commandScript(command: AppleScriptCommand): string {
  return [
    `if application "Spotify" is not running then return "${NOT_RUNNING}"`,
    `tell application "Spotify" to ${statement(command)}`,
    `return "${RUNNING}"`,
  ].join('\n');
}
