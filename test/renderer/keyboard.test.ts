import { describe, expect, it } from 'vitest';
import {
  arrowDirection,
  focusKind,
  isFindKey,
  keyAction,
  LETTER_KEYS,
  windowKeys,
  type FocusKind,
  type FocusTarget,
  type KeyInput,
} from '../../src/renderer/keyboard.ts';

const key = (k: string, focus: FocusKind = 'other', extra: Partial<KeyInput> = {}): KeyInput => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  repeat: false,
  focus,
  ...extra,
});

describe('keyAction', () => {
  it('maps Space, arrows to play/pause, seek and volume when nothing special has focus', () => {
    expect(keyAction(key(' '))).toBe('togglePlay');
    expect(keyAction(key('ArrowLeft'))).toBe('seekBack');
    expect(keyAction(key('ArrowRight'))).toBe('seekForward');
    expect(keyAction(key('ArrowUp'))).toBe('volumeUp');
    expect(keyAction(key('ArrowDown'))).toBe('volumeDown');
    expect(keyAction(key('a'))).toBeNull();
    expect(keyAction(key('Enter'))).toBeNull();
  });

  it('leaves every key to text fields', () => {
    for (const k of [' ', 'ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown']) {
      expect(keyAction(key(k, 'text'))).toBeNull();
    }
  });

  it('leaves Space to buttons but takes arrows there', () => {
    expect(keyAction(key(' ', 'button'))).toBeNull();
    expect(keyAction(key('ArrowLeft', 'button'))).toBe('seekBack');
    expect(keyAction(key('ArrowUp', 'button'))).toBe('volumeUp');
  });

  it('leaves arrows to sliders and composite widgets (tabs, radios)', () => {
    for (const focus of ['slider', 'composite'] as const) {
      for (const k of ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown']) {
        expect(keyAction(key(k, focus))).toBeNull();
      }
    }
    expect(keyAction(key(' ', 'slider'))).toBe('togglePlay');
    expect(keyAction(key(' ', 'composite'))).toBeNull();
  });

  it('never seeks or changes the volume with arrows on a list row; Space there is the row’s own', () => {
    for (const k of ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', ' ']) {
      expect(keyAction(key(k, 'row'))).toBeNull();
    }
    // …while on a plain button the arrows still seek and change the volume.
    expect(keyAction(key('ArrowRight', 'button'))).toBe('seekForward');
    expect(keyAction(key('ArrowDown', 'button'))).toBe('volumeDown');
  });

  it('maps N, P, L, S, R to next, previous, like, shuffle and repeat, in either case', () => {
    expect(keyAction(key('n'))).toBe('next');
    expect(keyAction(key('N'))).toBe('next'); // Caps Lock
    expect(keyAction(key('p'))).toBe('previous');
    expect(keyAction(key('l'))).toBe('toggleLike');
    expect(keyAction(key('s'))).toBe('toggleShuffle');
    expect(keyAction(key('r'))).toBe('cycleRepeat');
    expect(keyAction(key('x'))).toBeNull();
    for (const focus of ['button', 'row', 'slider', 'composite'] as const) {
      expect(keyAction(key('n', focus))).toBe('next');
    }
  });

  it('keeps the letters away from text fields (the search box) and menus, and from Shift, modifiers and repeats', () => {
    for (const focus of ['text', 'menu'] as const) {
      for (const { key: letter } of LETTER_KEYS) {
        expect(keyAction(key(letter.toLowerCase(), focus))).toBeNull();
      }
    }
    expect(keyAction(key('N', 'other', { shiftKey: true }))).toBeNull();
    expect(keyAction(key('n', 'other', { ctrlKey: true }))).toBeNull();
    expect(keyAction(key('n', 'other', { metaKey: true }))).toBeNull();
    expect(keyAction(key('n', 'other', { altKey: true }))).toBeNull();
    // Holding N must not skip track after track.
    expect(keyAction(key('n', 'other', { repeat: true }))).toBeNull();
  });

  it('ignores modified keys and a held Space', () => {
    expect(keyAction(key(' ', 'other', { ctrlKey: true }))).toBeNull();
    expect(keyAction(key('ArrowLeft', 'other', { metaKey: true }))).toBeNull();
    expect(keyAction(key('ArrowUp', 'other', { altKey: true }))).toBeNull();
    expect(keyAction(key(' ', 'other', { repeat: true }))).toBeNull();
    // Holding an arrow keeps seeking.
    expect(keyAction(key('ArrowRight', 'other', { repeat: true }))).toBe('seekForward');
  });
});

function el(tagName: string, attrs: Record<string, string> = {}, isContentEditable = false): FocusTarget {
  return { tagName, isContentEditable, getAttribute: (name) => attrs[name] ?? null };
}

