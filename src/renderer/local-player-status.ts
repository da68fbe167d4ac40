/**
 * Settings' "Spotify on this computer" entry, from AppState.localPlayer: which player Traytune follows,
 * what stands in its way, and what following it brings (signed in: whether changes arrive from it or
 * Traytune polls). Pure: unit-tested under Node.
 */
import type { AppState } from '../shared/app-state.ts';

export interface LocalPlayerEntry {
  /** The player followed, or that none runs; null when `problem` already says why none can be. */
  readonly followed: string | null;
  /**
   * Main's sentence for what stands in the way. It `blocks` when no account is connected: then the
   * player on this computer is the only way to play from Traytune. Signed in, it only costs requests.
   */
  readonly problem: { readonly text: string; readonly blocks: boolean } | null;
  /** What following the player brings, or would bring once it runs; null when the banner says it. */
  readonly note: string | null;
}

/** Windows has no local player yet (src/main/desktop/local-player.ts): main follows none there. */
const NO_WINDOWS_BRIDGE = 'Traytune cannot follow the Spotify app on Windows yet.';

export const PUSHING_NOTE = 'Changes arrive from the Spotify app: no polling needed.';

export function localPlayerEntry(app: AppState): LocalPlayerEntry {
  const { name, problem, pushing } = app.localPlayer;
  const signedIn = app.account === 'signed-in';
  const unsupported = app.desktop.platform === 'win32';
  // A player can run and be followed here, even if none does now.
  const followable = !unsupported && problem === null;

  let followed: string | null;
  if (name !== null) followed = `Traytune follows ${name}, running on this computer.`;
  else if (unsupported) followed = NO_WINDOWS_BRIDGE;
  else if (problem !== null) followed = null;
  else followed = 'The Spotify app is not running on this computer.';

  let note: string | null;
  if (signedIn) {
    if (pushing) note = PUSHING_NOTE;
    else if (name !== null)
      note = 'Traytune polls Spotify for changes until it sees the music playing in this app.';
    else if (followable)
      note = 'Traytune polls Spotify for changes; while the Spotify app plays here, they arrive from it.';
    else note = 'Traytune polls Spotify for changes.';
  } else if (name === null && followable) {
    note = 'Start it, and Traytune plays, pauses and skips through it, even before you sign in.';
  } else {
    // Local mode: its banner says what works. Nothing to follow: nothing to promise.
    note = null;
  }

  return {
    followed,
    problem: problem === null ? null : { text: problem, blocks: !signedIn },
    note,
  };
}
