import type { AppError } from '../../shared/app-state.ts';
import { USER_MESSAGES } from '../../shared/messages.ts';
import { AuthError } from '../auth/index.ts';
import { SpotifyApiError } from '../spotify/index.ts';

/** Codes of the app's own user-facing errors (auth and Web API errors keep theirs). */
export const USER_FACING_ERROR_CODES = [
  // The four "not connected" answers carry the account status as their code (not-connected.ts).
  'no-client-id',
  'signed-out',
  'reconnect-needed',
  'signing-in',
  'external-url',
  'validation',
  // The desktop shell could not copy to the clipboard.
  'clipboard',
  // The desktop shell could not open a system settings pane.
  'system-settings',
  // The desktop shell could not install the downloaded update.
  'update-install',
] as const;

export type UserFacingErrorCode = (typeof USER_FACING_ERROR_CODES)[number];

/**
 * An error the user can act on, raised by the app itself (not by the auth core or the Web API client).
 * The IPC dispatcher turns it into `{ code, message }` like the other typed errors.
 */
export class UserFacingError extends Error {
  override readonly name = 'UserFacingError';
  readonly code: UserFacingErrorCode;
  constructor(code: UserFacingErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** The code of every error that is a bug, not one of the typed errors above: the user sees only `internal`. */
export const INTERNAL_ERROR_CODE = 'internal';

/**
 * Error codes as the user sees them: kebab-case, like every code the app makes. Node's and undici's system
 * errors (ENOENT, UND_ERR_SOCKET…) do not match, and are bugs here, not answers.
 */
const USER_ERROR_CODE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const MAX_CODE_LENGTH = 64;
const MAX_MESSAGE_LENGTH = 1_000;

/**
 * The one mapping from an error to the `{ code, message }` the user sees (IPC answers, sign-in errors, tray
 * commands). The typed errors (AuthError, SpotifyApiError, UserFacingError) and any Error with a kebab-case
 * code keep their code and their message, which is written for the user and holds no secrets. Anything
 * else may carry details nobody should see: it is `internal`, with a generic sentence, and the caller
 * logs it as a bug (`isInternal`).
 */
export function toAppError(error: unknown): AppError {
  return typedAppError(error) ?? { code: INTERNAL_ERROR_CODE, message: USER_MESSAGES.internal };
}

/** Whether `toAppError` found a bug rather than a typed error. */
export function isInternal(shown: AppError): boolean {
  return shown.code === INTERNAL_ERROR_CODE;
}

function typedAppError(error: unknown): AppError | undefined {
  if (error instanceof SpotifyApiError) return shaped(error.kind, error.message);
  if (error instanceof AuthError || error instanceof UserFacingError)
    return shaped(error.code, error.message);
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
    const { code } = error;
    if (code.length <= MAX_CODE_LENGTH && USER_ERROR_CODE.test(code)) return shaped(code, error.message);
  }
  return undefined;
}

/** An empty message is no answer (a bug); an overlong one is cut short. */
function shaped(code: string, message: string): AppError | undefined {
  if (typeof message !== 'string' || message.trim() === '') return undefined;
  const text = message.length > MAX_MESSAGE_LENGTH ? `${message.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : message;
  return { code, message: text };
}
