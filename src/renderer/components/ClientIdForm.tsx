import type { JSX, TargetedSubmitEvent } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { errorMessage } from '../api.ts';
import { useServices } from '../context.ts';
import { checkClientId } from '../validation.ts';

/** The Client ID field, checked as typed; saving goes to main, whose IpcError message is shown. */
export function ClientIdForm({ initial }: { initial: string | null }): JSX.Element {
  const { api, store } = useServices();
  const [value, setValue] = useState(initial ?? '');
  const [attempted, setAttempted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const field = useRef<HTMLInputElement>(null);
  const check = checkClientId(value);
  // Flag as invalid once it cannot become valid by typing on, or after a submit.
  const invalid =
    value.trim() !== '' &&
    !check.valid &&
    (attempted || /[^0-9a-f\s]/i.test(value) || value.trim().length > 32);
  const hint =
    check.message !== ''
      ? check.message
      : attempted
        ? 'Enter your app’s Client ID: 32 characters, 0–9 and a–f.'
        : 'On your app’s page in the dashboard, under Settings → Basic Information.';

  const submit = (event: TargetedSubmitEvent<HTMLFormElement>): void => {
    event.preventDefault();
    setAttempted(true);
    setServerError(null);
    if (!check.valid) {
      field.current?.focus();
      return;
    }
    setSaving(true);
    api.app
      .setClientId({ clientId: value.trim() })
      .then((app) => {
        store.update({ app });
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
        ref={field}
        class="mono"
        type="text"
        autoComplete="off"
        spellcheck={false}
        maxLength={64}
        value={value}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby="client-id-hint"
        onInput={(e) => setValue(e.currentTarget.value)}
      />
      <p
        id="client-id-hint"
        class={`field-note ${invalid ? 'invalid' : check.valid ? 'valid' : ''}`}
        aria-live="polite"
      >
        {hint}
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
