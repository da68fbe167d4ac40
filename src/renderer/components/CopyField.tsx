import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { useServices } from '../context.ts';

/** A read-only value with a Copy button; without clipboard access it selects the text for Ctrl+C. */
export function CopyField({ id, label, value }: { id: string; label: string; value: string }): JSX.Element {
  const { store } = useServices();
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState('');

  const copy = (): void => {
    const done = (text: string): void => {
      setStatus(text);
      store.announce(text);
    };
    const fallback = (): void => {
      input.current?.focus();
      input.current?.select();
      done('Selected: press Ctrl+C (⌘C on a Mac) to copy');
    };
    // navigator.clipboard is missing in insecure contexts and may be refused; select instead then.
    if (typeof navigator.clipboard?.writeText !== 'function') return fallback();
    navigator.clipboard.writeText(value).then(() => done('Copied'), fallback);
  };

  return (
    <div class="copy-field">
      <label for={id}>{label}</label>
      <div class="copy-row">
        <input
          id={id}
          ref={input}
          class="mono"
          type="text"
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button
          type="button"
          class="secondary-button"
          aria-label={`Copy ${label.toLowerCase()}`}
          onClick={copy}
        >
          Copy
        </button>
      </div>
      <p class="field-note" aria-hidden="true">
        {status}
      </p>
    </div>
  );
}
