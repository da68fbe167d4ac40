/**
 * The catalogue of user-facing sentences that more than one place says: each situation has one sentence,
 * written here once, and main and the renderer both read it from here (so this module imports nothing).
 * A sentence said in one place only stays next to the code that says it.
 */
export const USER_MESSAGES = {
  /** A bug (an error that is not one of the app's typed errors): nothing the user did, nothing to show. */
  internal: 'Something went wrong inside Traytune. Try again; if it keeps happening, restart Traytune.',
} as const;
