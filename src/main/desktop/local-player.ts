import type { DesktopPlatform } from '../../shared/app-state.ts';
import { openMprisBridge, startAppleScriptPlayer, type LocalPlayerPort } from '../local-player/index.ts';

/**
 * How this OS lets Traytune follow the Spotify app on the computer (local mode and the push channel):
 * MPRIS on the session bus on Linux, Spotify.app's AppleScript dictionary on macOS. Windows has none yet:
 * its system media transport controls need a native helper (src/main/local-player/README.md), so there
 * Traytune goes on with the Web API alone.
 */
export function localPlayerOpener(platform: DesktopPlatform): (() => Promise<LocalPlayerPort>) | undefined {
  switch (platform) {
    case 'linux':
      return () => openMprisBridge();
    case 'darwin':
      return () => Promise.resolve(startAppleScriptPlayer());
    case 'win32':
      return undefined;
  }
}
