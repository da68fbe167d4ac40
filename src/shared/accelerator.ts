import type { DesktopPlatform } from './app-state.ts';

/**
 * Electron accelerators (https://www.electronjs.org/docs/latest/api/accelerator) as plain data: which
 * strings Electron can register as a global shortcut, a canonical form for comparing two of them, what a
 * key press records, and how one is shown. Shared: main decides the shortcut statuses with it, the
 * settings page records and shows shortcuts with it.
 */

type Modifier = 'Command' | 'Control' | 'CommandOrControl' | 'Alt' | 'AltGr' | 'Shift' | 'Super';

/** Every modifier name Electron accepts (lower case, as Electron compares them), and what it means. */
const MODIFIER_NAMES: Readonly<Record<string, Modifier>> = {
  command: 'Command',
  cmd: 'Command',
  control: 'Control',
  ctrl: 'Control',
  commandorcontrol: 'CommandOrControl',
  cmdorctrl: 'CommandOrControl',
  alt: 'Alt',
  option: 'Alt',
  altgr: 'AltGr',
  shift: 'Shift',
  super: 'Super',
  meta: 'Super',
};

/** The single characters Electron names as keys (besides letters and digits; `+` is `Plus`). */
const PUNCTUATION = new Set([...')!@#$%^&*(:;=<,_->.?/~`{][|}\\"\'']);

const MEDIA_KEYS = ['MediaNextTrack', 'MediaPreviousTrack', 'MediaStop', 'MediaPlayPause'] as const;
const VOLUME_KEYS = ['VolumeUp', 'VolumeDown', 'VolumeMute'] as const;

/** Named key codes, by their lower-case spelling (Electron ignores case), with their canonical spelling. */
const NAMED_KEYS: ReadonlyMap<string, string> = new Map(
  [
    'Plus',
    'Space',
    'Tab',
    'Capslock',
    'Numlock',
    'Scrolllock',
    'Backspace',
    'Delete',
    'Insert',
    'Return',
    'Enter',
    'Up',
    'Down',
    'Left',
    'Right',
    'Home',
    'End',
    'PageUp',
    'PageDown',
    'Escape',
    'Esc',
    ...VOLUME_KEYS,
    ...MEDIA_KEYS,
    'PrintScreen',
    ...Array.from({ length: 24 }, (_, i) => `F${i + 1}`),
    ...Array.from({ length: 10 }, (_, i) => `num${i}`),
    'numdec',
    'numadd',
    'numsub',
    'nummult',
    'numdiv',
  ].map((name) => [name.toLowerCase(), name]),
);

/** Aliases folded for comparison (`Return` and `Enter` are one key, as are `Esc` and `Escape`). */
const KEY_ALIASES: Readonly<Record<string, string>> = { return: 'enter', esc: 'escape' };

/** Keys that make sense as a global shortcut on their own: nobody types with them. */
const STANDALONE_KEY =
  /^(f([1-9]|1[0-9]|2[0-4])|volume(up|down|mute)|media(nexttrack|previoustrack|stop|playpause))$/;

export interface ParsedAccelerator {
  readonly modifiers: readonly Modifier[];
  /** The key code in its canonical spelling (`A`, `F5`, `Up`, `/`, `MediaPlayPause`, …). */
  readonly key: string;
}

/** Why an accelerator cannot be a global shortcut. */
export type AcceleratorProblem =
  /** Not modifiers joined with `+` and one key (empty parts, two keys, no key, an unknown modifier). */
  | 'malformed'
  /** The last part is not a key Electron knows. */
  | 'unknown-key'
  /** A plain key (or Shift+key): it would take a key away from typing in every app. */
  | 'needs-modifier';

/** Modifiers and key, or null when the string is not `Modifier+…+Key` with known names. */
export function parseAccelerator(accelerator: string): ParsedAccelerator | null {
  const parts = accelerator.split('+').map((part) => part.trim());
  if (parts.some((part) => part === '')) return null;
  const last = parts.pop();
  if (last === undefined) return null;
  const modifiers: Modifier[] = [];
  for (const part of parts) {
    const modifier = MODIFIER_NAMES[part.toLowerCase()];
    if (modifier === undefined) return null;
    modifiers.push(modifier);
  }
  const key = keyCode(last);
  return key === null ? null : { modifiers, key };
}

/**
 * What is wrong with `accelerator` as a global shortcut, or null when Electron can register it. A global
 * shortcut needs a modifier other than Shift (and AltGr, which is how many layouts type characters),
 * unless its key is F1–F24 or a media or volume key. `platform`: on Windows and Linux, Command does
 * nothing, so it does not count as that modifier there; without a platform, it does.
 */
