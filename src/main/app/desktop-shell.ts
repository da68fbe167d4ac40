import type { DesktopPlatform, DesktopStatus } from '../../shared/app-state.ts';

/** What only the desktop shell can do; the harness and tests pass their own. */
export interface DesktopShell {
  hideMiniPlayer(): void;
  /** Rejects with a UserFacingError when the system clipboard refuses the text. */
  copyText(text: string): Promise<void>;
  openAccessibilitySettings(): Promise<void>;
  installUpdate(): void;
  status(): DesktopStatus;
}

/** The OS as the app tells it apart; anything that is neither macOS nor Windows is treated as Linux. */
export function desktopPlatform(platform: string = process.platform): DesktopPlatform {
  return platform === 'darwin' || platform === 'win32' ? platform : 'linux';
}

/** A desktop with nothing to report: no Wayland, no Accessibility to ask for, no update waiting. */
export function plainDesktopStatus(platform: string = process.platform): DesktopStatus {
  return Object.freeze({
    platform: desktopPlatform(platform),
    wayland: false,
    mediaKeysNeedAccessibility: false,
    shortcutChangeNeedsRestart: false,
    updateReady: null,
  });
}

/** The shell of a TraytuneApp with no desktop (plain Node): every action does nothing. */
export function noDesktopShell(platform: string = process.platform): DesktopShell {
  const status = plainDesktopStatus(platform);
  return {
    hideMiniPlayer: () => undefined,
    copyText: () => Promise.resolve(),
    openAccessibilitySettings: () => Promise.resolve(),
    installUpdate: () => undefined,
    status: () => status,
  };
}
