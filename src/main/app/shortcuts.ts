import { isValidAccelerator, normalizeAccelerator } from '../../shared/accelerator.ts';
import type { DesktopPlatform } from '../../shared/app-state.ts';
import {
  SHORTCUT_ACTIONS,
  type Settings,
  type ShortcutAction,
  type ShortcutId,
  type ShortcutState,
  type ShortcutStatus,
} from '../../shared/settings.ts';
import type { AppCommand } from './cli-commands.ts';
import { desktopPlatform } from './desktop-shell.ts';

export { isValidAccelerator, normalizeAccelerator } from '../../shared/accelerator.ts';
/**
 * The global-shortcut table as plain data. desktop/shortcuts.ts registers it with Electron's globalShortcut
 * and reports back what happened; everything else (which keys, duplicates, invalid ones, the status the
 * settings page shows) is decided here.
 */

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
  /** Entries whose keys an earlier entry already takes: reported as duplicates, never registered twice. */
  readonly duplicates: readonly ShortcutEntry[];
  /** Entries Electron cannot register as a global shortcut (see acceleratorProblem): never registered. */
  readonly invalid: readonly ShortcutEntry[];
}

export interface ShortcutResult {
  readonly id: ShortcutId;
  readonly status: ShortcutState;
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

/**
 * Splits the table into what to register, what Electron could not register (invalid) and what duplicates
 * an earlier valid entry's keys. An invalid entry takes no keys, so a later valid one with the same keys
 * is still registered.
 */
export function planShortcuts(
  settings: Settings,
  platform: NodeJS.Platform | DesktopPlatform = process.platform,
): ShortcutPlan {
  const os = desktopPlatform(platform);
  const seen = new Set<string>();
  const register: ShortcutEntry[] = [];
  const duplicates: ShortcutEntry[] = [];
  const invalid: ShortcutEntry[] = [];
  for (const entry of shortcutTable(settings)) {
    if (!isValidAccelerator(entry.accelerator, os)) {
      invalid.push(entry);
      continue;
    }
    const key = normalizeAccelerator(entry.accelerator, os);
    if (seen.has(key)) duplicates.push(entry);
    else {
      seen.add(key);
      register.push(entry);
    }
  }
  return { register, duplicates, invalid };
}

/** Every shortcut's status: what the results say, everything else 'off'. */
export function shortcutStatusFrom(
  results: readonly ShortcutResult[],
  /** What every shortcut without a result is ('unavailable' where none can be registered at all). */
  rest: ShortcutState = 'off',
): ShortcutStatus {
  const status = Object.fromEntries(ALL_IDS.map((id) => [id, rest])) as Record<ShortcutId, ShortcutState>;
  for (const result of results) status[result.id] = result.status;
  return Object.freeze(status);
}

/**
 * The plan's duplicates and invalid entries as results, to append to what registering the rest gave
 * (`shortcutStatusFrom([...registered, ...unregisteredResults(plan)])`).
 */
export function unregisteredResults(plan: ShortcutPlan): readonly ShortcutResult[] {
  return [
    ...plan.duplicates.map((entry) => ({ id: entry.id, status: 'duplicate' as const })),
    ...plan.invalid.map((entry) => ({ id: entry.id, status: 'invalid' as const })),
  ];
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
