import {
  SHORTCUT_ACTIONS,
  type Settings,
  type ShortcutAction,
  type ShortcutStatus,
} from '../../shared/settings.ts';
import type { AppCommand } from './cli-commands.ts';

/**
 * The global-shortcut table as plain data. desktop/shortcuts.ts registers it with Electron's globalShortcut
 * and reports back what happened; everything else (which keys, duplicates, the status the settings page
 * shows) is decided here.
 */

/** The keys of ShortcutStatus: the user's shortcuts plus the three media keys. */
export type ShortcutId = keyof ShortcutStatus;

export interface ShortcutEntry {
  readonly id: ShortcutId;
  /** What pressing it does. */
  readonly action: ShortcutAction;
  readonly accelerator: string;
  readonly kind: 'media' | 'user';
}

export interface ShortcutPlan {
  /** To register, media keys first. */
  readonly register: readonly ShortcutEntry[];
  /** Entries whose keys an earlier entry already takes: reported as conflicts, never registered twice. */
  readonly duplicates: readonly ShortcutEntry[];
}

export interface ShortcutResult {
  readonly id: ShortcutId;
  readonly status: 'registered' | 'conflict';
}

export const MEDIA_SHORTCUTS: readonly ShortcutEntry[] = [
  { id: 'mediaPlayPause', action: 'playPause', accelerator: 'MediaPlayPause', kind: 'media' },
  { id: 'mediaNext', action: 'next', accelerator: 'MediaNextTrack', kind: 'media' },
  { id: 'mediaPrevious', action: 'previous', accelerator: 'MediaPreviousTrack', kind: 'media' },
];

/** The user-bindable actions, in the settings' order. */
const USER_ACTIONS: readonly ShortcutAction[] = SHORTCUT_ACTIONS;

const ALL_IDS: readonly ShortcutId[] = [...USER_ACTIONS, ...MEDIA_SHORTCUTS.map((entry) => entry.id)];

/** How much one volume-up / volume-down press moves the volume, in percent. */
export const VOLUME_STEP = 5;

/** The table for these settings: media keys when enabled, then every bound user shortcut. */
export function shortcutTable(settings: Settings): readonly ShortcutEntry[] {
  const user = USER_ACTIONS.flatMap((action): ShortcutEntry[] => {
    const accelerator = settings.shortcuts[action];
    return accelerator === null ? [] : [{ id: action, action, accelerator, kind: 'user' }];
  });
  return [...(settings.mediaKeys ? MEDIA_SHORTCUTS : []), ...user];
}

/** Splits the table into what to register and what duplicates an earlier entry's keys. */
export function planShortcuts(
  settings: Settings,
  platform: NodeJS.Platform = process.platform,
): ShortcutPlan {
  const seen = new Set<string>();
  const register: ShortcutEntry[] = [];
  const duplicates: ShortcutEntry[] = [];
  for (const entry of shortcutTable(settings)) {
    const key = normalizeAccelerator(entry.accelerator, platform);
    if (seen.has(key)) duplicates.push(entry);
    else {
      seen.add(key);
      register.push(entry);
    }
  }
  return { register, duplicates };
}

/** Every shortcut's status: what was registered or refused, everything else 'off'. */
export function shortcutStatusFrom(results: readonly ShortcutResult[]): ShortcutStatus {
  const status = Object.fromEntries(ALL_IDS.map((id) => [id, 'off'])) as Record<
    ShortcutId,
    ShortcutStatus[ShortcutId]
  >;
  for (const result of results) status[result.id] = result.status;
  return Object.freeze(status);
}

/** The plan's duplicates as conflict results, to append to what registering the rest gave. */
export function duplicateResults(plan: ShortcutPlan): readonly ShortcutResult[] {
  return plan.duplicates.map((entry) => ({ id: entry.id, status: 'conflict' as const }));
}

/** What a shortcut does, as the command the command line would give. */
export function commandForShortcut(action: ShortcutAction): AppCommand {
  switch (action) {
    case 'playPause':
      return { type: 'togglePlay' };
    case 'showHide':
      return { type: 'showHide' };
    default:
      return { type: action };
  }
}

/** The volume after one step up (+1) or down (-1), clamped to 0–100; null when the volume is unknown. */
export function steppedVolume(current: number | null, direction: 1 | -1, step = VOLUME_STEP): number | null {
  if (current === null) return null;
  return Math.min(100, Math.max(0, Math.round(current + direction * step)));
}

const MODIFIER_ALIASES: Readonly<Record<string, string>> = {
  cmd: 'command',
  ctrl: 'control',
  cmdorctrl: 'commandorcontrol',
  option: 'alt',
  altgr: 'altgr',
  meta: 'super',
  return: 'enter',
  esc: 'escape',
};

/**
 * A canonical form of an accelerator for comparing two of them: case and modifier order do not matter,
 * aliases are folded, and CommandOrControl becomes Command on macOS and Control elsewhere (so
 * `Ctrl+Alt+P` and `CommandOrControl+Alt+P` collide on Windows and Linux but not on macOS).
 */
export function normalizeAccelerator(
  accelerator: string,
  platform: NodeJS.Platform = process.platform,
): string {
  const parts = accelerator
    .split('+')
    .map((part) => part.trim().toLowerCase())
    .filter((part) => part !== '')
    .map((part) => MODIFIER_ALIASES[part] ?? part)
    .map((part) => (part === 'commandorcontrol' ? (platform === 'darwin' ? 'command' : 'control') : part));
  const key = parts.pop() ?? '';
  return [...new Set(parts)].sort().concat(key).join('+');
}
