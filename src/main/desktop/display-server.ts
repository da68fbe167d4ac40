import { app } from 'electron';

/**
 * Whether Electron draws through Wayland: a Wayland session, unless the app was started on XWayland
 * (`--ozone-platform=x11`). On Wayland a client cannot place its window, keep it on top or read the
 * pointer, and global shortcuts go through the desktop portal.
 */
export function isWayland(env: NodeJS.ProcessEnv = process.env): boolean {
  if (process.platform !== 'linux') return false;
  const ozone = app.commandLine.getSwitchValue('ozone-platform') || env['ELECTRON_OZONE_PLATFORM_HINT'] || '';
  if (ozone === 'x11') return false;
  return env['XDG_SESSION_TYPE'] === 'wayland' || Boolean(env['WAYLAND_DISPLAY']);
}
