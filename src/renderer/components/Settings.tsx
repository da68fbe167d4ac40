import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AppState } from '../../shared/app-state.ts';
import { USER_MESSAGES } from '../../shared/messages.ts';
import type {
  Settings as SettingsValue,
  SettingsPatch,
  ShortcutAction,
  ShortcutStatus,
} from '../../shared/settings.ts';
import { errorMessage } from '../api.ts';
import { useServices, useUiState } from '../context.ts';
import { localProblems, mediaKeysLine, shortcutLine, SHORTCUTS } from '../shortcut-status.ts';
import { CancelSignInButton, SignInError, SignInLink } from './Account.tsx';
import { LocalPlayerSection } from './LocalPlayerSection.tsx';
import { RequestsSection } from './Requests.tsx';
import { ShortcutRecorder } from './ShortcutRecorder.tsx';
import { WindowKeys } from './WindowKeys.tsx';

type Flag =
  'mediaKeys' | 'notifyOnTrackChange' | 'startAtLogin' | 'alwaysOnTop' | 'pinned' | 'checkForUpdates';

const WAYLAND_NOTE =
  'On Wayland the desktop decides where the mini-player opens, and an app cannot keep itself on top.';

export function SettingsPanel({
  app,
  settings,
}: {
  app: AppState;
  settings: SettingsValue | null;
}): JSX.Element {
  const { api, store } = useServices();
  const { startupShortcuts, startupMediaKeys } = useUiState();
  const [status, setStatus] = useState<ShortcutStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { desktop } = app;
  const { platform } = desktop;

  // Registration can change with any settings change, the desktop's status (Accessibility granted, the
  // portal's answer) and other apps: ask again on each, and when the window is shown again.
  useEffect(() => {
    let live = true;
    const load = (): void => {
      api.settings
        .shortcutStatus()
        .then((s) => live && setStatus(s))
        .catch(() => live && setStatus(null));
    };
    load();
    const onVisible = (): void => {
      if (document.visibilityState === 'visible') load();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      live = false;
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [api, settings, desktop]);

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

  const flag = (
    key: Flag,
    label: string,
    note?: string,
    options: { unavailable?: boolean } = {},
  ): JSX.Element => (
    <Toggle
      id={`setting-${key}`}
      label={label}
      note={note}
      checked={settings?.[key] ?? false}
      disabled={settings === null || options.unavailable === true}
      onChange={(checked) => void save({ [key]: checked })}
    />
  );

  const run = (work: () => Promise<unknown>): void => {
    setError(null);
    work().catch((e: unknown) => setError(errorMessage(e)));
  };

  const problems = settings === null ? {} : localProblems(settings, platform);
  const restartNote = (changed: boolean): boolean => desktop.shortcutChangeNeedsRestart && changed;
  const mediaKeysOn = settings?.mediaKeys ?? false;
  const mediaNote =
    (mediaKeysOn && status !== null
      ? mediaKeysLine(status)
      : 'Turn off if the Spotify app also reacts to them.') +
    (restartNote(startupMediaKeys !== null && settings !== null && settings.mediaKeys !== startupMediaKeys)
      ? ' Restart Traytune for this change to take effect.'
      : '');
  const needsAccessibility =
    mediaKeysOn &&
    (desktop.mediaKeysNeedAccessibility ||
      (status !== null && Object.values(status).includes('needs-accessibility')));

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

      {desktop.updateReady !== null ? (
        <div class="banner info update-ready" data-testid="update-ready">
          <p>Traytune {desktop.updateReady} is downloaded and ready to install.</p>
          <button type="button" class="primary-button" onClick={() => run(() => api.app.installUpdate())}>
            Restart to update
          </button>
        </div>
      ) : null}

      {app.account === 'signed-in' ? (
        <>
          <h3>Account</h3>
          <AccountSection app={app} />
        </>
      ) : null}

      <h3>Spotify on this computer</h3>
      <LocalPlayerSection app={app} />

      <h3>Keys</h3>
      {flag('mediaKeys', 'Media keys', mediaNote)}
      {needsAccessibility ? (
        <div class="banner info" data-testid="accessibility-note">
          <p>
            macOS lets an app see the media keys only if you allow it under Privacy &amp; Security ›
            Accessibility. Turn on Traytune there; the keys work as soon as you do.
          </p>
          <button
            type="button"
            class="secondary-button"
            onClick={() => run(() => api.settings.openAccessibility())}
          >
            Open Accessibility settings
          </button>
        </div>
      ) : null}
      <fieldset class="shortcuts" disabled={settings === null}>
        <legend>Global shortcuts</legend>
        <p class="field-note">
          Off unless you record one: choose Record, then press the keys (Escape cancels, Backspace turns it
          off).
        </p>
        {SHORTCUTS.map((action: ShortcutAction) => {
          const value = settings?.shortcuts[action] ?? null;
          return (
            <ShortcutRecorder
              key={action}
              action={action}
              value={value}
              platform={platform}
              disabled={settings === null}
              line={shortcutLine({
                bound: value !== null,
                local: problems[action],
                reported: status?.[action] ?? null,
                platform,
              })}
              needsRestart={restartNote(startupShortcuts !== null && startupShortcuts[action] !== value)}
              onSave={(next) => save({ shortcuts: { [action]: next } })}
            />
          );
        })}
      </fieldset>

      <h3>Keys in this window</h3>
      <WindowKeys platform={platform} />

      <h3>Window and notifications</h3>
      {desktop.wayland ? (
        <p class="field-note" data-testid="wayland-note">
          {WAYLAND_NOTE}
        </p>
      ) : null}
      {flag('notifyOnTrackChange', 'Notify on track change')}
      {flag('alwaysOnTop', 'Always on top', desktop.wayland ? 'Not available on Wayland.' : undefined, {
        unavailable: desktop.wayland,
      })}
      {flag('pinned', 'Pin the player', 'Keeps it open when it loses focus.')}
      {flag('startAtLogin', 'Start at login')}
      {flag('checkForUpdates', 'Check for updates')}

      <h3>Requests to Spotify</h3>
      <RequestsSection
        app={app}
        budget={settings?.dailyRequestBudget ?? null}
        disabled={settings === null}
        save={save}
      />
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

/**
 * Signed-in user, sign out (forgets the keychain entry) and switching account. Switching keeps the current
 * sign-in until the other account's succeeds (main's `auth:switchAccount`); Cancel leaves it as it was.
 * Sign out asks first, inline: focus goes to "Stay signed in", Escape or it puts things back.
 */
function AccountSection({ app }: { app: AppState }): JSX.Element {
  const { api, store } = useServices();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const signOutButton = useRef<HTMLButtonElement>(null);
  const stayButton = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  // Focus follows the question: onto "Stay signed in" when it opens, back to "Sign out" when it closes.
  useEffect(() => {
    if (confirming) stayButton.current?.focus();
    else if (wasConfirming.current) signOutButton.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  const run = (work: () => Promise<unknown>): void => {
    setBusy(true);
    work()
      .catch((e: unknown) => store.update({ localError: errorMessage(e) }))
      .finally(() => setBusy(false));
  };
  const signOut = (): void => {
    setConfirming(false);
    run(async () => store.update({ app: await api.auth.signOut() }));
  };
  const switchAccount = (): void => run(async () => store.update({ app: await api.auth.switchAccount() }));

  if (app.switchingAccount) {
    return (
      <div class="account" data-testid="switching-account">
        <p role="status">
          Choose the other account on Spotify’s page in your browser. You stay signed in
          {app.userName !== null ? ` as ${app.userName}` : ''} until it succeeds.
        </p>
        <SignInError app={app} />
        <SignInLink app={app} />
        <CancelSignInButton label="Cancel switching" />
      </div>
    );
  }
  return (
    <div class="account" aria-busy={busy ? 'true' : undefined}>
      <p>{app.userName !== null ? `Signed in as ${app.userName}.` : 'Signed in.'}</p>
      {app.signInError !== null ? (
        <p class="inline-error" role="alert" data-testid="switch-account-error">
          {app.signInError.message}
        </p>
      ) : null}
      {confirming ? (
        <div
          class="confirm"
          role="group"
          aria-labelledby="sign-out-question"
          data-testid="sign-out-confirm"
          onKeyDown={(event) => {
            if (event.key !== 'Escape') return;
            event.preventDefault(); // not the window's Escape (hide)
            setConfirming(false);
          }}
        >
          <p id="sign-out-question">
            {USER_MESSAGES.signOutQuestion} {USER_MESSAGES.signOutForgets}
          </p>
          <div class="button-row">
            <button type="button" class="danger-button" disabled={busy} onClick={signOut}>
              Sign out
            </button>
            <button
              ref={stayButton}
              type="button"
              class="secondary-button"
              onClick={() => setConfirming(false)}
            >
              Stay signed in
            </button>
          </div>
        </div>
      ) : (
        <>
          <div class="button-row">
            <button type="button" class="secondary-button" disabled={busy} onClick={switchAccount}>
              Switch account
            </button>
            <button
              ref={signOutButton}
              type="button"
              class="secondary-button"
              disabled={busy}
              onClick={() => setConfirming(true)}
            >
              Sign out…
            </button>
          </div>
          <p class="field-note">{USER_MESSAGES.signOutForgets}</p>
        </>
      )}
    </div>
  );
}
