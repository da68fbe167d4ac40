import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Layout } from './boot-client.ts';

const ROOT = resolve(import.meta.dirname, '../../..');

/** The built bundle, as `npm start` runs it: the project folder is the app (unpackaged). */
export function builtLayout(): Layout {
  return { name: 'built', appPath: ROOT, resourcesPath: ROOT, packaged: false };
}

/** Builds out/ with electron-vite when it is missing (a fresh clone runs the unit tests before e2e). */
export function ensureBuilt(): void {
  if (existsSync(join(ROOT, 'out/main/index.js')) && existsSync(join(ROOT, 'out/preload/index.cjs'))) return;
  const result = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) throw new Error('electron-vite build failed');
}

/** The packaged app: app.asar of the placeholder-Electron build, extracted where no node_modules are above it. */
export async function packagedLayout(): Promise<Layout> {
  const { extractPackagedApp } = await import('../../../dev/scripts/package-check.ts');
  const { appDir, resourcesDir } = await extractPackagedApp();
  return { name: 'packaged', appPath: appDir, resourcesPath: resourcesDir, packaged: true };
}
