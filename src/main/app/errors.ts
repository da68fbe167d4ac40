import type { AppError } from '../../shared/app-state.ts';
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

/** The `{ code, message }` the UI shows. Messages of typed errors are written for the user and hold no secrets. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AuthError || error instanceof UserFacingError) {
    return { code: error.code, message: error.message };
  }
  if (error instanceof SpotifyApiError) return { code: error.kind, message: error.message };
  // Anything else may carry details nobody should see: a generic text only.
  return { code: 'internal', message: 'Something went wrong in Traytune. Try again.' };
}
