import type { JSX, TargetedKeyboardEvent } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useUiState } from '../context.ts';
import { isFindKey } from '../keyboard.ts';
import { focusSearchBox } from './Search.tsx';

export type TabId = 'now' | 'search' | 'library' | 'queue' | 'devices' | 'settings';

export interface TabSpec<T extends string> {
  readonly id: T;
  readonly label: string;
  /** The accessible name when the shown label is a short form of it (the 320 px window has little room). */
  readonly name?: string;
}

const TABS: readonly TabSpec<TabId>[] = [
  { id: 'now', label: 'Now', name: 'Now playing' },
  { id: 'search', label: 'Search' },
  { id: 'library', label: 'Library' },
  { id: 'queue', label: 'Queue' },
  { id: 'devices', label: 'Devices' },
  { id: 'settings', label: 'Settings' },
];

/**
 * The panel switcher, and Library's Liked / Playlists / Albums / Recent (WAI-ARIA tabs, automatic
 * activation): ←/→, Home and End move between tabs. Tab `x` is `#{idPrefix}tab-x` and controls
 * `#{idPrefix}panel-x`. The panels' switcher also takes Ctrl/⌘+F: the Search tab, its box focused.
 */
export function Tabs<T extends string>({
  current,
  onSelect,
  tabs = TABS as unknown as readonly TabSpec<T>[],
  label = 'Panels',
  idPrefix = '',
  className = 'tabs',
}: {
  current: T;
  onSelect: (id: T) => void;
  tabs?: readonly TabSpec<T>[];
  label?: string;
  idPrefix?: string;
  className?: string;
}): JSX.Element {
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const platform = useUiState().app?.desktop.platform ?? 'linux';
  const hasSearch = tabs.some((tab) => tab.id === 'search');
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    if (!hasSearch) return;
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || !isFindKey(event, platform)) return;
      event.preventDefault();
      focusSearchBox();
      select.current('search' as T);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [hasSearch, platform]);

  const move = (event: TargetedKeyboardEvent<HTMLButtonElement>, index: number): void => {
    const last = tabs.length - 1;
    const to =
      event.key === 'ArrowRight'
        ? (index + 1) % tabs.length
        : event.key === 'ArrowLeft'
          ? (index + last) % tabs.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (to === null) return;
    event.preventDefault();
    const tab = tabs[to];
    if (tab === undefined) return;
    onSelect(tab.id);
    buttons.current[to]?.focus();
  };
  return (
    <div class={className} role="tablist" aria-label={label}>
      {tabs.map((tab, index) => (
        <button
          key={tab.id}
          ref={(el) => {
            buttons.current[index] = el;
          }}
          type="button"
          role="tab"
          id={`${idPrefix}tab-${tab.id}`}
          class="tab"
          aria-label={tab.name}
          aria-selected={tab.id === current}
          aria-controls={`${idPrefix}panel-${tab.id}`}
          tabIndex={tab.id === current ? 0 : -1}
          onClick={() => onSelect(tab.id)}
          onKeyDown={(e) => move(e, index)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
