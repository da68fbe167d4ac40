import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { AppState } from '../../shared/app-state.ts';
import type {
  Settings as SettingsValue,
  SettingsPatch,
  ShortcutAction,
  ShortcutState,
  ShortcutStatus,
} from '../../shared/settings.ts';
import { errorMessage } from '../api.ts';
import { useServices } from '../context.ts';
import { checkAccelerator } from '../validation.ts';

/** Labels for SHORTCUT_ACTIONS (the list itself lives with zod in src/shared/settings.ts). */
const SHORTCUT_LABELS: Record<ShortcutAction, string> = {
  playPause: 'Play/pause',
  next: 'Next track',
  previous: 'Previous track',
  toggleLike: 'Like/unlike',
  volumeUp: 'Volume up',
  volumeDown: 'Volume down',
  showHide: 'Show/hide player',
};
const SHORTCUTS = Object.keys(SHORTCUT_LABELS) as ShortcutAction[];

const STATUS_TEXT: Record<ShortcutState, string> = {
  registered: 'Active',
  pending: "Waiting for the desktop's approval",
  conflict: 'Taken by another app',
  duplicate: 'Same keys as another shortcut',
  invalid: 'Not a valid shortcut',
  'needs-accessibility': 'Needs Accessibility permission',
  off: 'Off',
};

type Flag =
  'mediaKeys' | 'notifyOnTrackChange' | 'startAtLogin' | 'alwaysOnTop' | 'pinned' | 'checkForUpdates';

export function SettingsPanel({
  app,
  settings,
}: {
  app: AppState;
  settings: SettingsValue | null;
}): JSX.Element {
  const { api, store } = useServices();
  const [status, setStatus] = useState<ShortcutStatus | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Registration can change with any settings change (and other apps), so ask again each time.
  useEffect(() => {
    let live = true;
    api.settings
      .shortcutStatus()
      .then((s) => live && setStatus(s))
      .catch(() => live && setStatus(null));
    return () => {
      live = false;
    };
  }, [api, settings]);

  const save = (patch: SettingsPatch): Promise<boolean> => {
    setError(null);
    return api.settings.update(patch).then(
      (next) => {
        store.update({ settings: next });
        return true;
      },
      (e: unknown) => {
        setError(errorMessage(e));
        return false;
      },
    );
  };

  const flag = (key: Flag, label: string, note?: string): JSX.Element => (
    <Toggle
      id={`setting-${key}`}
      label={label}
      note={note}
      checked={settings?.[key] ?? false}
      disabled={settings === null}
      onChange={(checked) => void save({ [key]: checked })}
    />
  );

  const mediaStatus =
    status === null
      ? undefined
      : `Play/pause key: ${STATUS_TEXT[status.mediaPlayPause]}. Next: ${STATUS_TEXT[status.mediaNext]}. Previous: ${STATUS_TEXT[status.mediaPrevious]}.`;

  return (
    <section
      class="panel settings"
      aria-labelledby="settings-heading"
      aria-busy={settings === null ? 'true' : undefined}
    >
      <h2 id="settings-heading">Settings</h2>
      {error !== null ? (
        <p class="inline-error" role="alert">
          {error}
        </p>
      ) : null}

      <h3>Account</h3>
      <AccountSection app={app} />

      <h3>Keys</h3>
      {flag('mediaKeys', 'Media keys', mediaStatus ?? 'Turn off if the Spotify app also reacts to them.')}
      <fieldset class="shortcuts" disabled={settings === null}>
        <legend>Global shortcuts</legend>
        <p class="field-note">Keys joined with +, e.g. CommandOrControl+Alt+P. Leave empty for none.</p>
        {SHORTCUTS.map((action) => (
          <ShortcutField
            key={action}
            action={action}
            value={settings?.shortcuts[action] ?? null}
            status={status?.[action] ?? null}
            onSave={(value) => save({ shortcuts: { [action]: value } })}
          />
        ))}
      </fieldset>

      <h3>Window and notifications</h3>
      {flag('notifyOnTrackChange', 'Notify on track change')}
      {flag('alwaysOnTop', 'Always on top')}
      {flag('pinned', 'Pin the player', 'Keeps it open when it loses focus.')}
      {flag('startAtLogin', 'Start at login')}
      {flag('checkForUpdates', 'Check for updates')}
    </section>
  );
}

