/**
 * The catalogue of what the user is told in more than one place: each situation has one sentence, written
 * here once, and main and the renderer both read it from here (so this module imports nothing). A sentence
 * said in one place only stays next to the code that says it.
 */

/** What to do once the saved sign-in no longer works; it follows the reason (auth's ReconnectNeededError). */
const SIGN_IN_AGAIN = 'Sign in again to reconnect Traytune.';

/** Why the saved sign-in no longer works; `reconnectNeeded` is it followed by what to do. */
const RECONNECT_REASON = 'Your Spotify sign-in has expired or was revoked (sign-ins last six months).';

export const USER_MESSAGES = {
  /** A bug (an error that is not one of the app's typed errors): nothing the user did, nothing to show. */
  internal: 'Something went wrong inside Traytune. Try again; if it keeps happening, restart Traytune.',

  // The connection, as the engine, the not-connected answers and the renderer's banner say it.
  signedOut: 'You are signed out of Spotify. Sign in to control playback.',
  signInAgain: SIGN_IN_AGAIN,
  /** The reason alone, where the screen says what to do itself (the reconnect screen, local mode's banner). */
  reconnectReason: RECONNECT_REASON,
  reconnectNeeded: `${RECONNECT_REASON} ${SIGN_IN_AGAIN}`,
  quotaExceeded:
    'Your Spotify developer app has used up its API quota, so Traytune has stopped calling Spotify. ' +
    'Try again later, or check the app in the Spotify developer dashboard.',
  premiumRequired:
    'Controlling playback needs Spotify Premium. Upgrade the account, or use Traytune to browse only.',
  offline: 'You are offline. Traytune will catch up with Spotify when the connection is back.',
  noDevice:
    'Nothing is playing on any Spotify device. Start Spotify on a device, or choose one of your devices here.',
  /**
   * The engine refuses commands during the pause, it does not hold them (command-runner.ts), so the words
   * say a press is not carried out. No number of seconds: it would be stale the moment it is shown (the UI
   * draws a live countdown). The first sentence stands alone (the tray shows only that).
   */
  rateLimited:
    'Spotify asked Traytune to slow down, so nothing is sent for a moment. Controls pressed until the ' +
    'wait is over are not carried out: press them again afterwards.',

  /**
   * Local mode (ConnectionStatus 'local'): what works without an account, and what does not. Short: the
   * banner says it above the player for as long as local mode lasts, under its title "Spotify on this
   * computer".
   */
  localMode: 'Play, pause and skip work now. Library, devices, likes and search need an account.',
  /** A control or panel that needs a connected account, in local mode. */
  needsAccount: 'Needs a Spotify account: set up Traytune and sign in first.',

  // Why Like or Add to playlist cannot be used, as the controls' tooltips and the engine's refusals say it.
  nothingToLike: 'Nothing is playing that could be liked.',
  adsCannotBeLiked: 'Ads cannot be liked.',
  localFilesCannotBeLiked: 'Local files cannot be liked.',
  unsupportedCannotBeLiked: 'This item cannot be liked from Traytune.',
  nothingToAdd: 'Nothing is playing that could be added to a playlist.',

  // Signing out asks first, in the window (Settings) and in the tray's message box.
  signOutQuestion: 'Sign out of Spotify?',
  signOutForgets: 'Signing out forgets the sign-in saved in your system keychain.',
} as const;

/** Error codes made on one side of the IPC line and compared on the other. */
export const SHARED_ERROR_CODES = {
  /** Sign-in ended because the user chose Cancel on Spotify's consent page: not a setup problem. */
  consentCancelled: 'consent-cancelled',
  /** A search replaced by a newer one: the renderer ignores it. */
  searchCancelled: 'cancelled',
} as const;
