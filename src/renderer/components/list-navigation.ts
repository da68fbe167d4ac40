import type { TargetedFocusEvent, TargetedKeyboardEvent } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { ROW_STOP_ATTRIBUTE } from '../keyboard.ts';

/**
 * Roving focus for the lists (Liked, a playlist or album, search results, the queue, recently played): the
 * list is one tab stop, ↑/↓ move between rows, Home/End jump to the first and last, ←/→ move between a
 * row's play button and its action buttons. Rows are `[data-row]` elements; their focusable parts carry
 * `data-row-stop` (keyboard.ts's 'row' focus kind, so the window's arrows never seek there).
 */

const ROW = '[data-row]';
const STOP = `[${ROW_STOP_ATTRIBUTE}]`;

/** Where ↑/↓/Home/End go from row `index` of `count`; null for another key (or an empty list). */
export function listMove(key: string, index: number, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case 'ArrowDown':
      return Math.min(index + 1, count - 1);
    case 'ArrowUp':
      return Math.max(index - 1, 0);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/** The Menu key or Shift+F10: open the focused row's actions. */
export function isMenuKey(event: { key: string; shiftKey: boolean }): boolean {
  return event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey);
}

export interface RovingList {
  /** The container's callback ref. */
  readonly ref: (element: HTMLElement | null) => void;
  /** The container, once rendered. */
  readonly container: () => HTMLElement | null;
  readonly onKeyDown: (event: TargetedKeyboardEvent<HTMLElement>) => void;
  readonly onFocusIn: (event: TargetedFocusEvent<HTMLElement>) => void;
}

function rowsOf(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(ROW)];
}

function stopsOf(row: Element): HTMLElement[] {
  return [...row.querySelectorAll<HTMLElement>(STOP)];
}

/**
 * Gives the container's rows one tab stop: the active row's parts are in the tab order, every other row's
 * are not. The active row is the last one focused (the first row until then, or when it went away).
 */
export function useRovingList(): RovingList {
  const ref = useRef<HTMLElement | null>(null);
  const active = useRef<Element | null>(null);
  const attach = useRef((element: HTMLElement | null): void => {
    ref.current = element;
  });

  const sync = (): void => {
    const container = ref.current;
    if (container === null) return;
    const rows = rowsOf(container);
    const current = rows.find((row) => row === active.current) ?? rows[0];
    for (const row of rows) for (const stop of stopsOf(row)) stop.tabIndex = row === current ? 0 : -1;
  };
  // After every render of the list: rows may have come (Load more) or gone.
  useLayoutEffect(sync);

  return {
    ref: attach.current,
    container: () => ref.current,
    onFocusIn(event) {
      const row = event.target instanceof Element ? event.target.closest(ROW) : null;
      if (row === null || row === active.current) return;
      active.current = row;
      sync();
    },
    onKeyDown(event) {
      const container = ref.current;
      const target = event.target;
      if (event.defaultPrevented || container === null || !(target instanceof HTMLElement)) return;
      if (!target.hasAttribute(ROW_STOP_ATTRIBUTE) || event.altKey || event.ctrlKey || event.metaKey) return;
      const row = target.closest(ROW);
      if (row === null) return;
      if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
        const stops = stopsOf(row);
        const to = stops[stops.indexOf(target) + (event.key === 'ArrowRight' ? 1 : -1)];
        event.preventDefault(); // never a seek, even at the row's ends
        to?.focus();
        return;
      }
      const rows = rowsOf(container);
      const to = listMove(event.key, rows.indexOf(row as HTMLElement), rows.length);
      if (to === null) return;
      event.preventDefault();
      const next = rows[to];
      if (next !== undefined) stopsOf(next)[0]?.focus();
    },
  };
}
