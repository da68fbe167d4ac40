import { acceleratorProblem, normalizeAccelerator, type AcceleratorProblem } from '../shared/accelerator.ts';
import type { DesktopPlatform } from '../shared/app-state.ts';
// Types only: the values of settings.ts would bundle zod.
import type { MediaKeyId, Settings, ShortcutAction, ShortcutId, ShortcutState } from '../shared/settings.ts';

/**
 * What the settings page says about each global shortcut, as plain functions (unit-tested). Main reports
 * what registering gave (ShortcutStatus); an invalid or duplicate shortcut is also worked out here, with the
 * same rules as main's plan (shared/accelerator.ts), so the page can name the shortcut that already has
 * the keys and says so the moment one is recorded.
 */

/** Labels in the settings' order (SHORTCUT_ACTIONS in src/shared/settings.ts). */
export const SHORTCUT_LABELS: Readonly<Record<ShortcutAction, string>> = {
  playPause: 'Play/pause',
  next: 'Next track',
  previous: 'Previous track',
  toggleLike: 'Like/unlike',
  volumeUp: 'Volume up',
  volumeDown: 'Volume down',
  showHide: 'Show/hide player',
};
export const SHORTCUTS = Object.keys(SHORTCUT_LABELS) as ShortcutAction[];

/** The media keys main binds when `mediaKeys` is on (MEDIA_SHORTCUTS in src/main/app/shortcuts.ts). */
export const MEDIA_KEYS: readonly {
  readonly id: MediaKeyId;
  readonly accelerator: string;
  readonly label: string;
}[] = [
  { id: 'mediaPlayPause', accelerator: 'MediaPlayPause', label: 'the Play/Pause media key' },
  { id: 'mediaNext', accelerator: 'MediaNextTrack', label: 'the Next media key' },
  { id: 'mediaPrevious', accelerator: 'MediaPreviousTrack', label: 'the Previous media key' },
];

export type LocalProblem =
  | { readonly kind: 'invalid'; readonly problem: AcceleratorProblem }
  | { readonly kind: 'duplicate'; readonly of: ShortcutId };

/**
 * Invalid and duplicate shortcuts among these settings: media keys first (when on), then the user's in
 * order; an invalid one takes no keys; a later one with the keys of an earlier valid one is the duplicate.
 */
export function localProblems(
  settings: Pick<Settings, 'mediaKeys' | 'shortcuts'>,
  platform: DesktopPlatform,
): Partial<Record<ShortcutId, LocalProblem>> {
  const owners = new Map<string, ShortcutId>();
  const problems: Partial<Record<ShortcutId, LocalProblem>> = {};
  const table: [ShortcutId, string][] = [
    ...(settings.mediaKeys ? MEDIA_KEYS.map((key): [ShortcutId, string] => [key.id, key.accelerator]) : []),
    ...SHORTCUTS.flatMap((action): [ShortcutId, string][] => {
      const accelerator = settings.shortcuts[action];
      return accelerator === null ? [] : [[action, accelerator]];
    }),
  ];
  for (const [id, accelerator] of table) {
    const problem = acceleratorProblem(accelerator, platform);
    if (problem !== null) {
      problems[id] = { kind: 'invalid', problem };
      continue;
    }
    const key = normalizeAccelerator(accelerator, platform);
    const owner = owners.get(key);
    if (owner === undefined) owners.set(key, id);
    else problems[id] = { kind: 'duplicate', of: owner };
  }
  return problems;
}

/** A shortcut's name in a sentence ("Play/pause", "the Next media key"). */
function shortcutName(id: ShortcutId): string {
  return MEDIA_KEYS.find((key) => key.id === id)?.label ?? SHORTCUT_LABELS[id as ShortcutAction];
}

/** Why the keys cannot be a global shortcut, with what to do. */
export function invalidText(problem: AcceleratorProblem, platform: DesktopPlatform): string {
  if (problem !== 'needs-modifier')
    return 'Not a valid shortcut: Traytune cannot use these keys. Record others.';
  return platform === 'darwin'
    ? 'Not a valid shortcut: add ⌘, ⌃ or ⌥'
    : 'Not a valid shortcut: add Ctrl, Alt or Super';
}

type StatusTone = 'ok' | 'waiting' | 'problem' | 'off';

export interface ShortcutLine {
  readonly text: string;
  readonly tone: StatusTone;
}

const STATE_LINES: Readonly<Record<Exclude<ShortcutState, 'duplicate' | 'invalid'>, ShortcutLine>> = {
  registered: { text: 'Active', tone: 'ok' },
  pending: { text: "Waiting for the desktop's approval", tone: 'waiting' },
  conflict: { text: 'Taken by another app', tone: 'problem' },
  'needs-accessibility': { text: 'Needs Accessibility permission (see Media keys)', tone: 'problem' },
  unavailable: { text: 'Not available outside the desktop app', tone: 'off' },
  off: { text: 'Off', tone: 'off' },
};

/**
 * The status line of one shortcut: what is wrong with its keys (found here), else what main reported. A
 * bound shortcut main reports as off is "Not active" (nothing registered it), never "Off" next to keys.
 */
export function shortcutLine(options: {
  readonly bound: boolean;
  readonly local: LocalProblem | undefined;
  readonly reported: ShortcutState | null;
  readonly platform: DesktopPlatform;
}): ShortcutLine {
  const { bound, local, reported, platform } = options;
  if (!bound) return STATE_LINES.off;
  if (local?.kind === 'invalid') return { text: invalidText(local.problem, platform), tone: 'problem' };
  if (local?.kind === 'duplicate') return { text: `Same keys as ${shortcutName(local.of)}`, tone: 'problem' };
  if (reported === null) return { text: '', tone: 'off' };
  if (reported === 'invalid') return { text: invalidText('malformed', platform), tone: 'problem' };
  if (reported === 'duplicate') return { text: 'Same keys as another shortcut', tone: 'problem' };
  if (reported === 'off') return { text: 'Not active', tone: 'off' };
  return STATE_LINES[reported];
}

/** The media keys' status while they are on: one line for all three when they agree, else each key's. */
export function mediaKeysLine(reported: Readonly<Record<MediaKeyId, ShortcutState>>): string {
  const [playPause, next, previous] = MEDIA_KEYS.map(
    (key) =>
      shortcutLine({ bound: true, local: undefined, reported: reported[key.id], platform: 'linux' }).text,
  );
  if (playPause === next && next === previous) return `Media keys: ${playPause ?? ''}.`;
  return `Play/pause key: ${playPause ?? ''}. Next: ${next ?? ''}. Previous: ${previous ?? ''}.`;
}
