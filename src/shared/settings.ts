import { z } from 'zod';
import {
  DAILY_REQUEST_BUDGET_HINT,
  DAILY_REQUEST_BUDGET_MAX,
  DAILY_REQUEST_BUDGET_MIN,
  DEFAULT_DAILY_REQUEST_BUDGET,
} from './request-budget.ts';

export { DAILY_REQUEST_BUDGET_HINT };

/**
 * The form of an accelerator: parts joined with `+`, each a name (`Alt`, `F5`, `P`) or one punctuation
 * key Electron names (`/`, `[`, `` ` ``, …).
 */
const ACCELERATOR_FORM =
  /^(?:[A-Za-z0-9]+|[)!@#$%^&*(:;=<,_\-.>?/~`{}[\]|\\"'])(?:\+(?:[A-Za-z0-9]+|[)!@#$%^&*(:;=<,_\-.>?/~`{}[\]|\\"']))*$/;

/**
 * The user's settings: plain preferences, never a token. The main process stores them (electron-store,
 * with the JSON schema generated from this) and the renderer edits them through the IPC contract.
 */

/**
 * An Electron accelerator such as `CommandOrControl+Alt+P`, or null for "not bound". Only its form is
 * checked here: names (letters and digits) or single punctuation keys (`Alt+/`) joined with `+`. Whether
 * Electron accepts it as a global shortcut is a status (`invalid`, see shared/accelerator.ts), not a
 * reason to refuse the file.
 */
export const acceleratorSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(ACCELERATOR_FORM, 'Use keys joined with +, e.g. CommandOrControl+Alt+P')
  .nullable();

export const SHORTCUT_ACTIONS = [
  'playPause',
  'next',
  'previous',
  'toggleLike',
  'volumeUp',
  'volumeDown',
  'showHide',
] as const;
export type ShortcutAction = (typeof SHORTCUT_ACTIONS)[number];

export const shortcutsSchema = z.object({
  playPause: acceleratorSchema,
  next: acceleratorSchema,
  previous: acceleratorSchema,
  toggleLike: acceleratorSchema,
  volumeUp: acceleratorSchema,
  volumeDown: acceleratorSchema,
  showHide: acceleratorSchema,
});

export const dailyRequestBudgetSchema = z
  .number(DAILY_REQUEST_BUDGET_HINT)
  .int(DAILY_REQUEST_BUDGET_HINT)
  .min(DAILY_REQUEST_BUDGET_MIN, DAILY_REQUEST_BUDGET_HINT)
  .max(DAILY_REQUEST_BUDGET_MAX, DAILY_REQUEST_BUDGET_HINT);

const windowPositionSchema = z.object({ x: z.number().int(), y: z.number().int() }).nullable();

/**
 * Longest redirect URI kept: browsers and Spotify's dashboard work with far shorter ones, and the value
 * rides along in every state push, so a huge one is refused rather than stored.
 */
export const MAX_REDIRECT_URI_LENGTH = 2_048;
/** Spotify's client IDs are 32 hex characters; other OAuth servers (the simulator) get some room. */
export const MAX_CLIENT_ID_LENGTH = 256;

export const settingsSchema = z.object({
  /** The user's own Spotify app (not a secret: PKCE needs none). */
  clientId: z.string().max(MAX_CLIENT_ID_LENGTH).nullable(),
  /** The redirect URI registered in the dashboard; the port is chosen at sign-in when it has none. */
  redirectUri: z.string().max(MAX_REDIRECT_URI_LENGTH),
  /** Media keys (play/pause, next, previous); off avoids double actions with the official client. */
  mediaKeys: z.boolean(),
  shortcuts: shortcutsSchema,
  notifyOnTrackChange: z.boolean(),
  startAtLogin: z.boolean(),
  alwaysOnTop: z.boolean(),
  /** A pinned mini-player stays open when it loses focus. */
  pinned: z.boolean(),
  windowPosition: windowPositionSchema,
  /** Packaged builds only. */
  checkForUpdates: z.boolean(),
  /** Web API requests a day (rolling 24 h) the player keeps to: it polls less as the budget runs down. */
  dailyRequestBudget: dailyRequestBudgetSchema,
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  clientId: null,
  redirectUri: 'http://127.0.0.1/callback',
  mediaKeys: true,
  // Opt-in: any default combination takes keys from someone (AltGr is Ctrl+Alt on Windows, so Ctrl+Alt+L
  // and +S would stop Polish users typing ł and ś; IDEs and browsers use the rest).
  shortcuts: {
    playPause: null,
    next: null,
    previous: null,
    toggleLike: null,
    volumeUp: null,
    volumeDown: null,
    showHide: null,
  },
  notifyOnTrackChange: false,
  startAtLogin: false,
  alwaysOnTop: false,
  pinned: false,
  windowPosition: null,
  checkForUpdates: true,
  dailyRequestBudget: DEFAULT_DAILY_REQUEST_BUDGET,
};

/** What the renderer may change (everything but the window position, which the window itself keeps). */
export const settingsPatchSchema = settingsSchema
  .omit({ windowPosition: true, clientId: true })
  .extend({ shortcuts: shortcutsSchema.partial() })
  .partial()
  .strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/** The three media keys, bound when `mediaKeys` is on. */
export const MEDIA_KEY_IDS = ['mediaPlayPause', 'mediaNext', 'mediaPrevious'] as const;
export type MediaKeyId = (typeof MEDIA_KEY_IDS)[number];
/** Every global shortcut: the user's, then the media keys. */
export type ShortcutId = ShortcutAction | MediaKeyId;

export const SHORTCUT_STATES = [
  /** Registered and working. */
  'registered',
  /** Wayland: asked of the desktop portal, not yet known to work. */
  'pending',
  /** Electron refused it: another app owns the keys. */
  'conflict',
  /** The same keys as an earlier shortcut (never registered twice). */
  'duplicate',
  /** Not a valid global shortcut (never registered). */
  'invalid',
  /** macOS: media keys while Traytune is not trusted under Accessibility. */
  'needs-accessibility',
  /** This desktop has no global shortcuts at all (the browser harness): nothing is ever registered. */
  'unavailable',
  /** Not bound (or media keys turned off). */
  'off',
] as const;
export type ShortcutState = (typeof SHORTCUT_STATES)[number];

/** What became of each global shortcut. */
export type ShortcutStatus = Readonly<Record<ShortcutId, ShortcutState>>;
