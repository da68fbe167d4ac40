import { describe, expect, it } from 'vitest';
import { CLI_HELP, parseCliArgs, secondInstanceCommands } from '../../../src/main/app/cli-commands.ts';

const EXE = '/opt/Traytune/traytune';

describe('parseCliArgs', () => {
  it.each([
    ['--toggle', 'togglePlay'],
    ['--play', 'play'],
    ['--pause', 'pause'],
    ['--next', 'next'],
    ['--previous', 'previous'],
    ['--like', 'toggleLike'],
    ['--volume-up', 'volumeUp'],
    ['--volume-down', 'volumeDown'],
    ['--show', 'show'],
    ['--quit', 'quit'],
  ])('%s → %s', (flag, type) => {
    expect(parseCliArgs([EXE, flag])).toEqual({ commands: [{ type }], help: false, errors: [] });
  });

  it('keeps several commands in order', () => {
    expect(parseCliArgs([EXE, '--next', '--like']).commands).toEqual([
      { type: 'next' },
      { type: 'toggleLike' },
    ]);
  });

  it('ignores the executable and the app path of a development run', () => {
    expect(parseCliArgs(['/usr/lib/electron/electron', '.', '--pause'])).toEqual({
      commands: [{ type: 'pause' }],
      help: false,
      errors: [],
    });
    expect(parseCliArgs(['electron', '/work/main/out/main/index.js']).commands).toEqual([]);
  });

  it('ignores Electron and Chromium switches, with or without a value', () => {
    const argv = [
      EXE,
      '--allow-file-access-from-files',
      '--original-process-start-time=13380000000000000',
      '--enable-features=WaylandWindowDecorations',
      '--ozone-platform-hint=auto',
      '--no-sandbox',
      '--disable-gpu-compositing',
      '--enable-unsafe-swiftshader',
      '--ignore-gpu-blocklist',
      '--inspect=9229',
      '--squirrel-firstrun',
      '--remote-debugging-port=9222',
      '-psn_0_12345',
      '--next',
    ];
    expect(parseCliArgs(argv)).toEqual({ commands: [{ type: 'next' }], help: false, errors: [] });
  });

  it('reports an unknown flag with a pointer to --help', () => {
    const parsed = parseCliArgs([EXE, '--nxt', '--play']);
    expect(parsed.commands).toEqual([{ type: 'play' }]);
    expect(parsed.errors).toEqual(['Unknown option --nxt. Run traytune --help for the commands.']);
  });

  it('refuses a value on one of its own flags', () => {
    expect(parseCliArgs([EXE, '--next=3']).errors[0]).toMatch(/--next takes no value/);
  });

  it('stops at --', () => {
    expect(parseCliArgs([EXE, '--', '--next', '--bogus'])).toEqual({ commands: [], help: false, errors: [] });
  });

  it('recognises --help and -h, and the help names every command', () => {
    expect(parseCliArgs([EXE, '--help']).help).toBe(true);
    expect(parseCliArgs([EXE, '-h']).help).toBe(true);
    for (const flag of [
      '--toggle',
      '--play',
      '--pause',
      '--next',
      '--previous',
      '--like',
      '--volume-up',
      '--volume-down',
      '--show',
      '--quit',
      '--help',
    ]) {
      expect(CLI_HELP).toContain(flag);
    }
  });
});

describe('secondInstanceCommands', () => {
  it('runs the commands of the second launch', () => {
    expect(secondInstanceCommands([EXE, '--toggle'])).toEqual([{ type: 'togglePlay' }]);
  });

  it('shows the mini-player for a plain second launch', () => {
    expect(secondInstanceCommands([EXE, '--allow-file-access-from-files'])).toEqual([{ type: 'show' }]);
  });

  it('does nothing for --help or a mistyped flag (the second launch answered in its terminal)', () => {
    expect(secondInstanceCommands([EXE, '--help'])).toEqual([]);
    expect(secondInstanceCommands([EXE, '--nxt', '--next'])).toEqual([]);
  });
});
