import { describe, expect, it } from 'vitest';
import {
  arrowDirection,
  focusKind,
  keyAction,
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
