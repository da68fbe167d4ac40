/**
 * Desktop entry files for Linux autostart, written to the freedesktop.org Desktop Entry Specification
 * (1.5): https://specifications.freedesktop.org/desktop-entry-spec/latest/
 *
 * The Exec key is escaped twice, in this order:
 *  1. Exec quoting (section "The Exec key"): an argument holding a reserved character goes in double
 *     quotes, and inside them `"`, `` ` ``, `$` and `\` get a backslash. A literal `%` is `%%` (field
 *     codes start with `%`), quoted or not.
 *  2. String escaping (section "Possible value types"): the value is a string, so `\` becomes `\\` and a
 *     newline, tab or carriage return becomes `\n`, `\t`, `\r`. The spec spells out the result: a literal
 *     backslash inside a quoted argument is four backslashes in the file, a literal `$` is `\\$`.
 */

/** A value a desktop entry cannot represent; the message names the value's part and why. */
export class DesktopEntryError extends Error {
  override readonly name = 'DesktopEntryError';
}

/** The spec's reserved characters: an argument containing one of them must be quoted. */
const RESERVED = /[ \t\n\r"'\\><~|&;$*?#()`]/;
/** Inside double quotes, these four need a backslash. */
const ESCAPED_IN_QUOTES = /["`$\\]/g;
/**
 * Control characters a string value cannot hold. Newline, tab and carriage return have escape sequences
 * and are let through to `escapeString`.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNREPRESENTABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const STRING_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\n': '\\n',
  '\t': '\\t',
  '\r': '\\r',
};

/**
 * Escapes a value of type string or localestring: `\\`, `\n`, `\t`, `\r`, and `\s` for leading spaces
 * (readers drop the whitespace after `=`).
 */
export function escapeString(value: string, what = 'value'): string {
  if (UNREPRESENTABLE.test(value)) {
    throw new DesktopEntryError(`The ${what} contains a control character a desktop entry cannot hold.`);
  }
  return value
    .replace(/[\\\n\t\r]/g, (char) => STRING_ESCAPES[char] ?? char)
    .replace(/^ +/, (spaces) => '\\s'.repeat(spaces.length));
}

/** One argument, quoted if the spec requires it, with `%` doubled (before string escaping). */
function quoteArgument(arg: string): string {
  const quoted =
    arg === '' || RESERVED.test(arg) ? `"${arg.replace(ESCAPED_IN_QUOTES, (char) => `\\${char}`)}"` : arg;
  return quoted.replaceAll('%', '%%');
}

/**
 * The Exec value (what follows `Exec=`) that makes a launcher run exactly `argv`: the program (a full
 * path or a name looked up in $PATH) and its arguments, each passed through unchanged. No field codes
 * are added. Non-ASCII characters (for example in a home folder's name) are kept as UTF-8, as GLib and
 * KDE read them.
 */
export function desktopEntryExec(argv: readonly string[]): string {
  const [program, ...args] = argv;
  if (program === undefined || program === '') {
    throw new DesktopEntryError('The Exec line needs a program to run.');
  }
  // The spec: "The name or path of the executable program may not contain the equal sign". A "%" is
  // legal as "%%", but GLib looks the program up before it expands "%%", so GNOME and other GLib-based
  // desktops cannot start it (checked with gio launch, GLib 2.74).
  for (const char of ['=', '%']) {
    if (program.includes(char)) {
      throw new DesktopEntryError(
        `The program path ${JSON.stringify(program)} contains "${char}", which an autostart entry cannot ` +
          `start. Move the app to a folder without "${char}" in its path.`,
      );
    }
  }
  const exec = [program, ...args].map(quoteArgument).join(' ');
  return escapeString(exec, 'Exec line');
}

export interface AutostartEntryOptions {
  /** The command line to start, program first (see desktopEntryExec). */
  readonly exec: readonly string[];
  /** The name shown in the desktop's startup-applications list. */
  readonly name: string;
  /** An icon name from the icon theme (e.g. `traytune`) or an absolute path to an image. */
  readonly icon: string;
}

/**
 * A complete XDG autostart entry (~/.config/autostart/NAME.desktop, per the Desktop Application
 * Autostart Specification): an application entry that is started at login and hidden from menus.
 */
export function autostartEntry({ exec, name, icon }: AutostartEntryOptions): string {
  if (name.trim() === '') throw new DesktopEntryError('The autostart entry needs a name.');
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.5',
    `Name=${escapeString(name, 'name')}`,
    `Exec=${desktopEntryExec(exec)}`,
    `Icon=${escapeString(icon, 'icon')}`,
    'Terminal=false',
    // Autostart only: the app's own menu entry is the installed .desktop file.
    'NoDisplay=true',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}
