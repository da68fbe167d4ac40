import type { JSX } from 'preact';
import type { AppState } from '../../shared/app-state.ts';
import { errorMessage } from '../api.ts';
import { useServices } from '../context.ts';
import { SignInButton } from './Banners.tsx';
import { SetupSteps } from './Onboarding.tsx';

function SignInError({ app }: { app: AppState }): JSX.Element | null {
  if (app.signInError === null) return null;
  return (
    <div class="banner error" role="alert" data-testid="sign-in-error">
      <p>{app.signInError.message}</p>
    </div>
  );
}

/** Signed out (or never signed in): one button, plus the setup again if the last try failed. */
export function SignedOut({ app }: { app: AppState }): JSX.Element {
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

/** Waiting for the browser round trip; Cancel stops the loopback listener. */
export function SigningIn(): JSX.Element {
  const { api, store } = useServices();
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
      <p class="muted">
        Agree in the Spotify page that opened. If no page opened, check your default browser.
      </p>
      <button
        type="button"
        class="secondary-button"
        onClick={() => {
          api.auth.cancelSignIn().catch((e: unknown) => store.update({ localError: errorMessage(e) }));
        }}
      >
        Cancel
      </button>
    </section>
  );
}

/** The refresh token expired (six months) or was revoked. */
export function ReconnectNeeded({ app }: { app: AppState }): JSX.Element {
  return (
    <section class="panel centered" data-testid="reconnect-needed" aria-labelledby="reconnect-heading">
      <h2 id="reconnect-heading">Reconnect to Spotify</h2>
      <p>
        Your Spotify sign-in has expired or was revoked (sign-ins last six months). Sign in again to keep
        controlling playback.
      </p>
      <SignInError app={app} />
      <SignInButton label="Sign in again" primary />
    </section>
  );
}
