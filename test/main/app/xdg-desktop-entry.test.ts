/**
 * The Exec escaping against the spec's own examples, and against a real reader: GLib's `gio launch` parses
 * each generated entry (string unescaping, Exec unquoting, field codes) and runs a script that writes the
 * argv it received.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DesktopEntryError,
  autostartEntry,
  desktopEntryExec,
  escapeString,
} from '../../../src/main/app/xdg-desktop-entry.ts';
import { until } from '../../support/until.ts';

/** Arguments that each exercise one rule; every one must reach the program unchanged. */
const CASES: Readonly<Record<string, readonly string[]>> = {
  'plain words and options': ['--hidden', 'plain', '-x'],
  spaces: ['two words', ' leading', 'trailing ', 'tab\there'],
  'double and single quotes': ['say "hi"', "it's", `"'"`],
  backslashes: ['a\\b', '\\\\server\\share', 'ends\\'],
  'dollar signs': ['$HOME', '${PATH}', 'cost$'],
  backticks: ['`id`', 'a`b'],
  percent: ['100%', '%U', '%%', 'a%fb'],
  'shell characters': ['a;b', 'a|b', 'a&b', '<in>', '~', '*.mp3', 'why?', '#tag', '(x)', 'k=v'],
  'empty argument and newline': ['', 'line\nbreak', 'cr\rhere'],
  'non-ASCII': ['Müsli', 'ラジオ'],
};

describe('desktopEntryExec', () => {
  it('leaves a simple command unquoted', () => {
    expect(desktopEntryExec(['/opt/Traytune/traytune', '--hidden'])).toBe('/opt/Traytune/traytune --hidden');
  });

  it('writes the spec’s examples: four backslashes for one in a quoted argument, \\\\$ for a dollar', () => {
    expect(desktopEntryExec(['prog', 'a\\b'])).toBe('prog "a\\\\\\\\b"');
    expect(desktopEntryExec(['prog', '$x'])).toBe('prog "\\\\$x"');
    // Quote-level escapes are backslashes too, so string escaping doubles them.
    expect(desktopEntryExec(['prog', 'say "hi"'])).toBe('prog "say \\\\"hi\\\\""');
    expect(desktopEntryExec(['prog', '`id`'])).toBe('prog "\\\\`id\\\\`"');
  });

  it('doubles % quoted or not, so no field code is expanded', () => {
    expect(desktopEntryExec(['prog', '%U'])).toBe('prog %%U');
    expect(desktopEntryExec(['prog', '100% sure'])).toBe('prog "100%% sure"');
  });

  it('quotes AppImage paths with spaces or parentheses, and keeps plain ones as they are', () => {
    expect(desktopEntryExec(['/home/ann/Applications/Traytune-1.2.3-x86_64.AppImage'])).toBe(
      '/home/ann/Applications/Traytune-1.2.3-x86_64.AppImage',
    );
    expect(desktopEntryExec(['/home/Jane Doe/Apps/Traytune (1).AppImage', '--hidden'])).toBe(
      '"/home/Jane Doe/Apps/Traytune (1).AppImage" --hidden',
    );
  });

  it('writes newlines as escapes, so the entry stays one line and no key can be injected', () => {
    const exec = desktopEntryExec(['prog', 'x\nExec=evil']);
    expect(exec).not.toContain('\n');
    expect(exec).toBe('prog "x\\nExec=evil"');
  });

  it('refuses what an entry cannot hold, with a typed error', () => {
    expect(() => desktopEntryExec([])).toThrow(DesktopEntryError);
    expect(() => desktopEntryExec([''])).toThrow(/needs a program/);
    expect(() => desktopEntryExec(['/opt/a=b/traytune'])).toThrow(/contains "="/);
    expect(() => desktopEntryExec(['/home/ann/100%/Traytune.AppImage'])).toThrow(/contains "%"/);
    expect(() => desktopEntryExec(['prog', 'bell\u0007'])).toThrow(/control character/);
    expect(() => desktopEntryExec(['prog', 'nul\u0000'])).toThrow(DesktopEntryError);
    // "=" in an argument is fine: only the program may not contain one.
    expect(desktopEntryExec(['prog', '--a=b'])).toBe('prog --a=b');
  });
});

describe('escapeString', () => {
  it('escapes backslash, newline, tab, carriage return and leading spaces', () => {
    expect(escapeString('a\\b\nc\td\re')).toBe('a\\\\b\\nc\\td\\re');
    expect(escapeString('  two')).toBe('\\s\\stwo');
    expect(escapeString('in the middle')).toBe('in the middle');
  });
});

describe('autostartEntry', () => {
  it('is an application entry, hidden from menus, started at login', () => {
    const entry = autostartEntry({
      exec: ['/home/Jane Doe/Traytune.AppImage', '--hidden'],
      name: 'Traytune',
      icon: 'traytune',
    });
    expect(entry).toBe(
      [
        '[Desktop Entry]',
        'Type=Application',
        'Version=1.5',
        'Name=Traytune',
        'Exec="/home/Jane Doe/Traytune.AppImage" --hidden',
        'Icon=traytune',
        'Terminal=false',
        'NoDisplay=true',
        'X-GNOME-Autostart-enabled=true',
        '',
      ].join('\n'),
    );
  });

  it('escapes the name and icon, and refuses an empty name', () => {
    const entry = autostartEntry({ exec: ['prog'], name: 'Tray\ntune', icon: 'C:\\icon' });
    expect(entry).toContain('Name=Tray\\ntune\n');
    expect(entry).toContain('Icon=C:\\\\icon\n');
    expect(() => autostartEntry({ exec: ['prog'], name: ' ', icon: 'x' })).toThrow(DesktopEntryError);
  });
});

const gio = spawnSync('gio', ['version'], { encoding: 'utf8' });
const hasGio = process.platform === 'linux' && gio.status === 0;

describe.skipIf(!hasGio)('read back by GLib (gio launch)', () => {
  const work = mkdtempSync(join(tmpdir(), 'traytune-xdg-'));
  // The program's own path has a space, a dollar sign, a percent sign and parentheses.
  const programDir = join(work, 'my apps $HOME', 'tray (x)');
  const program = join(programDir, 'dump-argv.sh');
  mkdirSync(programDir, { recursive: true });
  writeFileSync(
    program,
    '#!/bin/sh\nout="$TRAYTUNE_ARGV_OUT"\nfor a in "$@"; do printf \'%s\\0\' "$a"; done > "$out.tmp"\nmv "$out.tmp" "$out"\n',
  );
  chmodSync(program, 0o755);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  async function launch(label: string, args: readonly string[]): Promise<string[]> {
    const file = join(work, `${label.replace(/\W+/g, '-')}.desktop`);
    const out = join(work, `${label.replace(/\W+/g, '-')}.argv`);
    writeFileSync(file, autostartEntry({ exec: [program, ...args], name: label, icon: 'traytune' }));
    const run = spawnSync('gio', ['launch', file], {
      encoding: 'utf8',
      env: { ...process.env, TRAYTUNE_ARGV_OUT: out },
    });
    expect(run.status, run.stderr).toBe(0);
    // gio starts the program and returns; wait for the program's output.
    await until(`the argv of ${label}`, () => existsSync(out));
    const received = readFileSync(out, 'utf8').split('\0');
    received.pop(); // after the last NUL
    return received;
  }

  it.each(Object.entries(CASES))('passes %s through unchanged', async (label, args) => {
    expect(await launch(label, args)).toEqual(args);
  });
});
