import type { AppError } from '../../../shared/app-state.ts';
import { SHARED_ERROR_CODES } from '../../../shared/messages.ts';
import {
  AccessDeniedError,
  BrowserOpenError,
  KeychainUnavailableError,
  type AuthError,
} from '../../auth/index.ts';
import { toAppError } from '../errors.ts';

/** What the account side tells the user, in one place: each situation has one sentence. */

const CONSENT_CANCELLED = "You cancelled on Spotify's page. Sign in again when you're ready.";

/** The auth core's text suggests a "paste the address" sign-in, which the app does not offer. */
const BROWSER_OPEN_FAILED = 'Traytune could not open your browser. Set a default browser and try again.';

/** The sign-in goes on waiting: the link in `signInLink` can be opened in any browser on this computer. */
const BROWSER_OPEN_WAITING =
  'Traytune could not open your browser. Copy the sign-in link, open it in a browser on this computer ' +
  'and agree there: Traytune is waiting for it.';

export const KEYCHAIN_LEFT_BEHIND =
  'You are signed out, but Traytune could not remove its saved sign-in from the system keychain. ' +
  'Remove the Traytune entry in your keychain manager.';

export const NEW_PERMISSIONS =
  'This version of Traytune needs more permissions from Spotify than your saved sign-in has. ' +
  'Sign in again to grant them.';

export const NO_CLIENT_ID_YET = 'Enter the client ID of your Spotify app first, then sign in.';

export const BLANK_CLIENT_ID = 'Enter the Client ID of your app from the Spotify developer dashboard.';

/** What sign-in shows for a failure: the typed error's own text, except where the app words it better. */
export function signInErrorOf(error: unknown): AppError {
  if (error instanceof AccessDeniedError) {
    // Cancelled on purpose: not a setup problem, so the renderer opens no setup checklist.
    return { code: SHARED_ERROR_CODES.consentCancelled, message: CONSENT_CANCELLED };
  }
  if (error instanceof BrowserOpenError) return { code: error.code, message: BROWSER_OPEN_FAILED };
  return toAppError(error);
}

/** Shown while the sign-in waits although the browser did not open (the code is BrowserOpenError's). */
export function browserNotOpened(error: BrowserOpenError): AppError {
  return { code: error.code, message: BROWSER_OPEN_WAITING };
}

/** The keychain refused the grant: signed in for this run only. */
export function cacheWarning(error: AuthError): string {
  if (error instanceof KeychainUnavailableError) return error.message;
  return `${error.message} Traytune stays signed in until it quits.`;
}
