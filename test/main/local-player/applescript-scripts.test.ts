import { describe, expect, it } from 'vitest';
import {
  AppleScriptInputError,
  commandScript,
  READ_STATE_SCRIPT,
  type AppleScriptCommand,
} from '../../../src/main/local-player/applescript-scripts.ts';

const GUARD = 'if application "Spotify" is not running then return "not-running"';

describe('the read script', () => {
  it('is exactly this text', () => {
    const fieldInTry = (expression: string) =>
      [
        '  try',
        `    set end of fields to (${expression}) as text`,
        '  on error',
        '    set end of fields to ""',
        '  end try',
      ].join('\n');
    expect(READ_STATE_SCRIPT).toBe(
      [
        'if application "Spotify" is not running then return "not-running" & (ASCII character 30)',
        'tell application "Spotify"',
        '  set fields to {"running"}',
        '  set end of fields to (player state) as text',
        fieldInTry('id of current track'),
        fieldInTry('name of current track'),
        fieldInTry('artist of current track'),
        fieldInTry('album of current track'),
        fieldInTry('artwork url of current track'),
        fieldInTry('duration of current track'),
        fieldInTry('player position'),
        fieldInTry('sound volume'),
        fieldInTry('shuffling'),
        fieldInTry('repeating'),
        'end tell',
        "set AppleScript's text item delimiters to (ASCII character 31)",
        'set stateText to fields as text',
        'set AppleScript\'s text item delimiters to ""',
        'return stateText & (ASCII character 30)',
      ].join('\n'),
    );
  });

  it('asks whether Spotify runs before its first tell, so it never launches Spotify', () => {
    expect(READ_STATE_SCRIPT.indexOf('is not running')).toBeLessThan(
      READ_STATE_SCRIPT.indexOf('tell application'),
    );
    expect(READ_STATE_SCRIPT.split('\n')[0]).toMatch(/^if application "Spotify" is not running then return /);
  });
});

describe('command scripts', () => {
  const cases: [AppleScriptCommand, string][] = [
    [{ kind: 'play' }, 'play'],
    [{ kind: 'pause' }, 'pause'],
    [{ kind: 'playPause' }, 'playpause'],
    [{ kind: 'next' }, 'next track'],
    [{ kind: 'previous' }, 'previous track'],
    [
      { kind: 'openUri', uri: 'spotify:track:4uLU6hMCjMI75M1A2tKUQC' },
      'play track "spotify:track:4uLU6hMCjMI75M1A2tKUQC"',
    ],
    [
      { kind: 'openUri', uri: 'spotify:playlist:37i9dQZF1DXcBWIGoYBM5M' },
      'play track "spotify:playlist:37i9dQZF1DXcBWIGoYBM5M"',
    ],
    [{ kind: 'seek', positionMs: 83_250 }, 'set player position to 83.250'],
    [{ kind: 'seek', positionMs: 0 }, 'set player position to 0.000'],
    [{ kind: 'setVolume', volume: 42.4 }, 'set sound volume to 42'],
    [{ kind: 'setVolume', volume: 100 }, 'set sound volume to 100'],
    [{ kind: 'setShuffle', shuffle: true }, 'set shuffling to true'],
    [{ kind: 'setRepeat', repeat: false }, 'set repeating to false'],
  ];
  it.each(cases)('%j is guarded by the is-running check', (command, statement) => {
    expect(commandScript(command)).toBe(
      [GUARD, `tell application "Spotify" to ${statement}`, 'return "running"'].join('\n'),
    );
  });

  const badUris = [
    'spotify:track:4uLU6hMCjMI75M1A2tKUQ" & (do shell script "rm -rf ~") & "',
    'spotify:track:4uLU6hMCjMI75M1A2tKUQ',
    'spotify:track:4uLU6hMCjMI75M1A2tKUQCX',
    'spotify:user:someone',
    'https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC',
    'spotify:track:4uLU6hMCjMI75M1A2tKUQC\n',
    '',
  ];
  it.each(badUris)('refuses the URI %j before writing any script', (uri) => {
    expect(() => commandScript({ kind: 'openUri', uri })).toThrow(
      expect.objectContaining({ name: 'AppleScriptInputError', code: 'invalid-uri' }),
    );
  });

  it.each([
    { kind: 'seek', positionMs: -1 },
    { kind: 'seek', positionMs: Number.NaN },
    { kind: 'seek', positionMs: Number.POSITIVE_INFINITY },
    { kind: 'setVolume', volume: 101 },
    { kind: 'setVolume', volume: -0.5 },
    { kind: 'setVolume', volume: Number.NaN },
  ] as AppleScriptCommand[])('refuses %j', (command) => {
    let thrown: unknown;
    try {
      commandScript(command);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppleScriptInputError);
    expect((thrown as AppleScriptInputError).code).toBe('invalid-argument');
  });
});