export function acceleratorProblem(
  accelerator: string,
  platform?: DesktopPlatform,
): AcceleratorProblem | null {
  const parts = accelerator.split('+').map((part) => part.trim());
  if (parts.some((part) => part === '')) return 'malformed';
  const last = parts.at(-1) ?? '';
  if (parts.slice(0, -1).some((part) => MODIFIER_NAMES[part.toLowerCase()] === undefined)) return 'malformed';
  if (MODIFIER_NAMES[last.toLowerCase()] !== undefined) return 'malformed';
  const parsed = parseAccelerator(accelerator);
  if (parsed === null) return 'unknown-key';
  if (STANDALONE_KEY.test(parsed.key.toLowerCase())) return null;
  const commandWorks = platform === undefined || platform === 'darwin';
  const enough = parsed.modifiers.some(
    (modifier) => modifier !== 'Shift' && modifier !== 'AltGr' && (modifier !== 'Command' || commandWorks),
  );
  return enough ? null : 'needs-modifier';
}

/** True when Electron can register `accelerator` as a global shortcut (see acceleratorProblem). */
export function isValidAccelerator(accelerator: string, platform?: DesktopPlatform): boolean {
  return acceleratorProblem(accelerator, platform) === null;
}

/**
 * A canonical form for comparing two accelerators: case and modifier order do not matter, aliases are
 * folded, and CommandOrControl becomes Command on macOS and Control elsewhere (so `Ctrl+Alt+P` and
 * `CommandOrControl+Alt+P` collide on Windows and Linux but not on macOS). Strings that do not parse are
 * compared by their lower-cased, trimmed parts.
 */
export function normalizeAccelerator(accelerator: string, platform: DesktopPlatform): string {
  const parts = accelerator
    .split('+')
    .map((part) => part.trim().toLowerCase())
    .filter((part) => part !== '');
  const key = parts.pop() ?? '';
  const modifiers = parts.map((part) => {
    const modifier = MODIFIER_NAMES[part]?.toLowerCase() ?? part;
    if (modifier === 'commandorcontrol') return platform === 'darwin' ? 'command' : 'control';
    return modifier;
  });
  return [...new Set(modifiers)]
    .sort()
    .concat(KEY_ALIASES[key] ?? key)
    .join('+');
}

function keyCode(part: string): string | null {
  if (/^[A-Za-z]$/.test(part)) return part.toUpperCase();
  if (/^[0-9]$/.test(part)) return part;
  if (part.length === 1) return PUNCTUATION.has(part) ? part : null;
  return NAMED_KEYS.get(part.toLowerCase()) ?? null;
}

// ── Recording a shortcut from a key press ───────────────────────────────────────────────────────────

/** The fields of a KeyboardEvent the recorder reads. */
export interface KeyPress {
  /** What the key types on the current layout (`ł`, `Control`, `ArrowUp`, …). */
  readonly key: string;
  /** The physical key (`KeyL`, `Digit1`, `ArrowUp`, …): the same key whatever the layout or AltGr. */
  readonly code: string;
  readonly ctrlKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
  readonly metaKey: boolean;
}

/** Physical keys (KeyboardEvent.code) that are not letters, digits or F-keys, and their Electron names. */
const CODE_KEYS: Readonly<Record<string, string>> = {
  Space: 'Space',
  Tab: 'Tab',
  CapsLock: 'Capslock',
  NumLock: 'Numlock',
  ScrollLock: 'Scrolllock',
  Backspace: 'Backspace',
  Delete: 'Delete',
  Insert: 'Insert',
  Enter: 'Enter',
  NumpadEnter: 'Enter',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  Escape: 'Escape',
  PrintScreen: 'PrintScreen',
  NumpadDecimal: 'numdec',
  NumpadAdd: 'numadd',
  NumpadSubtract: 'numsub',
  NumpadMultiply: 'nummult',
  NumpadDivide: 'numdiv',
  // Punctuation by its place on a US keyboard, the layout Electron's accelerators are named after.
  Minus: '-',
  Equal: '=',
  BracketLeft: '[',
  BracketRight: ']',
  Backslash: '\\',
  Semicolon: ';',
  Quote: "'",
  Backquote: '`',
  Comma: ',',
  Period: '.',
  Slash: '/',
  // Media keys: Chromium names them by `code` and `key` alike.
  MediaPlayPause: 'MediaPlayPause',
  MediaTrackNext: 'MediaNextTrack',
  MediaTrackPrevious: 'MediaPreviousTrack',
  MediaStop: 'MediaStop',
  AudioVolumeUp: 'VolumeUp',
  AudioVolumeDown: 'VolumeDown',
  AudioVolumeMute: 'VolumeMute',
};

/** `key` values of the modifier keys themselves: pressed alone, they record nothing yet. */
const MODIFIER_KEYS = new Set(['Control', 'Shift', 'Alt', 'AltGraph', 'Meta', 'OS', 'Super', 'Hyper']);

/**
 * The Electron accelerator for a key press, or null while only modifiers are held or for a key Electron
 * has no name for. Letters and digits come from `code` (the physical key), so AltGr and the keyboard
 * layout do not change what is recorded (AltGr+L on a Polish layout is Ctrl+Alt+L, not `ł`). The Meta
 * key is Command on macOS and Super elsewhere. The result may still be invalid as a global shortcut
 * (a plain `P`): check it with acceleratorProblem.
 */
