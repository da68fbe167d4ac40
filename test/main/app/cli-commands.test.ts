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

  it('ignores what the updaters, launchers and the AppImage runtime pass', () => {
    for (const argv of [
      [EXE, '--updated'],
      [EXE, '--updated', '--force-run'],
      [EXE, '--hidden'],
      [EXE, '--squirrel-install', '1.2.3'],
      [EXE, '--squirrel-updated', '1.2.4'],
      [EXE, '--appimage-extract-and-run'],
    ]) {
      expect(parseCliArgs(argv), argv.join(' ')).toEqual({ commands: [], help: false, errors: [] });
    }
  });

  it('ignores Chromium switches in general, including ones no list names', () => {
    const argv = [
      EXE,
      '--ozone-platform=wayland',
      '--enable-wayland-ime',
      '--wayland-text-input-version=3',
      '--inspect-brk=9230',
      '--js-flags=--max-old-space-size=4096',
      '--password-store=basic',
      '--class=Traytune',
      '--display=:1',
      '--autoplay-policy=no-user-gesture-required',
      '--mute-audio',
      '--kiosk',
      '--single-process',
      '--test-type',
      '--lang=pl',
      '--v=1',
      '--show-fps-counter',
      '--previous',
    ];
    expect(parseCliArgs(argv)).toEqual({ commands: [{ type: 'previous' }], help: false, errors: [] });
  });

  it('ignores macOS’s -psn_ switch and its -Apple…/-NS… defaults together with their values', () => {
    const argv = [
      '/Applications/Traytune.app/Contents/MacOS/Traytune',
      '-psn_0_12345',
      '-AppleLanguages',
      '(en)',
      '-ApplePersistenceIgnoreState',
      'YES',
      '-NSDocumentRevisionsDebugMode',
      'YES',
      '--toggle',
    ];
    expect(parseCliArgs(argv)).toEqual({ commands: [{ type: 'togglePlay' }], help: false, errors: [] });
    // The value is the next item whatever it looks like, as NSUserDefaults reads it.
    expect(parseCliArgs([EXE, '-AppleTextDirection', '-1', '--next']).commands).toEqual([{ type: 'next' }]);
  });

  it('reports an unknown flag with a pointer to --help, and suggests the flag it is a typo of', () => {
    const parsed = parseCliArgs([EXE, '--nxt', '--play']);
    expect(parsed.commands).toEqual([{ type: 'play' }]);
    expect(parsed.errors).toEqual([
      'Unknown option --nxt. Did you mean --next? Run traytune --help for the commands.',
    ]);
    expect(parseCliArgs([EXE, '--version']).errors).toEqual([
      'Unknown option --version. Run traytune --help for the commands.',
    ]);
  });

  it.each([
    ['--nxt', '--next'],
    ['--NEXT-', '--next'],
    ['--paus', '--pause'],
    ['--hlep', '--help'],
    ['--volumeup', '--volume-up'],
    ['--volume_down', '--volume-down'],
    ['--previuos', '--previous'],
    ['--toogle', '--toggle'],
    ['--quite', '--quit'],
  ])('%s is a typo of %s: an error, never ignored', (typo, meant) => {
    expect(parseCliArgs([EXE, typo]).errors).toEqual([
      `Unknown option ${typo}. Did you mean ${meant}? Run traytune --help for the commands.`,
    ]);
  });

  it.each([
    '--next-track',
    '--play-pause',
    '--playpause',
    '--show-window',
    '--skip',
    '--exit',
    '--hide',
    '--prev',
    '--volume=50',
    '--like-song',
    '-n',
    '-next',
  ])('%s looks like one of ours: an error, never ignored', (option) => {
    const parsed = parseCliArgs([EXE, option, '--next']);
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]).toMatch(/^Unknown option .+ Run traytune --help for the commands\.$/);
    expect(parsed.commands).toEqual([{ type: 'next' }]);
  });

  it('refuses a value on one of its own flags', () => {
    expect(parseCliArgs([EXE, '--next=3']).errors[0]).toMatch(/--next takes no value/);
  });

  it('stops at --', () => {
    expect(parseCliArgs([EXE, '--', '--next', '--bogus'])).toEqual({ commands: [], help: false, errors: [] });
  });

  it('keeps the help true: every option it lists is parsed, as a command or as --help', () => {
    const listed = [...CLI_HELP.matchAll(/^ {2}(--[a-z-]+)/gm)].map((match) => match[1] ?? '');
    expect(listed.length).toBeGreaterThan(5);
    for (const option of listed) {
      const parsed = parseCliArgs([EXE, option]);
      expect(parsed.errors, option).toEqual([]);
      expect(parsed.commands.length + (parsed.help ? 1 : 0), option).toBe(1);
    }
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
