import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AppleScriptError,
  osascriptRunner,
  toAppleScriptError,
} from '../../../src/main/local-player/applescript-runner.ts';

const AUTOMATION_MESSAGE =
  'Allow Traytune to control Spotify in System Settings › Privacy & Security › Automation.';

describe('toAppleScriptError', () => {
  it('maps -1743 to automation-refused, with the words that say where to allow it', () => {
    const error = toAppleScriptError({
      stderr: '0:94: execution error: Not authorized to send Apple events to Spotify. (-1743)\n',
    });
    expect(error).toBeInstanceOf(AppleScriptError);
    expect(error.code).toBe('automation-refused');
    expect(error.message).toBe(AUTOMATION_MESSAGE);
  });

  it('maps -600 to not-running', () => {
    const error = toAppleScriptError({
      stderr: "0:31: execution error: Spotify got an error: Application isn't running. (-600)\n",
    });
    expect(error.code).toBe('not-running');
  });

  it('maps a missing osascript (ENOENT) to osascript-missing', () => {
    expect(
      toAppleScriptError(Object.assign(new Error('spawn osascript ENOENT'), { code: 'ENOENT' })).code,
    ).toBe('osascript-missing');
  });

  it('maps a killed script (the timeout) to timed-out', () => {
    expect(toAppleScriptError({ killed: true, signal: 'SIGTERM', stderr: '' }).code).toBe('timed-out');
  });

  it('maps any other failure to script-failed, without the script or stderr in the message', () => {
    const error = toAppleScriptError({ code: 1, stderr: '0:5: syntax error: secret-looking text (-2741)\n' });
    expect(error.code).toBe('script-failed');
    expect(error.message).not.toContain('secret-looking');
    expect(toAppleScriptError('a string').code).toBe('script-failed');
  });
});

describe('osascriptRunner (a real child process)', () => {
  const savedPath = process.env['PATH'];
  let bin: string | undefined;
  afterEach(() => {
    process.env['PATH'] = savedPath;
    if (bin) rmSync(bin, { recursive: true, force: true });
    bin = undefined;
  });

  /** A stand-in `osascript` first on PATH: a shell script with this body. */
  function fakeOsascript(body: string): void {
    bin = mkdtempSync(join(tmpdir(), 'traytune-osascript-'));
    const file = join(bin, 'osascript');
    writeFileSync(file, `#!/bin/sh\n${body}\n`);
    chmodSync(file, 0o755);
    process.env['PATH'] = `${bin}:${savedPath ?? ''}`;
  }

  it('passes the script as one argument after -e and resolves with stdout', async () => {
    fakeOsascript('[ "$1" = "-e" ] || exit 9\nprintf "%s" "$2"');
    await expect(osascriptRunner('tell application "Spotify" to play\nreturn "x, y"')).resolves.toBe(
      'tell application "Spotify" to play\nreturn "x, y"',
    );
  });

  it('rejects with automation-refused when osascript prints -1743', async () => {
    fakeOsascript(
      'echo "0:94: execution error: Not authorized to send Apple events to Spotify. (-1743)" >&2\nexit 1',
    );
    await expect(osascriptRunner('play')).rejects.toMatchObject({
      code: 'automation-refused',
      message: AUTOMATION_MESSAGE,
    });
  });

  it('rejects with osascript-missing where there is no osascript', async () => {
    bin = mkdtempSync(join(tmpdir(), 'traytune-no-osascript-'));
    process.env['PATH'] = bin;
    await expect(osascriptRunner('play')).rejects.toMatchObject({ code: 'osascript-missing' });
  });
});
