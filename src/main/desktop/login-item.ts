import { app } from 'electron';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { autostartEntry } from '../app/xdg-desktop-entry.ts';

/**
 * Start at login. macOS and Windows through `app.setLoginItemSettings`; Linux (where Electron has no such
 * API) through an XDG autostart entry. Only packaged builds: a development run would register the bare
 * Electron binary.
 */
export async function applyLoginItem(enabled: boolean): Promise<void> {
  if (!app.isPackaged) return;
  if (process.platform === 'linux') {
    await applyXdgAutostart(enabled);
    return;
  }
  app.setLoginItemSettings({ openAtLogin: enabled });
}

async function applyXdgAutostart(enabled: boolean): Promise<void> {
  const dir = join(process.env['XDG_CONFIG_HOME'] || join(homedir(), '.config'), 'autostart');
  const file = join(dir, 'traytune.desktop');
  if (!enabled) {
    await rm(file, { force: true });
    return;
  }
  // An AppImage runs from a temporary mount: the autostart entry must point at the AppImage file itself.
  const exec = process.env['APPIMAGE'] || process.execPath;
  await mkdir(dir, { recursive: true });
  await writeFile(file, autostartEntry({ exec: [exec], name: 'Traytune', icon: 'traytune' }));
}
