import { Notification } from 'electron';
import type { SettingsStore } from '../settings/settings-store.ts';
import type { TraytuneApp } from '../app/traytune-app.ts';

/**
 * The optional track-change notification: when a new track starts playing, the setting is on and the
 * mini-player is not already showing it. Silent, and replaced by the next one.
 */
export function notifyTrackChanges(
  app: TraytuneApp,
  settings: SettingsStore,
  isMiniPlayerVisible: () => boolean,
): () => void {
  let lastUri: string | null | undefined;
  let current: Notification | null = null;
  let warned = false;
  return app.on('player:snapshot', (snapshot) => {
    const uri = snapshot.item?.uri ?? null;
    const first = lastUri === undefined;
    if (uri === lastUri) return;
    lastUri = uri;
    // The first snapshot is what was already playing at start, not a change.
    if (first || uri === null || !snapshot.isPlaying || snapshot.item === null) return;
    if (!settings.get().notifyOnTrackChange || isMiniPlayerVisible() || !Notification.isSupported()) return;
    current?.close();
    const notification = new Notification({
      title: snapshot.item.name,
      body: [snapshot.item.artists.join(', '), snapshot.item.album].filter(Boolean).join(' — '),
      silent: true,
    });
    // macOS and Windows: the OS refused the notification (turned off for the app, Focus, no Start-menu
    // shortcut on Windows). Said once per run; the track still shows in the tray.
    notification.on('failed', (_event, error) => {
      if (!warned) console.warn(`[notifications] the system did not show a notification: ${error}`);
      warned = true;
    });
    current = notification;
    notification.show();
  });
}
