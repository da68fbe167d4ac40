import { z } from 'zod';

/**
 * The user's settings: plain preferences, never a token. The main process stores them (electron-store,
 * with the JSON schema generated from this) and the renderer edits them through the IPC contract.
 */

/** An Electron accelerator such as `CommandOrControl+Alt+P`, or null for "not bound". */
export const acceleratorSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9+]+$/, 'Use keys joined with +, e.g. CommandOrControl+Alt+P')
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

export const windowPositionSchema = z.object({ x: z.number().int(), y: z.number().int() }).nullable();

export const settingsSchema = z.object({
  /** The user's own Spotify app (not a secret: PKCE needs none). */
  clientId: z.string().nullable(),
  /** The redirect URI registered in the dashboard; the port is chosen at sign-in when it has none. */
  redirectUri: z.string(),
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
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  clientId: null,
  redirectUri: 'http://127.0.0.1/callback',
  mediaKeys: true,
  shortcuts: {
    playPause: 'CommandOrControl+Alt+P',
    next: 'CommandOrControl+Alt+Right',
    previous: 'CommandOrControl+Alt+Left',
    toggleLike: 'CommandOrControl+Alt+L',
    volumeUp: 'CommandOrControl+Alt+Up',
    volumeDown: 'CommandOrControl+Alt+Down',
    showHide: 'CommandOrControl+Alt+S',
  },
  notifyOnTrackChange: false,
  startAtLogin: false,
  alwaysOnTop: false,
  pinned: false,
  windowPosition: null,
  checkForUpdates: true,
};

/** What the renderer may change (everything but the window position, which the window itself keeps). */
export const settingsPatchSchema = settingsSchema
  .omit({ windowPosition: true, clientId: true })
  .extend({ shortcuts: shortcutsSchema.partial() })
  .partial()
  .strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/** Whether each global shortcut could be registered (another app may own the same keys). */
export type ShortcutStatus = Readonly<
  Record<ShortcutAction | 'mediaPlayPause' | 'mediaNext' | 'mediaPrevious', 'registered' | 'conflict' | 'off'>
>;
