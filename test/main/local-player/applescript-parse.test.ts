import { describe, expect, it } from 'vitest';
import { AppleScriptParseError, parseStateRecord } from '../../../src/main/local-player/applescript-parse.ts';
import { FIELD_SEPARATOR, RECORD_END } from '../../../src/main/local-player/applescript-scripts.ts';
import { NOT_RUNNING_RECORD, PLAYING_FIELDS, stateRecord } from './applescript-record.ts';

function stateOf(output: string) {
  const reading = parseStateRecord(output);
  if (!reading.running) throw new Error('expected a running reading');
  return reading.state;
}

describe('parseStateRecord', () => {
  it('reads a song that is playing into the port state', () => {
    expect(stateOf(stateRecord())).toEqual({
      status: 'playing',
      trackUri: 'spotify:track:4uLU6hMCjMI75M1A2tKUQC',
      title: 'Never Gonna Give You Up',
      artists: ['Rick Astley'],
      album: 'Whenever You Need Somebody',
      artUrl: 'https://i.scdn.co/image/ab67616d0000b273aaaaaaaaaaaaaaaaaaaaaaaa',
      durationMs: 213_573,
      positionMs: 12_500,
      volume: 0.64,
      shuffle: false,
      loop: 'playlist',
    });
  });

  it('reads paused and stopped, and an unknown player state as stopped', () => {
    expect(stateOf(stateRecord({ playerState: 'paused' })).status).toBe('paused');
    expect(stateOf(stateRecord({ playerState: 'stopped' })).status).toBe('stopped');
    expect(stateOf(stateRecord({ playerState: 'kPSS' })).status).toBe('stopped');
  });

  it('reads Spotify not running', () => {
    expect(parseStateRecord(NOT_RUNNING_RECORD)).toEqual({ running: false });
  });

  it('keeps commas, newlines, quotes and tabs in titles', () => {
    const name = 'Hello, Goodbye\n(Remastered "2009")\tLive';
    const state = stateOf(
      stateRecord({ name, album: 'Magical Mystery Tour, Deluxe', artist: 'The Beatles' }),
    );
    expect(state.title).toBe(name);
    expect(state.album).toBe('Magical Mystery Tour, Deluxe');
  });

  it('reads a stopped Spotify with no current track: every track field empty is null', () => {
    const state = stateOf(
      stateRecord({
        playerState: 'stopped',
        id: '',
        name: '',
        artist: '',
        album: '',
        artworkUrl: '',
        durationMs: '',
        positionSeconds: '0',
      }),
    );
    expect(state).toMatchObject({
      status: 'stopped',
      trackUri: null,
      title: null,
      artists: [],
      album: null,
      artUrl: null,
      durationMs: null,
      positionMs: 0,
    });
  });

  it('reads missing and odd fields as null', () => {
    const state = stateOf(
      stateRecord({
        artworkUrl: 'missing value',
        soundVolume: '',
        shuffling: 'missing value',
        repeating: '',
        id: 'not a uri',
        durationMs: 'abc',
      }),
    );
    expect(state).toMatchObject({
      artUrl: null,
      volume: null,
      shuffle: null,
      loop: null,
      trackUri: null,
      durationMs: null,
    });
  });

  it('reads a position printed with a decimal comma (the user locale)', () => {
    expect(stateOf(stateRecord({ positionSeconds: '83,25' })).positionMs).toBe(83_250);
  });

  it('reads repeating off as loop none, and keeps an episode URI', () => {
    const state = stateOf(stateRecord({ repeating: 'false', id: 'spotify:episode:0Q86acNRm6V9GYx55SXKwf' }));
    expect(state.loop).toBe('none');
    expect(state.trackUri).toBe('spotify:episode:0Q86acNRm6V9GYx55SXKwf');
  });

  it.each([
    ['empty output', ''],
    ['no record end (cut short)', stateRecord().replace(RECORD_END, '')],
    ['a field too many (a separator inside a title)', stateRecord({ name: `a${FIELD_SEPARATOR}b` })],
    [
      'a field too few',
      ['running', ...Object.values(PLAYING_FIELDS).slice(1)].join(FIELD_SEPARATOR) + RECORD_END,
    ],
    ['something else', `hello${RECORD_END}`],
  ])('refuses %s as unreadable-state', (_, output) => {
    expect(() => parseStateRecord(output)).toThrow(AppleScriptParseError);
    expect(() => parseStateRecord(output)).toThrow(expect.objectContaining({ code: 'unreadable-state' }));
  });
});
