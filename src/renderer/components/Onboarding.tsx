import type { JSX } from 'preact';
import type { AppState } from '../../shared/app-state.ts';
import { ClientIdForm } from './ClientIdForm.tsx';
import { CopyField } from './CopyField.tsx';
import { DashboardButton } from './Banners.tsx';

/**
 * First run: Traytune uses the user's own Spotify app (development-mode apps allow five users and no
 * shared client ID), so the steps walk through creating one.
 */
export function Onboarding({ app }: { app: AppState }): JSX.Element {
  return (
    <section class="panel onboarding" data-testid="onboarding" aria-labelledby="onboarding-heading">
      <h2 id="onboarding-heading">Set up Traytune</h2>
      <p>Traytune talks to Spotify through your own free Spotify app. It takes about two minutes, once.</p>
      <SetupSteps app={app} />
      <p class="muted">After saving, sign in with Spotify in your browser.</p>
    </section>
  );
}

/** Steps 1–4; reused under "Check your setup" when sign-in fails. */
export function SetupSteps({ app }: { app: AppState }): JSX.Element {
  return (
    <ol class="steps">
      <li>
        <h3>Create a Spotify app</h3>
        <p>
          In the developer dashboard choose <strong>Create app</strong>, give it any name, and tick{' '}
          <strong>Web API</strong>.
        </p>
        <DashboardButton />
      </li>
      <li>
        <h3>Add the redirect URI</h3>
        <p>Add exactly this as a Redirect URI and save (no port needed; not “localhost”):</p>
        <CopyField id="redirect-uri" label="Redirect URI" value={app.redirectUriToRegister} />
      </li>
      <li>
        <h3>Allow your account</h3>
        <p>
          Under <strong>User Management</strong>, add the email of the Spotify account you will sign in with.
        </p>
      </li>
      <li>
        <h3>Paste the Client ID</h3>
        <ClientIdForm initial={app.clientId} />
      </li>
    </ol>
  );
}