describe('focusKind', () => {
  it('classifies form controls by what they do with keys', () => {
    expect(focusKind(null)).toBe('other');
    expect(focusKind(el('BODY'))).toBe('other');
    expect(focusKind(el('INPUT'))).toBe('text');
    expect(focusKind(el('INPUT', { type: 'search' }))).toBe('text');
    expect(focusKind(el('INPUT', { type: 'range' }))).toBe('slider');
    expect(focusKind(el('INPUT', { type: 'checkbox' }))).toBe('button');
    expect(focusKind(el('INPUT', { type: 'radio' }))).toBe('composite');
    expect(focusKind(el('TEXTAREA'))).toBe('text');
    expect(focusKind(el('SELECT'))).toBe('text');
    expect(focusKind(el('BUTTON'))).toBe('button');
    expect(focusKind(el('A'))).toBe('button');
    expect(focusKind(el('SUMMARY'))).toBe('button');
    expect(focusKind(el('DIV', {}, true))).toBe('text');
  });

  it('tells list rows, menus and type-to-find widgets apart from plain buttons and tabs', () => {
    expect(focusKind(el('BUTTON', { 'data-row-stop': '' }))).toBe('row');
    expect(focusKind(el('BUTTON', { role: 'menuitem' }))).toBe('menu');
    expect(focusKind(el('DIV', { role: 'menu' }))).toBe('menu');
    expect(focusKind(el('DIV', { role: 'listbox' }))).toBe('menu');
    expect(focusKind(el('DIV', { role: 'option' }))).toBe('menu');
    expect(focusKind(el('BUTTON', { role: 'tab' }))).toBe('composite');
    // A menu item inside a row is the menu's.
    expect(focusKind(el('BUTTON', { role: 'menuitem', 'data-row-stop': '' }))).toBe('menu');
  });

  it('lets an ARIA role win over the tag', () => {
    expect(focusKind(el('BUTTON', { role: 'tab' }))).toBe('composite');
    expect(focusKind(el('DIV', { role: 'radio' }))).toBe('composite');
    expect(focusKind(el('DIV', { role: 'slider' }))).toBe('slider');
    expect(focusKind(el('DIV', { role: 'button' }))).toBe('button');
    expect(focusKind(el('DIV', { role: 'textbox' }))).toBe('text');
  });
});

describe('arrowDirection', () => {
  it('lowers with left/down and raises with right/up', () => {
    expect(arrowDirection('ArrowLeft')).toBe(-1);
    expect(arrowDirection('ArrowDown')).toBe(-1);
    expect(arrowDirection('ArrowRight')).toBe(1);
    expect(arrowDirection('ArrowUp')).toBe(1);
    expect(arrowDirection('Home')).toBeNull();
  });
});

describe('isFindKey', () => {
  const find = (extra: Partial<KeyInput>, k = 'f') => ({
    key: k,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    ...extra,
  });

  it('is Ctrl+F on Windows and Linux, ⌘F on macOS', () => {
    expect(isFindKey(find({ ctrlKey: true }), 'linux')).toBe(true);
    expect(isFindKey(find({ ctrlKey: true }, 'F'), 'win32')).toBe(true);
    expect(isFindKey(find({ metaKey: true }), 'darwin')).toBe(true);
    expect(isFindKey(find({ ctrlKey: true }), 'darwin')).toBe(false);
    expect(isFindKey(find({ metaKey: true }), 'linux')).toBe(false);
  });

  it('is not F alone, with more modifiers, or another letter', () => {
    expect(isFindKey(find({}), 'linux')).toBe(false);
    expect(isFindKey(find({ ctrlKey: true, shiftKey: true }), 'linux')).toBe(false);
    expect(isFindKey(find({ ctrlKey: true, altKey: true }), 'linux')).toBe(false);
    expect(isFindKey(find({ ctrlKey: true }, 'g'), 'linux')).toBe(false);
  });
});

describe('windowKeys', () => {
  it('lists every letter key, and search as the platform names it', () => {
    const linux = windowKeys('linux');
    for (const { key: letter, does } of LETTER_KEYS) expect(linux).toContainEqual({ keys: letter, does });
    expect(linux.map((entry) => entry.keys)).toContain('Ctrl+F');
    expect(windowKeys('darwin').map((entry) => entry.keys)).toContain('⌘F');
  });

  it('describes each letter with what keyAction does with it', () => {
    const actions = LETTER_KEYS.map(({ key: letter }) => keyAction(key(letter.toLowerCase())));
    expect(actions).toEqual(['next', 'previous', 'toggleLike', 'toggleShuffle', 'cycleRepeat']);
  });
});
