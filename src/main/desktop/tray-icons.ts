import { nativeImage, type NativeImage } from 'electron';
import { join } from 'node:path';
import type { TrayIconState } from '../app/tray-menu.ts';
import { paths } from './paths.ts';

/**
 * Tray icons, one per state, under `assets/tray/` (generated from assets/icon.svg by the packaging step):
 *
 * - macOS:   `tray-<state>Template.png` (18×18) and `tray-<state>Template@2x.png` (36×36), black on
 *            transparent; the `Template` suffix makes macOS tint them for light and dark menu bars.
 * - Windows: `tray-<state>.ico` with 16, 20, 24 and 32 px images (the shell picks per DPI).
 * - Linux:   `tray-<state>.png` (32×32, full colour; StatusNotifier hosts scale it).
 *
 * `<state>` is `playing`, `paused` or `idle`. A missing file falls back to a drawn dot, so a build without
 * the generated icons still has something to click.
 */
export function trayIconPath(state: TrayIconState, platform: NodeJS.Platform = process.platform): string {
  const dir = join(paths.assets(), 'tray');
  if (platform === 'darwin') return join(dir, `tray-${state}Template.png`);
  if (platform === 'win32') return join(dir, `tray-${state}.ico`);
  return join(dir, `tray-${state}.png`);
}

const cache = new Map<TrayIconState, NativeImage>();

export function trayIcon(state: TrayIconState): NativeImage {
  let image = cache.get(state);
  if (!image) {
    image = nativeImage.createFromPath(trayIconPath(state));
    if (image.isEmpty()) {
      console.warn(`[tray] ${trayIconPath(state)} is missing; using a placeholder icon.`);
      image = placeholderIcon(state);
    }
    if (process.platform === 'darwin') image.setTemplateImage(true);
    cache.set(state, image);
  }
  return image;
}

/** A 16×16 dot (Spotify green when playing, grey otherwise), drawn as BGRA pixels. */
function placeholderIcon(state: TrayIconState): NativeImage {
  const size = 16;
  const [b, g, r] = state === 'playing' ? [0x54, 0xb9, 0x1d] : [0x80, 0x80, 0x80];
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const inside = (x - 7.5) ** 2 + (y - 7.5) ** 2 <= 6.5 ** 2;
      pixels.set(inside ? [b, g, r, 0xff] : [0, 0, 0, 0], (y * size + x) * 4);
    }
  }
  return nativeImage.createFromBitmap(pixels, { width: size, height: size });
}
