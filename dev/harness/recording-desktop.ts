import { plainDesktopStatus, type DesktopShell } from '../../src/main/app/desktop-shell.ts';
import type { DesktopStatus } from '../../src/shared/app-state.ts';

/** A shell action the mini-player asked for. */
type DesktopCall = 'hideMiniPlayer' | 'copyText' | 'openAccessibilitySettings' | 'installUpdate';

/**
 * The harness's stand-in for the desktop shell: there is no window to hide, clipboard to fill or
 * settings pane to open, so it records what was asked, for tests to check, and reports a status the
 * test sets (platform, Wayland, Accessibility, a waiting update).
 */
export interface RecordingDesktop {
  readonly shell: DesktopShell;
  /** Every action asked for, in order. */
  readonly calls: readonly DesktopCall[];
  /** The texts given to copyText, exactly. */
  readonly copied: readonly string[];
  /** Changes the reported status and pushes it to the window. */
  setStatus(changes: Partial<DesktopStatus>): void;
}

/** `onChange`: what to call when the test changes the status (the app's desktopStatusChanged). */
export function recordingDesktop(
  initial: Partial<DesktopStatus> = {},
): RecordingDesktop & { onChange(listener: () => void): void } {
  const calls: DesktopCall[] = [];
  const copied: string[] = [];
  let status: DesktopStatus = { ...plainDesktopStatus(), ...initial };
  let changed = (): void => undefined;
  return {
    shell: {
      hideMiniPlayer: () => void calls.push('hideMiniPlayer'),
      copyText: (text) => {
        calls.push('copyText');
        copied.push(text);
        return Promise.resolve();
      },
      openAccessibilitySettings: () => {
        calls.push('openAccessibilitySettings');
        return Promise.resolve();
      },
      installUpdate: () => void calls.push('installUpdate'),
      status: () => status,
    },
    calls,
    copied,
    setStatus(changes) {
      status = { ...status, ...changes };
      changed();
    },
    onChange(listener) {
      changed = listener;
    },
  };
}
