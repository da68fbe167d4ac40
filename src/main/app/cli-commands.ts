/**
 * Command-line commands: `traytune --next` and friends. Parsed on first launch (process.argv) and in the
 * running instance from the `second-instance` argv, which carries the executable, in development the app
 * path, and switches Chromium or Electron add (some of them only on some platforms).
 */

/** What the app can be told to do from outside its window: the command line and global shortcuts. */
export type AppCommand =
  | { readonly type: 'togglePlay' }
  | { readonly type: 'play' }
  | { readonly type: 'pause' }
  | { readonly type: 'next' }
  | { readonly type: 'previous' }
  | { readonly type: 'toggleLike' }
  | { readonly type: 'volumeUp' }
  | { readonly type: 'volumeDown' }
  | { readonly type: 'show' }
  | { readonly type: 'showHide' }
  | { readonly type: 'quit' };

const FLAGS: Readonly<Record<string, AppCommand['type']>> = {
  '--toggle': 'togglePlay',
  '--play': 'play',
  '--pause': 'pause',
  '--next': 'next',
  '--previous': 'previous',
  '--like': 'toggleLike',
  '--volume-up': 'volumeUp',
  '--volume-down': 'volumeDown',
  '--show': 'show',
  '--quit': 'quit',
};

export const CLI_HELP = `Usage: traytune [command]

Controls the running Traytune (starting it first if needed).

Commands:
  --toggle        Play or pause
  --play          Resume playback
  --pause         Pause playback
  --next          Skip to the next track
  --previous      Go back to the previous track
  --like          Save or remove the current track in Liked Songs
  --volume-up     Raise the volume by 5%
  --volume-down   Lower the volume by 5%
  --show          Show the mini-player
  --quit          Quit Traytune
  --help          Show this help
`;

/**
 * Who else writes on our command line: Electron and Chromium (`--no-sandbox`, `--enable-features=…`,
 * `--ozone-platform-hint=…`, `--inspect…`; Chromium has hundreds more), the updaters (electron-updater's
 * `--updated` after an update, Squirrel's `--squirrel-*`), login-item launchers (`--hidden`), the AppImage
 * runtime (`--appimage-*`) and macOS (`-psn_0_12345` from Launch Services; `-AppleLanguages (en)` and
 * `-NS…` user-default overrides, whose value is the next argv item).
 *
 * An unknown option makes the app print an error and exit, so a foreign switch must never count as one.
 * Hence the rule: the known families below are foreign; any other `--` switch is foreign too unless it
 * looks like one of ours (a near miss such as `--nxt`, or a variant such as `--next-track`), which stays
 * an error so a mistyped command is never silently ignored. Single-dash options other than macOS's are
 * errors.
 */
const FOREIGN_SWITCHES = new Set([
  '--allow-file-access-from-files',
  '--in-process-gpu',
  '--inspect',
  '--inspect-brk',
  '--trace-warnings',
  '--updated', // electron-updater (NSIS) starts the updated app with it
  '--force-run',
  '--hidden', // passed by some login-item launchers
]);
const FOREIGN_PREFIXES = [
  '--disable-',
  '--enable-',
  '--force-',
  '--ignore-',
  '--no-',
  '--use-',
  '--ozone-',
  '--gtk-',
  '--proxy-',
  '--log-',
  '--user-data-dir',
  '--squirrel-',
  '--remote-debugging',
  '--inspect',
  '--appimage-',
];
/** macOS user-default overrides (NSArgumentDomain): the switch's value is the next argv item. */
const MACOS_DEFAULTS_PREFIXES = ['-Apple', '-NS'];
/** macOS Launch Services' process serial number (older macOS versions pass it to apps they open). */
const MACOS_PSN_PREFIX = '-psn_';

/** Words our commands are made of, and a few a user might reach for: `--skip`, `--exit`, `--version`. */
const OUR_WORDS = new Set([
  ...Object.keys(FLAGS).map((flag) => flag.slice(2).split('-')[0] ?? ''),
  'help',
  'prev',
  'vol',
  'unlike',
  'hide',
  'exit',
  'skip',
  'version',
]);

export interface ParsedCli {
  /** In command-line order. */
  readonly commands: readonly AppCommand[];
  /** `--help` or `-h` was given. */
  readonly help: boolean;
  /** One line per unknown option, for the terminal. Commands are still parsed around them. */
  readonly errors: readonly string[];
}

