import type { WebContents } from 'electron';

/**
 * Packaged builds: the keys that would reload the page, open DevTools or zoom do nothing (the default
 * application menu that carries them is removed too, see application-menu.ts), and pinch zoom is off.
 */
export function guardProductionInput(webContents: WebContents): void {
  void webContents.setVisualZoomLevelLimits(1, 1).catch(() => undefined);
  webContents.on('before-input-event', (event, input) => {
    if (input.type === 'keyDown' && isDeveloperKey(input)) event.preventDefault();
  });
}

interface KeyInput {
  readonly key: string;
  readonly control: boolean;
  readonly meta: boolean;
  readonly shift: boolean;
  readonly alt: boolean;
}

/** Reload (F5, Ctrl/⌘+R), DevTools (F12, Ctrl+Shift+I/J/C, ⌘⌥I), zoom (Ctrl/⌘ with +, =, -, 0). */
function isDeveloperKey(input: KeyInput): boolean {
  const key = input.key.length === 1 ? input.key.toUpperCase() : input.key;
  if (key === 'F5' || key === 'F12') return true;
  const mod = process.platform === 'darwin' ? input.meta : input.control;
  if (!mod) return false;
  if (key === 'R') return true;
  if ((input.shift || input.alt) && (key === 'I' || key === 'J' || key === 'C')) return true;
  return key === '+' || key === '=' || key === '-' || key === '0' || key === 'Plus';
}
