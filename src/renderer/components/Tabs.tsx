import type { JSX, TargetedKeyboardEvent } from 'preact';
import { useRef } from 'preact/hooks';

export type TabId = 'now' | 'liked' | 'queue' | 'devices' | 'settings';

export const TABS: readonly { readonly id: TabId; readonly label: string }[] = [
  { id: 'now', label: 'Now playing' },
  { id: 'liked', label: 'Liked' },
  { id: 'queue', label: 'Queue' },
  { id: 'devices', label: 'Devices' },
  { id: 'settings', label: 'Settings' },
];

/** The panel switcher (WAI-ARIA tabs, automatic activation): ←/→, Home and End move between tabs. */
export function Tabs({ current, onSelect }: { current: TabId; onSelect: (id: TabId) => void }): JSX.Element {
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const move = (event: TargetedKeyboardEvent<HTMLButtonElement>, index: number): void => {
    const last = TABS.length - 1;
    const to =
      event.key === 'ArrowRight'
        ? (index + 1) % TABS.length
        : event.key === 'ArrowLeft'
          ? (index + last) % TABS.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (to === null) return;
    event.preventDefault();
    const tab = TABS[to];
    if (tab === undefined) return;
    onSelect(tab.id);
    buttons.current[to]?.focus();
  };
  return (
    <div class="tabs" role="tablist" aria-label="Panels">
      {TABS.map((tab, index) => (
        <button
          key={tab.id}
          ref={(el) => {
            buttons.current[index] = el;
          }}
          type="button"
          role="tab"
          id={`tab-${tab.id}`}
          class="tab"
          aria-selected={tab.id === current}
          aria-controls={`panel-${tab.id}`}
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
