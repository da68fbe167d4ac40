/** The mini-player's own keys (not the global shortcuts main registers): pure mapping, unit-tested. */

export type KeyAction = 'togglePlay' | 'seekBack' | 'seekForward' | 'volumeUp' | 'volumeDown';

/**
 * What the focused element does with keys itself, so ours do not steal them:
 * - text: typing and caret keys (inputs, textareas, selects, contenteditable);
 * - slider: arrows move it (the sliders handle their own arrows);
 * - button: Space activates it (arrows are free);
 * - composite: arrows move within it (tabs, radios, listboxes, menus), Space selects;
 * - other: nothing (body, headings, panels).
 */
export type FocusKind = 'text' | 'slider' | 'button' | 'composite' | 'other';

export interface KeyInput {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly repeat: boolean;
  readonly focus: FocusKind;
}

export const SEEK_STEP_MS = 5_000;
export const VOLUME_STEP = 5;

export function keyAction(input: KeyInput): KeyAction | null {
  // Modified keys belong to the OS, the browser and the global shortcuts.
  if (input.ctrlKey || input.metaKey || input.altKey) return null;
  const { focus } = input;
  switch (input.key) {
    case ' ':
    case 'Spacebar':
      // Holding Space must not flicker play/pause.
      return !input.repeat && (focus === 'other' || focus === 'slider') ? 'togglePlay' : null;
    case 'ArrowLeft':
      return focus === 'other' || focus === 'button' ? 'seekBack' : null;
    case 'ArrowRight':
      return focus === 'other' || focus === 'button' ? 'seekForward' : null;
    case 'ArrowUp':
      return focus === 'other' || focus === 'button' ? 'volumeUp' : null;
    case 'ArrowDown':
      return focus === 'other' || focus === 'button' ? 'volumeDown' : null;
    default:
      return null;
  }
}

/** The bits of an Element `focusKind` reads (so tests can pass plain objects). */
export interface FocusTarget {
  readonly tagName: string;
  readonly isContentEditable?: boolean;
  getAttribute(name: string): string | null;
}

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
const COMPOSITE_ROLES = new Set([
  'tab',
  'radio',
  'option',
  'menuitem',
  'menuitemradio',
  'menuitemcheckbox',
  'treeitem',
  'gridcell',
  'listbox',
  'combobox',
]);

export function focusKind(el: FocusTarget | null): FocusKind {
  if (el === null) return 'other';
  if (el.isContentEditable === true) return 'text';
  const role = el.getAttribute('role');
  if (role === 'slider') return 'slider';
  if (role === 'textbox' || role === 'searchbox' || role === 'spinbutton') return 'text';
  if (role !== null && COMPOSITE_ROLES.has(role)) return 'composite';
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
