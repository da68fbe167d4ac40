/**
 * Resolves the imports of an extracted packaged app the way Node does, from inside it: starting at its
 * entry points, every static `import`/`export … from`, `import('literal')` and `require('literal')` is
 * resolved from the importing file (ESM resolution with `import.meta.resolve(specifier, parent)`, CommonJS
 * with `createRequire(parent).resolve`), and the files reached inside the app are read in turn, so the
 * packages' own entry points and their dependencies are followed too. `electron` and Node's builtins are
 * not looked up (Electron provides them). The imports are found with TypeScript's `preProcessFile`, a
 * scanner that knows strings, comments and template literals.
 *
 * `import.meta.resolve` with a parent needs `--experimental-import-meta-resolve`, so the walk runs in a
 * child process: `resolvePackagedImports` starts this file with that flag.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

export interface UnresolvedImport {
  /** The importing file, relative to the app folder (with '/'). */
  readonly from: string;
  readonly specifier: string;
  readonly error: string;
}

export interface ImportWalk {
  /** Files read, relative to the app folder. */
  readonly files: readonly string[];
  /** Bare specifiers seen, and the file (relative) each resolved to. */
  readonly resolved: Readonly<Record<string, string>>;
  readonly unresolved: readonly UnresolvedImport[];
  /** Imports that resolved to a file outside the app folder (nothing should). */
  readonly outside: readonly UnresolvedImport[];
}

/** Electron provides these in its main and preload processes. */
function providedByElectron(specifier: string): boolean {
  return specifier === 'electron' || specifier.startsWith('electron/') || isBuiltin(specifier);
}

/** Whether Node loads `file` as an ES module (by extension, else the nearest package.json "type"). */
function isEsm(file: string, appDir: string): boolean {
  const extension = extname(file);
  if (extension === '.mjs') return true;
  if (extension === '.cjs') return false;
  for (let dir = dirname(file); dir.startsWith(appDir); dir = dirname(dir)) {
    try {
      return (
        (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { type?: string }).type === 'module'
      );
    } catch {
      if (dir === appDir) break;
    }
  }
  return false;
}

function resolveFrom(file: string, specifier: string, esm: boolean): string {
  const viaImport = (): string => fileURLToPath(import.meta.resolve(specifier, pathToFileURL(file).href));
  const viaRequire = (): string => createRequire(file).resolve(specifier);
  // preProcessFile does not say whether an import or a require found it: try the file's own kind first.
  const [first, second] = esm ? [viaImport, viaRequire] : [viaRequire, viaImport];
  try {
    return first();
  } catch (error) {
    try {
      return second();
    } catch {
      throw error;
    }
  }
}

/** Walks the imports from `entries` (paths relative to `appDir`). Runs in the flagged child. */
function walkImports(appDir: string, entries: readonly string[]): ImportWalk {
  const root = resolve(appDir);
  const rel = (file: string): string => relative(root, file).split(sep).join('/');
  const queue = entries.map((entry) => join(root, entry));
  const seen = new Set(queue);
  const resolved: Record<string, string> = {};
  const unresolved: UnresolvedImport[] = [];
  const outside: UnresolvedImport[] = [];
  for (let index = 0; index < queue.length; index++) {
    const file = queue[index] ?? '';
    const source = readFileSync(file, 'utf8');
    const esm = isEsm(file, root);
    const { importedFiles } = ts.preProcessFile(source, true, true);
    for (const { fileName: specifier } of importedFiles) {
      if (providedByElectron(specifier)) continue;
      let target: string;
      try {
        target = resolveFrom(file, specifier, esm);
      } catch (error) {
        unresolved.push({ from: rel(file), specifier, error: (error as Error).message.split('\n')[0] ?? '' });
        continue;
      }
      // import.meta.resolve does not check that a relative or exported file exists; loading would.
      if (!existsSync(target)) {
        unresolved.push({
          from: rel(file),
          specifier,
          error: `resolves to ${rel(target)}, which is missing`,
        });
        continue;
      }
      if (!target.startsWith(root + sep)) {
        outside.push({ from: rel(file), specifier, error: `resolved to ${target}` });
        continue;
      }
      if (!specifier.startsWith('.') && !specifier.startsWith('/')) resolved[specifier] ??= rel(target);
      if (/\.(c|m)?js$/.test(target) && !seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return { files: queue.map(rel), resolved, unresolved, outside };
}

/** Runs walkImports in a child Node with --experimental-import-meta-resolve. */
export function resolvePackagedImports(appDir: string, entries: readonly string[]): ImportWalk {
  const run = spawnSync(
    process.execPath,
    [
      '--experimental-import-meta-resolve',
      '--no-warnings',
      fileURLToPath(import.meta.url),
      appDir,
      ...entries,
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (run.status !== 0) throw new Error(`the import walk failed (exit ${run.status}):\n${run.stderr}`);
  return JSON.parse(run.stdout) as ImportWalk;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [appDir = '', ...entries] = process.argv.slice(2);
  process.stdout.write(JSON.stringify(walkImports(appDir, entries)));
}
