import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Store } from '../api.ts';

/**
 * Short confirmations ("Added to the queue", "Link copied") shown for a few seconds at the bottom of the
 * window. Screen readers hear them through the store's live region (`store.announce`), so the toast itself
 * is hidden from them: said once, seen once.
 */

const SHOWN_MS = 4_000;

interface ToastMessage {
  readonly text: string;
  readonly seq: number;
}

let shown: ToastMessage | null = null;
const listeners = new Set<() => void>();

export function showToast(store: Store, text: string): void {
  store.announce(text);
  shown = { text, seq: (shown?.seq ?? 0) + 1 };
  for (const listener of [...listeners]) listener();
}

export function Toast(): JSX.Element | null {
  const [message, setMessage] = useState(shown);
  useEffect(() => {
    const listener = (): void => setMessage(shown);
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, []);
  useEffect(() => {
    if (message === null) return;
    const timer = setTimeout(() => {
      if (shown?.seq === message.seq) shown = null; // a later mount does not show it again
      setMessage(null);
    }, SHOWN_MS);
    return () => clearTimeout(timer);
  }, [message?.seq]);
  if (message === null) return null;
  return (
    <div class="toast" data-testid="toast" aria-hidden="true" key={message.seq}>
      {message.text}
    </div>
  );
}
