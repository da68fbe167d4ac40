import { FIELD_SEPARATOR, RECORD_END } from '../../../src/main/local-player/applescript-scripts.ts';

/** The fields the read script prints for a song that is playing, as osascript would hand them over. */
export const PLAYING_FIELDS = {
  playerState: 'playing',
  id: 'spotify:track:4uLU6hMCjMI75M1A2tKUQC',
  name: 'Never Gonna Give You Up',
  artist: 'Rick Astley',
  album: 'Whenever You Need Somebody',
  artworkUrl: 'https://i.scdn.co/image/ab67616d0000b273aaaaaaaaaaaaaaaaaaaaaaaa',
  durationMs: '213573',
  positionSeconds: '12.5',
  soundVolume: '64',
  shuffling: 'false',
  repeating: 'true',
};

/** The read script's output for these fields: `running`, the fields, the record end, osascript's newline. */
export function stateRecord(fields: Partial<typeof PLAYING_FIELDS> = {}): string {
  const all = { ...PLAYING_FIELDS, ...fields };
  return ['running', ...Object.values(all)].join(FIELD_SEPARATOR) + RECORD_END + '\n';
}

export const NOT_RUNNING_RECORD = `not-running${RECORD_END}\n`;
