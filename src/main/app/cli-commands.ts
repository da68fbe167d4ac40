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
 * Switches Electron, Chromium, a debugger or an installer may put on the command line without a value
 * (anything with a value, `--foo=bar`, is theirs too: none of ours takes one). Chromium has hundreds, so
 * whole families go by prefix; none of ours starts with one of these, and a typo of ours still fails.
 */
const FOREIGN_SWITCHES = new Set([
  '--allow-file-access-from-files',
  '--in-process-gpu',
  '--inspect',
  '--inspect-brk',
  '--trace-warnings',
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
  '-psn_',
];

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

  for (const arg of argv.slice(1)) {
    if (positionalOnly || !arg.startsWith('-') || arg === '-') continue;
    if (arg === '--') {
      positionalOnly = true;
      continue;
    }
    const [name = arg, value] = splitValue(arg);
    const type = FLAGS[name.toLowerCase()];
    if (type !== undefined && value !== undefined) {
      errors.push(`${name} takes no value (got "${arg}"). Run traytune --help for the commands.`);
    } else if (type !== undefined) {
      commands.push({ type });
    } else if (name === '--help' || name === '-h') {
      help = true;
    } else if (!isForeignSwitch(name, value)) {
      errors.push(`Unknown option ${name}. Run traytune --help for the commands.`);
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

function isForeignSwitch(name: string, value: string | undefined): boolean {
  if (value !== undefined) return true;
  if (FOREIGN_SWITCHES.has(name)) return true;
  return FOREIGN_PREFIXES.some((prefix) => name.startsWith(prefix));
}
