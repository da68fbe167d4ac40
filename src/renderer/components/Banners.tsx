import type { ComponentChildren, JSX } from 'preact';
import type { AppState } from '../../shared/app-state.ts';
import { USER_MESSAGES } from '../../shared/messages.ts';
import type { ConnectionStatus, PlayerSnapshot } from '../../shared/player.ts';
import { alertableError, bannerNote } from '../alerts.ts';
import type { UiState } from '../api.ts';
import { useServices, useWallClock } from '../context.ts';
import { formatCountdown, formatDate } from '../format.ts';
import { CallButton } from './CallButton.tsx';
import { PlayHereList } from './Devices.tsx';

type Problem = Exclude<ConnectionStatus, 'ok'>;

/** Statuses that are news, not trouble: nothing plays anywhere yet; local mode (the music is there). */
const INFO_STATUSES: ReadonlySet<ConnectionStatus> = new Set(['no-device', 'local']);

/**
 * Headline and fallback text per connection status (main's `message` wins when it gives one). The
 * fallbacks are main's own sentences for each status, from the shared catalogue.
 */
export const CONNECTION_COPY: Record<Problem, { readonly title: string; readonly fallback: string }> = {
  'signed-out': { title: 'Signed out', fallback: USER_MESSAGES.signedOut },
  'reconnect-needed': { title: 'Reconnect needed', fallback: USER_MESSAGES.reconnectNeeded },
  'quota-exceeded': { title: 'Spotify quota used up', fallback: USER_MESSAGES.quotaExceeded },
  offline: { title: 'Offline', fallback: USER_MESSAGES.offline },
  // The banner adds the time left: "Spotify asked Traytune to wait: 0:42".
  'rate-limited': { title: 'Spotify asked Traytune to wait', fallback: USER_MESSAGES.rateLimited },
  'premium-required': { title: 'Spotify Premium required', fallback: USER_MESSAGES.premiumRequired },
  'no-device': { title: 'No active device', fallback: USER_MESSAGES.noDevice },
  local: { title: 'Spotify on this computer', fallback: USER_MESSAGES.localMode },
};

/**
 * The connection status from the snapshot, with what to do next. Nothing when all is well. A press the
 * status refused is answered here (`bannerNote`), not by a second alert telling the same story.
 * `children` come last: what only the caller knows to offer (local mode's step towards an account).
 */
export function ConnectionBanner({
  snapshot,
  children,
}: {
  snapshot: PlayerSnapshot;
  children?: ComponentChildren;
}): JSX.Element | null {
  const { connection } = snapshot;
  if (connection.status === 'ok') return null;
  const copy = CONNECTION_COPY[connection.status];
  const until = connection.status === 'rate-limited' ? connection.rateLimitedUntil : null;
  return (
    <section
      class={`banner ${INFO_STATUSES.has(connection.status) ? 'info' : 'warning'}`}
      data-testid="connection-banner"
      data-status={connection.status}
      aria-labelledby="connection-title"
    >
      <h2 id="connection-title" class="banner-title">
        {copy.title}
        {until !== null ? <Countdown until={until} /> : null}
      </h2>
      <p id="connection-message">{connection.message ?? copy.fallback}</p>
      <RefusedPress snapshot={snapshot} />
      <ConnectionAction snapshot={snapshot} status={connection.status} />
      {children}
    </section>
  );
}

/** "Play was not sent. …": the last press the banner's state refused, until dismissed or replaced. */
function RefusedPress({ snapshot }: { snapshot: PlayerSnapshot }): JSX.Element | null {
  const { actions } = useServices();
  const note = bannerNote(snapshot);
  if (note === null) return null;
  // Keyed by the time of the refusal, so pressing again (a new refusal, same words) is announced again.
  return (
    <div class="banner-note" role="alert" data-testid="refused-press" key={snapshot.error?.at}>
      <p>{note}</p>
      <button type="button" class="text-button" aria-label="Dismiss error" onClick={actions.dismissError}>
        Dismiss
      </button>
    </div>
  );
}

function ConnectionAction({
  snapshot,
  status,
}: {
  snapshot: PlayerSnapshot;
  status: Problem;
}): JSX.Element | null {
  switch (status) {
    case 'signed-out':
    case 'reconnect-needed':
      return <SignInButton label="Sign in again" />;
    case 'quota-exceeded':
      return (
        <div class="button-row">
          <RetryButton />
          <DashboardButton />
        </div>
      );
    case 'premium-required':
      return <RetryButton />;
    case 'no-device':
      return <PlayHereList devices={snapshot.devices} />;
    default:
      return null;
  }
}

/**
 * The user's "try again" for the states that do not end by themselves (quota used up, Premium required):
 * main clears them and reads the state once; what comes of it arrives in the next snapshot.
 */
function RetryButton(): JSX.Element {
  const { actions } = useServices();
  return (
    <button
      type="button"
      class="secondary-button"
      aria-describedby="connection-message"
      onClick={actions.retryConnection}
    >
      Try again
    </button>
  );
}

/**
 * The one time on the rate-limit banner, counting down (": 0:42"), ticking every second. Not a live
 * region: the change of status is announced once, a ticking clock would talk over everything.
 */
function Countdown({ until }: { until: number }): JSX.Element {
  const now = useWallClock(1000);
  const left = until - now;
  return (
    <span class="countdown" data-testid="rate-limit-countdown">
      {left > 0 ? `: ${formatCountdown(left)}` : ': carrying on…'}
    </span>
  );
}

export function SignInButton({
  label,
  primary = false,
  id,
}: {
  label: string;
  primary?: boolean;
  id?: string;
}): JSX.Element {
  return (
    <CallButton
      id={id}
      label={label}
      primary={primary}
      call={async ({ api, store }) => store.update({ app: await api.auth.signIn() })}
    />
  );
}

export function DashboardButton({ label = 'Open developer dashboard' }: { label?: string }): JSX.Element {
  return <CallButton label={label} call={({ api }) => api.app.openDashboard()} />;
}

/** Account-level warnings shown on every screen: the keychain could not be used; reconnect soon. */
export function AccountBanners({ app }: { app: AppState }): JSX.Element | null {
  if (app.keychainWarning === null && app.reconnectBy === null) return null;
  return (
    <>
      {app.keychainWarning !== null ? (
        <div class="banner warning" data-testid="keychain-warning">
          <p>
            <strong>Keychain unavailable.</strong> {app.keychainWarning}
          </p>
        </div>
      ) : null}
      {app.reconnectBy !== null && app.account === 'signed-in' ? (
        <div class="banner warning" data-testid="reconnect-warning">
          <p>
            <strong>Reconnect by {formatDate(app.reconnectBy)}.</strong> Spotify sign-ins last six months;
            sign in again before then to stay connected.
          </p>
          <SignInButton label="Reconnect now" />
        </div>
      ) : null}
    </>
  );
}

/**
 * A player error (snapshot.error) the connection banner does not already tell, or a failed call of ours,
 * until dismissed. No time of its own: a rate limit's one time is the banner's countdown.
 */
export function ErrorAlert({ state }: { state: UiState }): JSX.Element | null {
  const { actions } = useServices();
  const error = alertableError(state.snapshot);
  const message = error?.message ?? state.localError;
  if (message === null) return null;
  return (
    <div class="banner error" role="alert" data-testid="error-alert">
      <p>{message}</p>
      <button type="button" class="text-button" aria-label="Dismiss error" onClick={actions.dismissError}>
        Dismiss
      </button>
    </div>
  );
}
