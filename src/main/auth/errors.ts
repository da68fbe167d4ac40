/**
 * Typed errors of the sign-in core. Every message is written for the user and says what to do next.
 * Rule: no token, authorization code or code verifier is ever placed in a message, a field or a cause.
 */

import { USER_MESSAGES } from '../../shared/messages.ts';

/** Every code an AuthError carries (kebab-case, like every error code of the app). */
export const AUTH_ERROR_CODES = [
  'oauth',
  'state-mismatch',
  'access-denied',
  'timeout',
  'aborted',
  'redirect-uri',
  'port-in-use',
  'callback',
  'network',
  'rate-limited',
  'reconnect-needed',
  'signed-out',
  'keychain-unavailable',
  'token-cache',
  'config',
  'browser-open',
] as const;

export type AuthErrorCode = (typeof AUTH_ERROR_CODES)[number];

export class AuthError extends Error {
  override readonly name: string = 'AuthError';
  readonly code: AuthErrorCode;
  constructor(code: AuthErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** An OAuth error answered by the token endpoint or sent to the redirect URI. */
export class OAuthError extends AuthError {
  override readonly name = 'OAuthError';
  /** The `error` field, e.g. `invalid_grant`. */
  readonly error: string;
  /** The `error_description` field, when the server gave one. */
  readonly errorDescription: string | undefined;
  /** HTTP status of the token endpoint's answer (undefined for redirect errors). */
  readonly status: number | undefined;
  constructor(
    error: string,
    errorDescription: string | undefined,
    status: number | undefined,
    message: string,
  ) {
    super('oauth', message);
    this.error = error;
    this.errorDescription = errorDescription;
    this.status = status;
  }
}

/** The callback's `state` did not match: possibly a forged or stale request. Nothing was exchanged. */
export class StateMismatchError extends AuthError {
  override readonly name = 'StateMismatchError';
  constructor() {
    super(
      'state-mismatch',
      'The sign-in answer did not match this sign-in attempt, so it was rejected. Start sign-in again.',
    );
  }
}

/** The user pressed Cancel on the consent page (`error=access_denied`). */
export class AccessDeniedError extends AuthError {
  override readonly name = 'AccessDeniedError';
  constructor() {
    super(
      'access-denied',
      'Spotify access was not granted. Sign in again and choose Agree to connect Traytune.',
    );
  }
}

/** No callback arrived in time. The usual cause is a redirect URI Spotify refused in the browser. */
export class SignInTimeoutError extends AuthError {
  override readonly name = 'SignInTimeoutError';
  readonly redirectUri: string;
  readonly timeoutMs: number;
  constructor(redirectUri: string, timeoutMs: number) {
    super(
      'timeout',
      `Sign-in did not finish within ${Math.round(timeoutMs / 1000)} s. If the browser showed ` +
        `"INVALID_CLIENT: Invalid redirect URI", add ${registeredFormOf(redirectUri)} to your app's ` +
        'Redirect URIs in the Spotify developer dashboard (use 127.0.0.1, not localhost). If it showed ' +
        'a user error, add your Spotify account under User Management. Then sign in again.',
    );
    this.redirectUri = redirectUri;
    this.timeoutMs = timeoutMs;
  }
}

export class SignInAbortedError extends AuthError {
  override readonly name = 'SignInAbortedError';
  constructor() {
    super('aborted', 'Sign-in was cancelled.');
  }
}

/** The redirect URI cannot work with Spotify (e.g. `localhost`, plain http on a non-loopback host). */
export class RedirectUriError extends AuthError {
  override readonly name = 'RedirectUriError';
  constructor(message: string) {
    super('redirect-uri', message);
  }
}

export class PortInUseError extends AuthError {
  override readonly name = 'PortInUseError';
  readonly port: number;
  constructor(port: number) {
    super(
      'port-in-use',
      `Port ${port} on this computer is taken by another program, so the sign-in answer cannot be ` +
        'received. Close that program, or register http://127.0.0.1/callback (without a port) so ' +
        'Traytune can pick a free port.',
    );
    this.port = port;
  }
}

/** The token endpoint could not be reached or answered with a server error. Nothing was discarded. */
export class NetworkError extends AuthError {
  override readonly name = 'NetworkError';
  readonly status: number | undefined;
  constructor(message: string, status?: number, options?: { cause?: unknown }) {
    super('network', message, options);
    this.status = status;
  }
}

/**
 * The token endpoint answered 429: Spotify asked Traytune to slow down. Transient: nothing was discarded,
 * and a retry should wait `retryAfterMs` (from `Retry-After`, when Spotify sent one).
 */
export class TokenRateLimitedError extends AuthError {
  override readonly name = 'TokenRateLimitedError';
  readonly status = 429;
  readonly retryAfterMs: number | undefined;
  constructor(retryAfterMs: number | undefined) {
    super(
      'rate-limited',
      `Spotify’s sign-in service asked Traytune to slow down. Try again ${whenText(retryAfterMs)}; ` +
        'nothing was lost.',
    );
    this.retryAfterMs = retryAfterMs;
  }
}

/** The stored refresh token is expired or revoked: the user has to connect again. */
export class ReconnectNeededError extends AuthError {
  override readonly name = 'ReconnectNeededError';
  constructor(reason: string) {
    super('reconnect-needed', `${reason} ${USER_MESSAGES.signInAgain}`);
  }
}

/** The user signed out: nothing is refreshed until a new sign-in. */
export class SignedOutError extends AuthError {
  override readonly name = 'SignedOutError';
  constructor() {
    super('signed-out', USER_MESSAGES.signedOut);
  }
}

/** The OS keychain cannot be used (no Secret Service, locked, denied). The app can carry on without it. */
export class KeychainUnavailableError extends AuthError {
  override readonly name = 'KeychainUnavailableError';
  constructor(detail: string, options?: { cause?: unknown }) {
    super(
      'keychain-unavailable',
      `The system keychain is not available (${detail}). Traytune stays signed in until it quits; ` +
        'unlock or install a keyring (GNOME Keyring or KWallet on Linux) to stay signed in.',
      options,
    );
  }
}

export class TokenCacheError extends AuthError {
  override readonly name = 'TokenCacheError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('token-cache', message, options);
  }
}

export class ConfigError extends AuthError {
  override readonly name = 'ConfigError';
  constructor(message: string) {
    super('config', message);
  }
}

/** The injected browser opener failed, so the user never saw Spotify's consent page. */
export class BrowserOpenError extends AuthError {
  override readonly name = 'BrowserOpenError';
  constructor(options?: { cause?: unknown }) {
    super(
      'browser-open',
      'Traytune could not open your web browser. Set a default browser in your system settings, then try again.',
      options,
    );
  }
}

/** `http://127.0.0.1:43123/callback` → `http://127.0.0.1/callback`: the form to register. */
function registeredFormOf(redirectUri: string): string {
  try {
    const url = new URL(redirectUri);
    url.port = '';
    return url.toString();
  } catch {
    return redirectUri;
  }
}

function whenText(retryAfterMs: number | undefined): string {
  if (retryAfterMs === undefined) return 'in a moment';
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return seconds < 120 ? `in ${seconds} s` : `in ${Math.ceil(seconds / 60)} min`;
}
