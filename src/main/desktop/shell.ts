import { clipboard, shell, systemPreferences } from 'electron';
import type { DesktopShell } from '../app/desktop-shell.ts';
import { desktopPlatform } from '../app/desktop-shell.ts';
import { UserFacingError } from '../app/errors.ts';
import type { DesktopStatus } from '../../shared/app-state.ts';

/** System Settings › Privacy & Security › Accessibility (macOS 13+, and System Preferences before). */
const ACCESSIBILITY_PANE = 'x-apple.systempreferences:com.apple.preference.security?Privacy_Accessibility';

const COPY_FAILED =
  'Traytune could not copy to the clipboard (the system refused). Try again, or select the text in the ' +
  'mini-player and copy it yourself.';
const SETTINGS_FAILED =
  'Traytune could not open System Settings. Open Privacy & Security › Accessibility there and switch Traytune on.';
const NO_UPDATE_YET =
  'No update has finished downloading yet. Traytune downloads it in the background; try again in a while.';

export interface DesktopShellParts {
  readonly wayland: boolean;
  readonly hideMiniPlayer: () => void;
  /** False when no downloaded update is there to install. */
  readonly installUpdate: () => boolean;
  readonly mediaKeysNeedAccessibility: () => boolean;
  readonly shortcutChangeNeedsRestart: () => boolean;
  readonly updateReady: () => string | null;
}

/** What TraytuneApp asks of the desktop, done with Electron. */
export function createDesktopShell(parts: DesktopShellParts): DesktopShell {
  return {
    hideMiniPlayer: parts.hideMiniPlayer,
    copyText: async (text) => {
      try {
        await clipboard.writeText(text);
      } catch {
        throw new UserFacingError('clipboard', COPY_FAILED);
      }
    },
    openAccessibilitySettings: async () => {
      if (process.platform !== 'darwin') return;
      // Asking with prompt=true also adds Traytune to the list, so the user only has to switch it on.
      systemPreferences.isTrustedAccessibilityClient(true);
      try {
        await shell.openExternal(ACCESSIBILITY_PANE);
      } catch {
        throw new UserFacingError('system-settings', SETTINGS_FAILED);
      }
    },
    installUpdate: () => {
      if (!parts.installUpdate()) throw new UserFacingError('update-install', NO_UPDATE_YET);
    },
    status: (): DesktopStatus => ({
      platform: desktopPlatform(),
      wayland: parts.wayland,
      mediaKeysNeedAccessibility: parts.mediaKeysNeedAccessibility(),
      shortcutChangeNeedsRestart: parts.shortcutChangeNeedsRestart(),
      updateReady: parts.updateReady(),
    }),
  };
}
