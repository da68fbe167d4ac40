/** The mini-player's own keys (not the global shortcuts main registers): pure mapping, unit-tested. */

export type KeyAction =
  | 'togglePlay'
  | 'seekBack'
  | 'seekForward'
  | 'volumeUp'
  | 'volumeDown'
  | 'next'
  | 'previous'
  | 'toggleLike'
  | 'toggleShuffle'
  | 'cycleRepeat';

/**
 * What the focused element does with keys itself, so ours do not steal them:
 * - text: typing and caret keys (inputs, the search box, textareas, selects, contenteditable);
 * - slider: arrows move it (the sliders handle their own arrows);
 * - button: Space activates it (arrows are free);
 * - row: a row of a list (Liked, a playlist, search results, the queue): arrows move between rows, Space
 *   and Enter play it;
 * - composite: arrows move within it (tabs, radios), Space selects;
 * - menu: arrows move within it and letters may jump to an item (menus, listboxes, comboboxes, trees);
 * - other: nothing (body, headings, panels).
 */
export type FocusKind = 'text' | 'slider' | 'button' | 'row' | 'composite' | 'menu' | 'other';

export interface KeyInput {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  /** Optional for callers that predate the letter keys; a missing value counts as not pressed. */
  readonly shiftKey?: boolean;
  readonly repeat: boolean;
  readonly focus: FocusKind;
}

export const SEEK_STEP_MS = 5_000;
export const VOLUME_STEP = 5;

/** The in-window letter keys (unmodified; never while typing or in a menu): one table for keyAction and Settings. */
export const LETTER_KEYS: readonly {
  readonly key: string;
  readonly action: KeyAction;
  readonly does: string;
}[] = [
  { key: 'N', action: 'next', does: 'Next track' },
  { key: 'P', action: 'previous', does: 'Previous track' },
  { key: 'L', action: 'toggleLike', does: 'Like or unlike what is playing' },
  { key: 'S', action: 'toggleShuffle', does: 'Shuffle on or off' },
  { key: 'R', action: 'cycleRepeat', does: 'Repeat: off, all, one track' },
];

/** Every key the window knows, as Settings lists them (generated from the tables above). */
export function windowKeys(platform: string): readonly { readonly keys: string; readonly does: string }[] {
  const find = platform === 'darwin' ? '⌘F' : 'Ctrl+F';
  return [
    { keys: 'Space', does: 'Play or pause' },
    { keys: '← →', does: `Seek back or forward ${SEEK_STEP_MS / 1000} s` },
    { keys: '↑ ↓', does: `Volume up or down ${VOLUME_STEP} % (in a list: the row above or below)` },
    ...LETTER_KEYS.map(({ key, does }) => ({ keys: key, does })),
    { keys: find, does: 'Search' },
    { keys: 'Home End', does: 'In a list: the first or last row' },
    { keys: 'Enter', does: 'In a list: play the row' },
    { keys: 'Menu, Shift+F10', does: 'In a list: the row’s actions' },
    { keys: 'Esc', does: 'Close a menu or picker, else hide the window' },
  ];
}

const ARROWS: Readonly<Record<string, KeyAction>> = {
  ArrowLeft: 'seekBack',
  ArrowRight: 'seekForward',
  ArrowUp: 'volumeUp',
  ArrowDown: 'volumeDown',
};

export function keyAction(input: KeyInput): KeyAction | null {
  // Modified keys belong to the OS, the browser and the global shortcuts.
  if (input.ctrlKey || input.metaKey || input.altKey) return null;
  const { focus, key } = input;
  if (key === ' ' || key === 'Spacebar') {
    // Holding Space must not flicker play/pause.
    return !input.repeat && (focus === 'other' || focus === 'slider') ? 'togglePlay' : null;
  }
  const arrow = ARROWS[key];
  // On a list row the arrows move between rows: they never seek or change the volume there.
  if (arrow !== undefined) return focus === 'other' || focus === 'button' ? arrow : null;
  if (key.length !== 1 || input.shiftKey === true || input.repeat) return null;
  if (focus === 'text' || focus === 'menu') return null;
  const letter = key.toUpperCase();
  return LETTER_KEYS.find((entry) => entry.key === letter)?.action ?? null;
}

/** Ctrl+F (⌘F on macOS): focus the search box. */
export function isFindKey(
  input: Pick<KeyInput, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>,
  platform: string,
): boolean {
  const primary = platform === 'darwin' ? input.metaKey && !input.ctrlKey : input.ctrlKey && !input.metaKey;
  return primary && !input.altKey && input.shiftKey !== true && input.key.toLowerCase() === 'f';
}

/** The bits of an Element `focusKind` reads (so tests can pass plain objects). */
export interface FocusTarget {
  readonly tagName: string;
  readonly isContentEditable?: boolean;
  getAttribute(name: string): string | null;
}

/** Marks a list row's focusable parts (its play button and its action buttons): focusKind 'row'. */
export const ROW_STOP_ATTRIBUTE = 'data-row-stop';

const TEXT_INPUT_TYPES = new Set([
  'text',
  'search',
  'email',
  'url',
  'tel',
  'password',
  'number',
  'date',
  'time',
  'datetime-local',
  'month',
  'week',
]);
const COMPOSITE_ROLES = new Set(['tab', 'radio', 'gridcell']);
const MENU_ROLES = new Set([
  'menu',
  'menuitem',
  'menuitemradio',
  'menuitemcheckbox',
  'option',
  'listbox',
  'combobox',
  'treeitem',
]);

export function focusKind(el: FocusTarget | null): FocusKind {
  if (el === null) return 'other';
  if (el.isContentEditable === true) return 'text';
  const role = el.getAttribute('role');
  if (role === 'slider') return 'slider';
  if (role === 'textbox' || role === 'searchbox' || role === 'spinbutton') return 'text';
  if (role !== null && MENU_ROLES.has(role)) return 'menu';
  if (role !== null && COMPOSITE_ROLES.has(role)) return 'composite';
  if (el.getAttribute(ROW_STOP_ATTRIBUTE) !== null) return 'row';
  if (role === 'button' || role === 'link' || role === 'checkbox' || role === 'switch') return 'button';
  switch (el.tagName.toUpperCase()) {
    case 'TEXTAREA':
    case 'SELECT':
      return 'text';
    case 'BUTTON':
    case 'A':
    case 'SUMMARY':
      return 'button';
    case 'INPUT': {
      const type = (el.getAttribute('type') ?? 'text').toLowerCase();
      if (type === 'range') return 'slider';
      if (type === 'radio') return 'composite';
      if (TEXT_INPUT_TYPES.has(type)) return 'text';
      return 'button'; // checkbox, button, submit, reset, color, file
    }
    default:
      return 'other';
  }
}

/** For a focused slider: which way an arrow key moves it (left/down lower, right/up higher). */
export function arrowDirection(key: string): -1 | 1 | null {
  if (key === 'ArrowLeft' || key === 'ArrowDown') return -1;
  if (key === 'ArrowRight' || key === 'ArrowUp') return 1;
  return null;
}
