import { execFile } from 'node:child_process';

/** Runs one AppleScript and resolves with what it printed; injected so tests need no Mac. */
export type OsascriptRunner = (script: string) => Promise<string>;

/** How long one script may take: Spotify answers in well under a second, a hung one must not stall the poll. */
const OSASCRIPT_TIMEOUT_MS = 5_000;

export type AppleScriptErrorCode =
  'osascript-missing' | 'not-running' | 'automation-refused' | 'timed-out' | 'script-failed';

const MESSAGES: Record<AppleScriptErrorCode, string> = {
  'osascript-missing': 'Traytune could not find osascript, which it needs to talk to Spotify on this Mac.',
  'not-running': 'Spotify is not running on this computer.',
  'automation-refused':
    'Allow Traytune to control Spotify in System Settings › Privacy & Security › Automation.',
  'timed-out': 'Spotify did not answer in time.',
  'script-failed': 'Spotify did not do what Traytune asked.',
};

/** A failure talking to Spotify.app, with a message the user can act on. */
export class AppleScriptError extends Error {
  override readonly name = 'AppleScriptError';
  readonly code: AppleScriptErrorCode;
  constructor(code: AppleScriptErrorCode) {
    super(MESSAGES[code]);
    this.code = code;
  }
}

/** AppleScript's own error numbers, as osascript prints them at the end of stderr: `… (-1743)`. */
const NOT_AUTHORIZED = -1743;
const APP_NOT_RUNNING = -600;
const ERROR_NUMBER = /\((-?\d+)\)\s*$/;

/** The typed error for a failed `execFile('osascript', …)`: missing binary, timeout, or AppleScript's number. */
export function toAppleScriptError(error: unknown): AppleScriptError {
  if (error instanceof AppleScriptError) return error;
  const failure = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    killed?: unknown;
    stderr?: unknown;
  };
  if (failure.code === 'ENOENT') return new AppleScriptError('osascript-missing');
  if (failure.killed === true) return new AppleScriptError('timed-out');
  const stderr = typeof failure.stderr === 'string' ? failure.stderr : '';
  const number = ERROR_NUMBER.exec(stderr)?.[1];
  if (number !== undefined && Number(number) === NOT_AUTHORIZED)
    return new AppleScriptError('automation-refused');
  if (number !== undefined && Number(number) === APP_NOT_RUNNING) return new AppleScriptError('not-running');
  return new AppleScriptError('script-failed');
}

/** The real runner: `osascript -e <script>`, killed after the timeout, never through a shell. */
export const osascriptRunner: OsascriptRunner = (script) =>
  new Promise((resolve, reject) => {
    execFile(
      'osascript',
      ['-e', script],
      { timeout: OSASCRIPT_TIMEOUT_MS, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error) reject(toAppleScriptError(Object.assign(error, { stderr })));
        else resolve(stdout);
      },
    );
  });
