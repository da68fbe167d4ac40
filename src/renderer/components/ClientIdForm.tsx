import type { JSX, TargetedSubmitEvent } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { errorMessage } from '../api.ts';
import { useServices, useUiState } from '../context.ts';
import { checkClientId, clientIdField } from '../validation.ts';

/**
 * The Client ID field, checked as typed and on Save; saving goes to main, whose IpcError message is shown.
 * What is typed lives in the store until saved, so the form shows it again wherever it comes back.
 */
export function ClientIdForm({ initial }: { initial: string | null }): JSX.Element {
  const { api, store } = useServices();
  const value = useUiState().clientIdDraft ?? initial ?? '';
  const setValue = (draft: string): void => store.update({ clientIdDraft: draft });
  const [attempted, setAttempted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const check = checkClientId(value);
  // Empty, blank or unfinished: flagged here once Save is tried, and nothing is sent to main.
  const field = clientIdField(value, attempted);

  const submit = (event: TargetedSubmitEvent<HTMLFormElement>): void => {
    event.preventDefault();
    setAttempted(true);
    setServerError(null);
    if (!check.valid) {
      input.current?.focus();
      return;
    }
    setSaving(true);
    api.app
      .setClientId({ clientId: value.trim() })
      .then((app) => {
        store.update({ app, clientIdDraft: null });
        store.announce('Client ID saved');
      })
      .catch((e: unknown) => setServerError(errorMessage(e)))
      .finally(() => setSaving(false));
  };

  return (
    <form class="client-id-form" onSubmit={submit} aria-busy={saving ? 'true' : undefined} noValidate>
      <label for="client-id">Client ID</label>
      <input
        id="client-id"
        ref={input}
        class="mono"
        type="text"
        autoComplete="off"
        spellcheck={false}
        maxLength={64}
        value={value}
        aria-required="true"
        aria-invalid={field.invalid ? 'true' : undefined}
        aria-describedby="client-id-hint"
        onInput={(e) => setValue(e.currentTarget.value)}
      />
      <p
        id="client-id-hint"
        class={`field-note ${field.tone === 'plain' ? '' : field.tone}`}
        aria-live="polite"
      >
        {field.hint}
      </p>
      {serverError !== null ? (
        <p class="inline-error" role="alert">
          {serverError}
        </p>
      ) : null}
      <button type="submit" class="primary-button" disabled={saving}>
        {saving ? 'Saving…' : 'Save Client ID'}
      </button>
    </form>
  );
}