/**
 * Parses a whole argv (executable first). Anything not starting with `-` (the executable, the app path in
 * development, a file the OS passed) is ignored, and so are Electron/Chromium switches.
 */
export function parseCliArgs(argv: readonly string[]): ParsedCli {
  const commands: AppCommand[] = [];
  const errors: string[] = [];
  let help = false;
  let positionalOnly = false;

  const args = argv.slice(1);
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    if (positionalOnly || !arg.startsWith('-') || arg === '-') continue;
    if (arg === '--') {
      positionalOnly = true;
      continue;
    }
    if (MACOS_DEFAULTS_PREFIXES.some((prefix) => arg.startsWith(prefix))) {
      index++; // its value, e.g. "(en)" or "YES"
      continue;
    }
    if (arg.startsWith(MACOS_PSN_PREFIX)) continue;
    const [name = arg, value] = splitValue(arg);
    const type = FLAGS[name.toLowerCase()];
    if (type !== undefined && value !== undefined) {
      errors.push(`${name} takes no value (got "${arg}"). Run traytune --help for the commands.`);
    } else if (type !== undefined) {
      commands.push({ type });
    } else if (name === '--help' || name === '-h') {
      help = true;
    } else if (!isForeignSwitch(name)) {
      const suggestion = closestFlag(name);
      errors.push(
        `Unknown option ${name}.${suggestion === undefined ? '' : ` Did you mean ${suggestion}?`} ` +
          'Run traytune --help for the commands.',
      );
    }
  }
  return { commands, help, errors };
}

/** What a second launch asks of the running instance: its commands, or just showing the mini-player. */
export function secondInstanceCommands(argv: readonly string[]): readonly AppCommand[] {
  const parsed = parseCliArgs(argv);
  // A second launch with errors or --help was answered in its own terminal; doing nothing here is right.
  if (parsed.errors.length > 0 || parsed.help) return [];
  return parsed.commands.length > 0 ? parsed.commands : [{ type: 'show' }];
}

function splitValue(arg: string): [string, string | undefined] {
  const at = arg.indexOf('=');
  return at === -1 ? [arg, undefined] : [arg.slice(0, at), arg.slice(at + 1)];
}

function isForeignSwitch(name: string): boolean {
  if (!name.startsWith('--')) return false;
  if (FOREIGN_SWITCHES.has(name)) return true;
  if (FOREIGN_PREFIXES.some((prefix) => name.startsWith(prefix))) return true;
  return !looksLikeOurs(name);
}

/**
 * A near miss of one of our flags (`--nxt`, `--volumeup`, `--hlep`) or a variant built on our words
 * (`--next-track`, `--play-pause`, `--playpause`, `--show-window`; at most two words, as Chromium's own
 * `--show-…` switches have more).
 */
function looksLikeOurs(name: string): boolean {
  const bare = name.replace(/^-+/, '').toLowerCase();
  const words = bare.split(/[-_]/);
  if (words.length <= 2 && OUR_WORDS.has(words[0] ?? '')) return true;
  // Two of our words run together: `--playpause`, `--showhide`.
  for (let cut = 1; cut < bare.length; cut++) {
    if (OUR_WORDS.has(bare.slice(0, cut)) && OUR_WORDS.has(bare.slice(cut))) return true;
  }
  return closestFlag(name) !== undefined;
}

/** The flag of ours (or --help) that `name` is a likely typo of, if any. */
function closestFlag(name: string): string | undefined {
  const compact = (flag: string): string => flag.replace(/^-+/, '').toLowerCase().replace(/[-_]/g, '');
  const typed = compact(name);
  let best: { flag: string; distance: number } | undefined;
  for (const flag of [...Object.keys(FLAGS), '--help']) {
    const target = compact(flag);
    const distance = editDistance(typed, target);
    const allowed = target.length >= 6 ? 2 : 1;
    if (distance <= allowed && (best === undefined || distance < best.distance)) best = { flag, distance };
  }
  return best?.flag;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] ?? [];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        distance = Math.min(distance, at(i - 2, j - 2) + 1);
      }
      row[j] = distance;
    }
  }
  return at(a.length, b.length);
}
