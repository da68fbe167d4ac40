import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { errorMessage } from '../api.ts';
import { useServices } from '../context.ts';

/**
 * A read-only value with a Copy button. The copy goes through main (`ui.copyText`): the renderer's own
 * clipboard permission is refused by design. If that fails, the text is selected for Ctrl+C and the field
 * says why.
 */
export function CopyField({ id, label, value }: { id: string; label: string; value: string }): JSX.Element {
  const { api, store } = useServices();
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState('');
  const [failed, setFailed] = useState(false);

  const copy = (): void => {
    const done = (text: string, failure: boolean): void => {
      setStatus(text);
      setFailed(failure);
      store.announce(text);
    };
    api.ui.copyText({ text: value }).then(
      () => done('Copied', false),
      (error: unknown) => {
        input.current?.focus();
        input.current?.select();
        done(
          `Could not copy: ${errorMessage(error)} The text is selected: press Ctrl+C (⌘C on a Mac).`,
          true,
        );
      },
    );
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
      <p class={`field-note${failed ? ' invalid' : ''}`} aria-hidden="true" data-testid={`${id}-copy-status`}>
        {status}
      </p>
    </div>
  );
}