function Toggle(props: {
  id: string;
  label: string;
  note?: string | undefined;
  checked: boolean;
  disabled: boolean;
  onChange: (checked: boolean) => void;
}): JSX.Element {
  return (
    <div class="toggle">
      <input
        id={props.id}
        type="checkbox"
        checked={props.checked}
        disabled={props.disabled}
        aria-describedby={props.note !== undefined ? `${props.id}-note` : undefined}
        onChange={(e) => props.onChange(e.currentTarget.checked)}
      />
      <label for={props.id}>{props.label}</label>
      {props.note !== undefined ? (
        <p id={`${props.id}-note`} class="field-note">
          {props.note}
        </p>
      ) : null}
    </div>
  );
}

/** One accelerator: saved on change (Enter or leaving the field); Escape restores the saved value. */
function ShortcutField(props: {
  action: ShortcutAction;
  value: string | null;
  status: ShortcutState | null;
  onSave: (value: string | null) => Promise<boolean>;
}): JSX.Element {
  const [draft, setDraft] = useState(props.value ?? '');
  const [problem, setProblem] = useState('');
  useEffect(() => setDraft(props.value ?? ''), [props.value]);
  const id = `shortcut-${props.action}`;

  const commit = (): void => {
    const check = checkAccelerator(draft);
    setProblem(check.message);
    if (check.valid && check.value !== props.value) void props.onSave(check.value);
  };

  return (
    <div class="shortcut">
      <label for={id}>{SHORTCUT_LABELS[props.action]}</label>
      <input
        id={id}
        class="mono"
        type="text"
        autoComplete="off"
        spellcheck={false}
        value={draft}
        aria-invalid={problem !== '' ? 'true' : undefined}
        aria-describedby={`${id}-status`}
        onInput={(e) => setDraft(e.currentTarget.value)}
        onChange={commit}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            setDraft(props.value ?? '');
            setProblem('');
          }
        }}
      />
      <span
        id={`${id}-status`}
        class={`shortcut-status ${props.status ?? ''} ${problem !== '' ? 'invalid' : ''}`}
      >
        {problem !== '' ? problem : props.status === null ? '' : STATUS_TEXT[props.status]}
      </span>
    </div>
  );
}

/** Signed-in user, sign out (forgets the keychain entry) and switching account. */
function AccountSection({ app }: { app: AppState }): JSX.Element {
  const { api, store } = useServices();
  const [busy, setBusy] = useState(false);
  const run = (work: () => Promise<unknown>): void => {
    setBusy(true);
    work()
      .catch((e: unknown) => store.update({ localError: errorMessage(e) }))
      .finally(() => setBusy(false));
  };
  const signOut = async (): Promise<void> => store.update({ app: await api.auth.signOut() });
  return (
    <div class="account" aria-busy={busy ? 'true' : undefined}>
      <p>{app.userName !== null ? `Signed in as ${app.userName}.` : 'Signed in.'}</p>
      <div class="button-row">
        <button
          type="button"
          class="secondary-button"
          disabled={busy}
          onClick={() =>
            run(async () => {
              await signOut();
              store.update({ app: await api.auth.signIn() });
            })
          }
        >
          Switch account
        </button>
        <button type="button" class="secondary-button" disabled={busy} onClick={() => run(signOut)}>
          Sign out
        </button>
      </div>
      <p class="field-note">Signing out forgets the sign-in saved in your system keychain.</p>
    </div>
  );
}
