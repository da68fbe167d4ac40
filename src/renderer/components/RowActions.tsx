import type { JSX, TargetedKeyboardEvent } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

/** One action in a row's menu; a disabled one stays focusable (WAI-ARIA) and says why in its description. */
export interface MenuAction {
  readonly label: string;
  readonly run: () => void;
  /** Why it cannot be used now (e.g. "Checking…" while the liked state loads); null when it can. */
  readonly unavailable?: string | null;
}

/**
 * A row's actions as a WAI-ARIA menu: the first item has the focus when it opens; ↑/↓ (wrapping), Home and
 * End move; Enter or Space choose; Escape and Tab close it and give the focus back to the row. Opened by
 * the row's "More actions" button, a right-click, the Menu key or Shift+F10.
 */
export function RowMenu({
  label,
  actions,
  onClose,
}: {
  label: string;
  actions: readonly MenuAction[];
  /** `refocus`: give the focus back to the row (not when it went elsewhere by itself). */
  onClose: (refocus: boolean) => void;
}): JSX.Element {
  const menu = useRef<HTMLDivElement>(null);
  const items = (): HTMLElement[] => [
    ...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []),
  ];

  useEffect(() => {
    menu.current?.scrollIntoView({ block: 'nearest' });
    items()[0]?.focus();
  }, []);

  const onKeyDown = (event: TargetedKeyboardEvent<HTMLDivElement>): void => {
    const all = items();
    const index = all.indexOf(event.target as HTMLElement);
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1 + all.length,
      Home: 0,
      End: all.length - 1,
    };
    const to = moves[event.key];
    if (to !== undefined) all[to % all.length]?.focus();
    else if (event.key === 'Escape' || event.key === 'Tab') onClose(true);
    else if (event.key !== 'Enter' && event.key !== ' ') return;
    // Handled here: not the window's keys, nor App's Escape (which would hide the window). Enter and Space
    // go on to click the item.
    if (event.key !== 'Enter' && event.key !== ' ') event.preventDefault();
    event.stopPropagation();
  };

  return (
    <div
      ref={menu}
      class="row-menu"
      role="menu"
      aria-label={label}
      onKeyDown={onKeyDown}
      onFocusOut={(event) => {
        const to = event.relatedTarget;
        if (!(to instanceof Node) || !menu.current?.contains(to)) onClose(false);
      }}
    >
      {actions.map((action) => {
        const reason = action.unavailable ?? null;
        return (
          <button
            key={action.label}
            type="button"
            role="menuitem"
            class="row-menu-item"
            tabIndex={-1}
            aria-disabled={reason !== null ? 'true' : undefined}
            title={reason ?? undefined}
            onClick={() => {
              if (reason !== null) return;
              onClose(true);
              action.run();
            }}
          >
            {action.label}
          </button>
        );
      })}
    </div>
  );
}
