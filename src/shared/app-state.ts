/** The account side of the app as the renderer and the tray see it (the player side is PlayerSnapshot). */

export type AccountStatus =
  /** First run: no client ID yet, so onboarding is shown. */
  | 'no-client-id'
  | 'signed-out'
  | 'signing-in'
  | 'signed-in'
  /** The refresh token expired (6 months after consent) or was revoked. */
  | 'reconnect-needed';

export interface AppError {
  /** A stable code (the AuthError or SpotifyApiError code/kind, or 'validation' / 'internal'). */
  readonly code: string;
  /** What happened and what to do, for the user. */
  readonly message: string;
}

export interface AppState {
  readonly account: AccountStatus;
  readonly clientId: string | null;
  /** What to register in the Spotify dashboard, e.g. `http://127.0.0.1/callback` (no port). */
  readonly redirectUriToRegister: string;
  readonly dashboardUrl: string;
  /** Display name of the signed-in user, when known. */
  readonly userName: string | null;
  /**
   * While a sign-in waits for the browser: the consent page's address, so the user can copy it into a
   * browser when none opened (it holds the PKCE challenge and state, never the verifier or a code).
   */
  readonly signInLink: string | null;
  /**
   * "Switch account" is waiting for the other account's consent: the current sign-in stays in use (and in
   * the keychain) until the new one succeeds; cancelling or failing leaves it as it was.
   */
  readonly switchingAccount: boolean;
  /** Why the last sign-in failed (timeout: likely causes; access denied; …). */
  readonly signInError: AppError | null;
  /** Set within the warning period before the 6-month refresh-token expiry (epoch ms). */
  readonly reconnectBy: number | null;
  /** The keychain could not be used: signed in for this session only. */
  readonly keychainWarning: string | null;
  /** What the desktop shell reports about itself (platform, Wayland, Accessibility, a waiting update). */
  readonly desktop: DesktopStatus;
  /** Requests sent to Spotify's Web API, against the daily budget (updated at most about once a second). */
  readonly requests: RequestFigures;
  /** The local player (local mode, and the push channel while signed in). */
  readonly localPlayer: LocalPlayerStatus;
}

/** Web API requests Traytune sent (token requests to the accounts service are not counted). */
/** The Spotify app on this computer, as Traytune follows it through the OS (MPRIS, AppleScript). */
export interface LocalPlayerStatus {
  /** The player followed now (the name it gives itself, e.g. "Spotify"), or null when none runs. */
  readonly name: string | null;
  /**
   * Why no local player can be followed (no D-Bus session bus), or a standing problem in reaching it
   * (macOS: Automation not allowed); null when there is none.
   */
  readonly problem: string | null;
  /** Signed in, and its reports stand in for polling (it plays on the active device). */
  readonly pushing: boolean;
}

export interface RequestFigures {
  /** In the last 60 minutes. */
  readonly lastHour: number;
  /** In the last 24 hours: a rolling window, not the calendar day. */
  readonly today: number;
  /** The daily budget from the settings (requests per rolling 24 h). */
  readonly dailyBudget: number;
  /**
   * Clock time (epoch ms) of the player's next planned state read; null when none is planned: signed out,
   * asleep, offline, stopped by the quota, or a read is under way.
   */
  readonly nextReadAt: number | null;
}

export interface DesktopStatus {
  /** The OS, for key names (⌘ vs Ctrl) and platform-only settings. */
  readonly platform: DesktopPlatform;
  /** Wayland session: the app cannot place or pin its window; shortcuts go through the desktop portal. */
  readonly wayland: boolean;
  /** macOS: media keys need Traytune to be trusted under Accessibility, and it is not (yet). */
  readonly mediaKeysNeedAccessibility: boolean;
  /** Wayland: a shortcut change takes effect only after Traytune restarts (the portal binds once). */
  readonly shortcutChangeNeedsRestart: boolean;
  /** A downloaded update waiting for "Restart to update" (its version), else null. */
  readonly updateReady: string | null;
}

export type DesktopPlatform = 'darwin' | 'win32' | 'linux';

/** A panel main can ask the mini-player to show (the tray's "Settings…" and "Set up…"). */
export type RequestedPanel = 'settings' | 'onboarding';
