import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Linux package this build was installed from, as electron-builder records it in
 * `resources/package-type` (`deb`, `rpm`, `pacman`); null for the AppImage, tar.gz, macOS and Windows.
 */
export function linuxPackageType(resourcesPath: string = process.resourcesPath): string | null {
  if (process.platform !== 'linux') return null;
  try {
    return readFileSync(join(resourcesPath, 'package-type'), 'utf8').trim() || null;
  } catch {
    return null;
  }
}

/** deb and rpm install through pkexec or sudo: a password prompt, which must never come at quit. */
export function installsNeedRoot(packageType: string | null): boolean {
  return packageType === 'deb' || packageType === 'rpm' || packageType === 'pacman';
}
