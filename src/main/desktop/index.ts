import { app } from 'electron';

// Composition root (below the Electron line). The tray, windows and IPC wiring arrive with the tray app.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.dock?.hide();
  app.on('window-all-closed', () => {
    // A tray app keeps running with no window open.
  });
}
