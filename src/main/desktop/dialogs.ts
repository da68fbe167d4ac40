import { app, dialog } from 'electron';
import { USER_MESSAGES } from '../../shared/messages.ts';

/** The message boxes the tray's commands open (they have no window of their own to speak in). */

const SIGN_OUT = 0;
const CANCEL = 1;

/** Asks before signing out; resolves true only for "Sign out" (Cancel, Escape and closing it keep the sign-in). */
export async function confirmSignOut(): Promise<boolean> {
  bringToFront();
  const { response } = await dialog.showMessageBox({
    type: 'question',
    title: 'Traytune',
    message: USER_MESSAGES.signOutQuestion,
    detail: USER_MESSAGES.signOutForgets,
    buttons: ['Sign out', 'Cancel'],
    // Enter keeps the sign-in: signing out is the one answer that has to be chosen.
    defaultId: CANCEL,
    cancelId: CANCEL,
    // Windows shows buttons it does not know ("Sign out") as large command links unless told not to.
    noLink: true,
  });
  return response === SIGN_OUT;
}

/** Says why a command from the tray or a shortcut did not work. */
export function tellCommandFailed(message: string): void {
  bringToFront();
  dialog
    .showMessageBox({ type: 'warning', title: 'Traytune', message, buttons: ['OK'] })
    .catch((error: unknown) => console.error('[traytune] could not show a message box:', error));
}

/**
 * macOS: a tray app is not the active app while its menu is used, and a message box without a parent
 * window opens behind the active app's windows unless the app activates itself first
 * (electron/electron#4719). Elsewhere app.focus() focuses one of the app's windows instead: not wanted here.
 */
function bringToFront(): void {
  if (process.platform === 'darwin') app.focus({ steal: true });
}
