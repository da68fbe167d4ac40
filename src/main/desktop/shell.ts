import { clipboard, shell, systemPreferences } from 'electron';
import type { DesktopShell } from '../app/desktop-shell.ts';
import { desktopPlatform } from '../app/desktop-shell.ts';
import type { DesktopStatus } from '../../shared/app-state.ts';

/** System Settings › Privacy & Security › Accessibility (macOS 13+, and System Preferences before). */
const ACCESSIBILITY_PANE = 'x-apple.systempreferences:com.apple.preference.security?Privacy_Accessibility';

export interface DesktopShellParts {
  readonly wayland: boolean;
  readonly hideMiniPlayer: () => void;
  readonly installUpdate: () => void;
  readonly mediaKeysNeedAccessibility: () => boolean;
  readonly shortcutChangeNeedsRestart: () => boolean;
  readonly updateReady: () => string | null;
}

/** What TraytuneApp asks of the desktop, done with Electron. */
export function createDesktopShell(parts: DesktopShellParts): DesktopShell {
  return {
    hideMiniPlayer: parts.hideMiniPlayer,
    copyText: (text) => {
      clipboard.writeText(text).catch((error: unknown) => console.warn('[clipboard] copying failed:', error));
    },
    openAccessibilitySettings: async () => {
      if (process.platform !== 'darwin') return;
      // Asking with prompt=true also adds Traytune to the list, so the user only has to switch it on.
      systemPreferences.isTrustedAccessibilityClient(true);
      await shell.openExternal(ACCESSIBILITY_PANE);
    },
    installUpdate: parts.installUpdate,
    status: (): DesktopStatus => ({
      platform: desktopPlatform(),
      wayland: parts.wayland,
      mediaKeysNeedAccessibility: parts.mediaKeysNeedAccessibility(),
      shortcutChangeNeedsRestart: parts.shortcutChangeNeedsRestart(),
      updateReady: parts.updateReady(),
    }),
  };
}
