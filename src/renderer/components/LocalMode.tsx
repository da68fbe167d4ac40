import type { JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import type { AppState } from '../../shared/app-state.ts';
import { USER_MESSAGES } from '../../shared/messages.ts';
import { isConsentCancelled } from '../alerts.ts';
import { accountStep, NEEDS_ACCOUNT_COPY, type AccountPanel } from '../local-mode.ts';
import { SignInButton } from './Banners.tsx';
import { cancelSearchBoxFocus } from './Search.tsx';

/**
 * Local mode's parts of the player (no account, Spotify running on this computer): the step towards an
 * account in the banner, and the panels that need one. The window (App) decides when it is local mode.
 */

/** Opens the setup checklist over the window; `from` is the button's id, focused again after Back. */
type OpenSetUp = (from: string) => void;

export interface LocalModeProps {
  readonly app: AppState;
  readonly onSetUp: OpenSetUp;
}

/** The one step that fits the account: "Set up Traytune" (the checklist) or the sign-in. */
function AccountStepButton({
  app,
  onSetUp,
  id,
  primary = false,
}: LocalModeProps & { id: string; primary?: boolean }): JSX.Element {
  const step = accountStep(app.account);
  if (step.kind === 'sign-in') return <SignInButton id={id} label={step.label} primary={primary} />;
  return (
    <button
      id={id}
      type="button"
      class={primary ? 'primary-button' : 'secondary-button'}
      onClick={() => onSetUp(id)}
    >
      {step.label}
    </button>
  );
}

/**
 * The end of local mode's banner: why a reconnect is needed, the last sign-in's failure (a setup problem
 * also gets the checklist, as on the signed-out screen), and the one step towards an account.
 */
export function LocalModeSteps({ app, onSetUp }: LocalModeProps): JSX.Element {
  const error = app.signInError;
  return (
    <>
      {app.account === 'reconnect-needed' ? <p>{USER_MESSAGES.reconnectReason}</p> : null}
      {error !== null && isConsentCancelled(error) ? (
        <p role="status" data-testid="consent-cancelled">
          {error.message}
        </p>
      ) : null}
      {error !== null && !isConsentCancelled(error) ? (
        <div class="banner-note" role="alert" data-testid="sign-in-error">
          <p>{error.message}</p>
          <button
            type="button"
            class="text-button"
            id="local-check-setup"
            onClick={() => onSetUp('local-check-setup')}
          >
            Check your setup
          </button>
        </div>
      ) : null}
      <AccountStepButton app={app} onSetUp={onSetUp} id="local-account-step" />
    </>
  );
}

/** A panel that needs an account (Search, Library, Queue, Devices), in local mode: what it needs, and the step. */
export function NeedsAccountPanel({
  panel,
  app,
  onSetUp,
}: LocalModeProps & { panel: AccountPanel }): JSX.Element {
  const copy = NEEDS_ACCOUNT_COPY[panel];
  // Ctrl/⌘+F brought the user here: the search box it asked for is not coming until they sign in.
  useEffect(() => {
    if (panel === 'search') cancelSearchBoxFocus();
  }, [panel]);
  return (
    <section
      class="panel centered needs-account"
      data-testid={`needs-account-${panel}`}
      aria-labelledby="needs-account-heading"
    >
      <h2 id="needs-account-heading">{copy.title}</h2>
      <p>{copy.text}</p>
      <AccountStepButton app={app} onSetUp={onSetUp} id="panel-account-step" primary />
    </section>
  );
}
