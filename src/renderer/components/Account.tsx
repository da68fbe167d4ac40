import type { JSX } from 'preact';
import type { AppState } from '../../shared/app-state.ts';
import { USER_MESSAGES } from '../../shared/messages.ts';
import { isConsentCancelled } from '../alerts.ts';
import { SignInButton } from './Banners.tsx';
import { CallButton } from './CallButton.tsx';
import { CopyField } from './CopyField.tsx';
import { SetupSteps } from './Onboarding.tsx';

export function SignInError({ app }: { app: AppState }): JSX.Element | null {
  if (app.signInError === null) return null;
  return (
    <div class="banner error" role="alert" data-testid="sign-in-error">
      <p>{app.signInError.message}</p>
    </div>
  );
}

/**
 * Signed out (or never signed in): one button, plus the setup again if the last try failed. Cancel chosen
 * on Spotify's page on purpose is not a setup problem: it gets one short line and the button, no checklist.
 */
export function SignedOut({ app }: { app: AppState }): JSX.Element {
  if (app.signInError !== null && isConsentCancelled(app.signInError)) {
    // Main's sentence for it ("You cancelled on Spotify's page…"): one sentence per situation.
    return (
      <section class="panel centered" data-testid="signed-out" aria-labelledby="signed-out-heading">
        <h2 id="signed-out-heading">Sign in to Spotify</h2>
        <p role="status" data-testid="consent-cancelled">
          {app.signInError.message}
        </p>
        <SignInButton label="Sign in again" primary />
      </section>
    );
  }
  return (
    <section class="panel centered" data-testid="signed-out" aria-labelledby="signed-out-heading">
      <h2 id="signed-out-heading">Sign in to Spotify</h2>
      <p>Traytune opens Spotify’s sign-in page in your browser. Come back here when you have agreed.</p>
      <SignInError app={app} />
      <SignInButton label="Sign in with Spotify" primary />
      <details class="setup-details" open={app.signInError !== null}>
        <summary>Check your Spotify app setup</summary>
        <SetupSteps app={app} />
      </details>
    </section>
  );
}

/**
 * The consent page's address while a sign-in waits, to copy into a browser when none opened. Shared by
 * the sign-in screen and "Switch account".
 */
export function SignInLink({ app }: { app: AppState }): JSX.Element | null {
  if (app.signInLink === null) return null;
  return (
    <div class="sign-in-link">
      <CopyField id="sign-in-link" label="Link to open in your browser" value={app.signInLink} />
    </div>
  );
}

/** Waiting for the browser round trip; Cancel stops the loopback listener. */
export function SigningIn({ app }: { app: AppState }): JSX.Element {
  return (
    <section
      class="panel centered"
      data-testid="signing-in"
      aria-labelledby="signing-in-heading"
      aria-busy="true"
    >
      <h2 id="signing-in-heading">Signing in</h2>
      <progress aria-label="Signing in" />
      <p role="status">Waiting for your browser…</p>
      {/* E.g. the browser did not open: the sign-in goes on waiting for the link below. */}
      <SignInError app={app} />
      <p class="muted">
        Agree in the Spotify page that opened.
        {app.signInLink !== null
          ? ' If no page opened, copy this link into your browser:'
          : ' If no page opened, check your default browser.'}
      </p>
      <SignInLink app={app} />
      <CancelSignInButton />
    </section>
  );
}

/** Stops a sign-in (or an account switch) that waits for the browser. */
export function CancelSignInButton({ label = 'Cancel' }: { label?: string }): JSX.Element {
  return <CallButton label={label} call={({ api }) => api.auth.cancelSignIn()} />;
}

/** The refresh token expired (six months) or was revoked. */
export function ReconnectNeeded({ app }: { app: AppState }): JSX.Element {
  return (
    <section class="panel centered" data-testid="reconnect-needed" aria-labelledby="reconnect-heading">
      <h2 id="reconnect-heading">Reconnect to Spotify</h2>
      <p>{USER_MESSAGES.reconnectReason} Sign in again to keep controlling playback.</p>
      <SignInError app={app} />
      <SignInButton label="Sign in again" primary />
    </section>
  );
}
