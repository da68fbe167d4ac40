import { describe, expect, it } from 'vitest';
import { isMenuKey, listMove } from '../../src/renderer/components/list-navigation.ts';

describe('listMove', () => {
  it('moves one row with ↑/↓ and stops at the ends', () => {
    expect(listMove('ArrowDown', 0, 3)).toBe(1);
    expect(listMove('ArrowDown', 2, 3)).toBe(2);
    expect(listMove('ArrowUp', 2, 3)).toBe(1);
    expect(listMove('ArrowUp', 0, 3)).toBe(0);
  });

  it('jumps to the first and last row with Home and End', () => {
    expect(listMove('Home', 2, 5)).toBe(0);
    expect(listMove('End', 0, 5)).toBe(4);
  });

  it('leaves other keys and empty lists alone', () => {
    expect(listMove('Enter', 1, 3)).toBeNull();
    expect(listMove('ArrowLeft', 1, 3)).toBeNull();
    expect(listMove('ArrowDown', 0, 0)).toBeNull();
  });

  it('goes from outside the list (index -1) to its first row', () => {
    expect(listMove('ArrowDown', -1, 3)).toBe(0);
  });
});

describe('isMenuKey', () => {
  it('is the Menu key or Shift+F10', () => {
    expect(isMenuKey({ key: 'ContextMenu', shiftKey: false })).toBe(true);
    expect(isMenuKey({ key: 'F10', shiftKey: true })).toBe(true);
    expect(isMenuKey({ key: 'F10', shiftKey: false })).toBe(false);
    expect(isMenuKey({ key: 'Enter', shiftKey: true })).toBe(false);
  });
});
