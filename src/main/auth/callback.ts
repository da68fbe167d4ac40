import { timingSafeEqual } from 'node:crypto';
import { AccessDeniedError, AuthError, OAuthError, StateMismatchError } from './errors.ts';
import { scrubSecrets } from './scrub.ts';

/** The authorization code carried by a valid callback. */
export interface CallbackResult {
  code: string;
}

/** Constant-time comparison, so the state cannot be guessed byte by byte from response timing. */
export function statesEqual(actual: string, expected: string): boolean {
  const a = Buffer.from(actual, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  // timingSafeEqual needs equal lengths; compare against itself to spend the same time, then fail.
  if (a.length !== b.length) {
    timingSafeEqual(b, b);
    return false;
  }
  return timingSafeEqual(a, b);
}

/**
 * Validates the query of a redirect to the callback. The state is checked first, also for error
 * answers: an answer that does not belong to this attempt is rejected whatever it says.
 */
export function parseCallbackParams(params: URLSearchParams, expectedState: string): CallbackResult {
  const state = params.get('state');
  if (state === null || expectedState === '' || !statesEqual(state, expectedState)) {
    throw new StateMismatchError();
  }
  const error = params.get('error');
  if (error !== null) {
    if (error === 'access_denied') throw new AccessDeniedError();
    const description = params.get('error_description');
    // Kept in the error, so scrubbed of anything token-like first (the code would be; nothing else is sent).
    throw oauthCallbackError(
      error,
      description === null ? undefined : scrubSecrets(description, [params.get('code') ?? undefined]),
    );
  }
  const code = params.get('code');
  if (code === null || code === '') {
    throw new AuthError(
      'callback',
      'The sign-in answer from Spotify had no authorization code. Start sign-in again.',
    );
  }
  return { code };
}

/**
 * The paste variant: the user copies the browser's address bar after consent (e.g. when no listener can
 * run). Accepts the full URL, or just its query (`?code=…&state=…`).
 */
export function parseCallbackUrl(pasted: string, expectedState: string): CallbackResult {
  const text = pasted.trim();
  let params: URLSearchParams | undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    try {
      params = new URL(text).searchParams;
    } catch {
      params = undefined;
    }
  } else if (text.startsWith('?') || /^[\w.~-]+=/.test(text)) {
    params = new URLSearchParams(text);
  }
  if (params === undefined || (!params.has('state') && !params.has('code') && !params.has('error'))) {
    throw new AuthError(
      'callback',
      'That does not look like the address Spotify sent you to. After choosing Agree, copy the whole ' +
        "address from the browser's address bar and paste it again.",
    );
  }
  return parseCallbackParams(params, expectedState);
}

function oauthCallbackError(error: string, description: string | undefined): OAuthError {
  // Only a known shape of error code is echoed into the message; anything else is summarized.
  const shown = /^[a-z_]{1,64}$/.test(error) ? error : 'unknown error';
  let advice = 'Start sign-in again.';
  if (error === 'invalid_client') {
    advice = 'Check the client ID in Traytune against your app in the Spotify developer dashboard.';
  } else if (error === 'invalid_scope') {
    advice = 'Traytune asked for permissions Spotify does not offer; update Traytune.';
  } else if (error === 'unauthorized_client') {
    advice =
      'Your Spotify app is not allowed to use this sign-in method; check its settings in the dashboard.';
  }
  return new OAuthError(error, description, undefined, `Spotify refused the sign-in (${shown}). ${advice}`);
}
