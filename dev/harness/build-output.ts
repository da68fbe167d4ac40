import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** electron-vite's output folder in this checkout (`npm run build` writes it). */
const DEFAULT_OUT_DIR = fileURLToPath(new URL('../../out/', import.meta.url));

/** What the harness serves from electron-vite's output: the renderer and the preload, as built. */
export interface BuildOutput {
  readonly rendererDir: string;
  readonly indexHtml: string;
  /** out/preload/index.cjs, byte for byte. */
  readonly preloadSource: string;
}

/** Thrown when electron-vite's output lacks a file the harness serves. */
export class HarnessNotBuiltError extends Error {
  override readonly name = 'HarnessNotBuiltError';
  /** The missing file. */
  readonly path: string;
  constructor(path: string) {
    const shown = relative(process.cwd(), path) || path;
    super(`The harness serves the built app, and ${shown} is missing: run \`npm run build\` first.`);
    this.path = path;
  }
}

export async function readBuildOutput(outDir: string = DEFAULT_OUT_DIR): Promise<BuildOutput> {
  const rendererDir = join(outDir, 'renderer');
  const indexHtml = await readBuilt(join(rendererDir, 'index.html'));
  const preloadSource = await readBuilt(join(outDir, 'preload', 'index.cjs'));
  return { rendererDir, indexHtml, preloadSource };
}

async function readBuilt(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new HarnessNotBuiltError(path);
    throw error;
  }
}