export function acceleratorFromKeyEvent(press: KeyPress, platform: DesktopPlatform): string | null {
  if (MODIFIER_KEYS.has(press.key)) return null;
  const key = keyFromPress(press);
  if (key === null) return null;
  const modifiers: Modifier[] = [];
  if (press.ctrlKey) modifiers.push('Control');
  if (press.metaKey) modifiers.push(platform === 'darwin' ? 'Command' : 'Super');
  if (press.altKey) modifiers.push('Alt');
  if (press.shiftKey) modifiers.push('Shift');
  return [...modifiers, key].join('+');
}

function keyFromPress({ code, key }: KeyPress): string | null {
  const letter = /^Key([A-Z])$/.exec(code);
  if (letter) return letter[1] ?? null;
  const digit = /^Digit([0-9])$/.exec(code);
  if (digit) return digit[1] ?? null;
  const numpad = /^Numpad([0-9])$/.exec(code);
  if (numpad) return `num${numpad[1] ?? ''}`;
  if (/^F([1-9]|1[0-9]|2[0-4])$/.test(code)) return code;
  return CODE_KEYS[code] ?? CODE_KEYS[key] ?? null;
}

// ── Showing a shortcut ──────────────────────────────────────────────────────────────────────────────

/** macOS shows modifiers as symbols in this order (⌃⌥⇧⌘), other systems as words (Ctrl+Alt+Shift+Super). */
const MAC_MODIFIERS: readonly [Modifier, string][] = [
  ['Control', '⌃'],
  ['Alt', '⌥'],
  ['AltGr', '⌥'],
  ['Shift', '⇧'],
  ['Command', '⌘'],
  ['CommandOrControl', '⌘'],
  ['Super', '⌘'],
];
const OTHER_MODIFIERS: readonly [Modifier, string][] = [
  ['Control', 'Ctrl'],
  ['CommandOrControl', 'Ctrl'],
  ['Alt', 'Alt'],
  ['AltGr', 'AltGr'],
  ['Shift', 'Shift'],
  ['Super', 'Super'],
  ['Command', 'Super'],
];

const MAC_KEY_NAMES: Readonly<Record<string, string>> = {
  Up: '↑',
  Down: '↓',
  Left: '←',
  Right: '→',
  Enter: '↩',
  Return: '↩',
  Backspace: '⌫',
  Delete: '⌦',
  Escape: '⎋',
  Esc: '⎋',
  Tab: '⇥',
};
const KEY_NAMES: Readonly<Record<string, string>> = {
  Plus: '+',
  Esc: 'Escape',
  Return: 'Enter',
  Capslock: 'Caps Lock',
  Numlock: 'Num Lock',
  Scrolllock: 'Scroll Lock',
  PageUp: 'Page Up',
  PageDown: 'Page Down',
  PrintScreen: 'Print Screen',
  MediaPlayPause: 'Play/Pause key',
  MediaNextTrack: 'Next Track key',
  MediaPreviousTrack: 'Previous Track key',
  MediaStop: 'Stop key',
  VolumeUp: 'Volume Up key',
  VolumeDown: 'Volume Down key',
  VolumeMute: 'Mute key',
  numdec: 'Num .',
  numadd: 'Num +',
  numsub: 'Num -',
  nummult: 'Num *',
  numdiv: 'Num /',
};

/**
 * An accelerator as the platform writes shortcuts: `⌃⌥⇧⌘P` on macOS, `Ctrl+Alt+Shift+P` elsewhere. A
 * string that does not parse is shown as it is.
 */
export function formatAccelerator(accelerator: string, platform: DesktopPlatform): string {
  const parsed = parseAccelerator(accelerator);
  if (parsed === null) return accelerator;
  const mac = platform === 'darwin';
  const order = mac ? MAC_MODIFIERS : OTHER_MODIFIERS;
  const symbols = [...new Set(order.filter(([m]) => parsed.modifiers.includes(m)).map(([, s]) => s))];
  const key = (mac ? MAC_KEY_NAMES[parsed.key] : undefined) ?? KEY_NAMES[parsed.key] ?? numpad(parsed.key);
  return mac ? [...symbols, key].join('') : [...symbols, key].join('+');
}

/** The modifiers of a press still being made, as formatAccelerator shows them (`⌃⌥` / `Ctrl+Alt`). */
export function formatHeldModifiers(press: KeyPress, platform: DesktopPlatform): string {
  const held: Modifier[] = [];
  if (press.ctrlKey) held.push('Control');
  if (press.metaKey) held.push(platform === 'darwin' ? 'Command' : 'Super');
  if (press.altKey) held.push('Alt');
  if (press.shiftKey) held.push('Shift');
  const order = platform === 'darwin' ? MAC_MODIFIERS : OTHER_MODIFIERS;
  const symbols = order.filter(([m]) => held.includes(m)).map(([, s]) => s);
  return platform === 'darwin' ? symbols.join('') : symbols.join('+');
}

function numpad(key: string): string {
  const digit = /^num([0-9])$/.exec(key);
  return digit ? `Num ${digit[1] ?? ''}` : key;
}
