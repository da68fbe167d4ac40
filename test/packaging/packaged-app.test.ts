/**
 * The packaged app as the boot tests get it from extractPackagedApp: app.asar merged with
 * app.asar.unpacked, in a folder with no node_modules above it. Its main entry (and preload) must resolve
 * every import from what the package ships, following the packages' own imports as Node would; the tray
 * icons must be there as files.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import {
  ROOT,
  extractPackagedApp,
  type ExtractedApp,
  type PackResult,
} from '../../dev/scripts/package-check.ts';
import { skipUnlessLinux } from '../support/platform-gate.ts';
import { resolvePackagedImports, type ImportWalk, type UnresolvedImport } from './packaged-imports.ts';

const notLinux = skipUnlessLinux('test/packaging/packaged-app.test.ts', 'the placeholder Electron for Linux');
const ENTRIES = ['out/main/index.js', 'out/preload/index.cjs'];
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};

let app: ExtractedApp;
let again: ExtractedApp | undefined;
let walk: ImportWalk;

beforeAll(async () => {
  if (notLinux) return;
  app = await extractPackagedApp();
  walk = resolvePackagedImports(app.appDir, ENTRIES);
}, 300_000);

afterAll(() => {
  for (const extracted of [app, again])
    if (extracted !== undefined) rmSync(extracted.root, { recursive: true, force: true });
});

type PackageJson = {
  name?: string;
  optionalDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
};

/** The package.json of the package that holds `file` (relative to the app folder). */
function owningPackage(file: string): PackageJson {
  for (let dir = dirname(join(app.appDir, file)); dir.startsWith(app.appDir); dir = dirname(dir)) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const json = JSON.parse(readFileSync(candidate, 'utf8')) as PackageJson;
      if (json.name !== undefined) return json;
    }
  }
  return {};
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/**
 * An import a package makes inside try/catch on purpose, and declares so: an optional dependency or an
 * optional peer (debug's supports-color). @napi-rs/keyring's generated loader also tries the binaries of
 * every other platform (local `keyring.<platform>.node` files, `@napi-rs/keyring-<platform>` packages,
 * the WASI build), not all of which it declares.
 */
function optionalByDeclaration(miss: UnresolvedImport): boolean {
  const owner = owningPackage(miss.from);
  const name = packageName(miss.specifier);
  if (owner.optionalDependencies?.[name] !== undefined) return true;
  if (owner.peerDependenciesMeta?.[name]?.optional === true) return true;
  return (
    owner.name === '@napi-rs/keyring' &&
    miss.from === 'node_modules/@napi-rs/keyring/index.js' &&
    (/^\.\/keyring\.[\w-]+\.(node|cjs)$/.test(miss.specifier) ||
      /^@napi-rs\/keyring-[\w-]+(\/package\.json)?$/.test(miss.specifier))
  );
}

describe.skipIf(notLinux)('the extracted packaged app', () => {
  it('lies in a fresh folder with no node_modules above it, laid out like resources/app', () => {
    expect(app.appDir).toBe(join(app.resourcesDir, 'app'));
    expect(app.resourcesDir).toBe(join(app.root, 'resources'));
    for (let dir = app.appDir; dirname(dir) !== dir; dir = dirname(dir)) {
      expect(existsSync(join(dirname(dir), 'node_modules')), dirname(dir)).toBe(false);
    }
    expect(existsSync(join(app.appDir, 'node_modules'))).toBe(true);
    for (const file of ENTRIES) expect(existsSync(join(app.appDir, file)), file).toBe(true);
  });

  it('has beside it what process.resourcesPath holds in the package, but not app.asar itself', () => {
    const packed = join(app.build.appOutDir, 'resources');
    const expected = readdirSync(packed).filter(
      (name) => name !== 'app.asar' && name !== 'app.asar.unpacked',
    );
    expect(expected).toContain('app-update.yml');
    expect(readdirSync(app.resourcesDir).sort()).toEqual([...expected, 'app'].sort());
    expect(readFileSync(join(app.resourcesDir, 'app-update.yml'), 'utf8')).toBe(
      readFileSync(join(packed, 'app-update.yml'), 'utf8'),
    );
  });

  it('has app.asar.unpacked merged in: the keychain binding is a real native file', () => {
    const binding = readdirSync(join(app.appDir, 'node_modules', '@napi-rs'), {
      recursive: true,
      encoding: 'utf8',
    }).filter((file) => file.endsWith('.node'));
    expect(binding.length).toBeGreaterThan(0);
    for (const file of binding) {
      expect(statSync(join(app.appDir, 'node_modules', '@napi-rs', file)).size, file).toBeGreaterThan(
        100_000,
      );
    }
  });

  it('has every file of assets/tray, byte for byte, where join(app.getAppPath(), "assets/tray") finds it', () => {
    const trayDir = join(ROOT, 'assets', 'tray');
    const files = readdirSync(trayDir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(trayDir, join(entry.parentPath, entry.name)));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const packed = join(app.appDir, 'assets', 'tray', file);
      expect(existsSync(packed), file).toBe(true);
      expect(readFileSync(packed).equals(readFileSync(join(trayDir, file))), file).toBe(true);
    }
  });

  it('resolves every import of the main bundle and the preload from inside the app', () => {
    const own = [...walk.unresolved, ...walk.outside].filter((miss) => miss.from.startsWith('out/'));
    expect(own).toEqual([]);
    for (const name of Object.keys(pkg.dependencies)) {
      expect(walk.resolved[name], name).toMatch(new RegExp(`^node_modules/${name}/`));
    }
  });

  it('follows the packages’ own imports, and only optional, declared ones are missing', () => {
    console.info(
      `import walk: ${walk.files.length} files, ${Object.keys(walk.resolved).length} bare specifiers resolved, ` +
        `${walk.unresolved.length} optional ones absent`,
    );
    expect(walk.files.length).toBeGreaterThan(50);
    expect(walk.files.some((file) => file.startsWith('node_modules/conf/'))).toBe(true);
    expect(walk.outside).toEqual([]);
    expect(walk.unresolved.filter((miss) => !optionalByDeclaration(miss))).toEqual([]);
    // This platform's keychain binary is not among the optional misses: it resolved.
    expect(walk.resolved[`@napi-rs/keyring-linux-${process.arch}-gnu`]).toMatch(/\.node$/);
  });

  it('extracts anew on every call, from the same build', async () => {
    again = await extractPackagedApp();
    expect(again.root).not.toBe(app.root);
    expect(again.build.outDir).toBe(app.build.outDir);
    expect(readdirSync(again.appDir).sort()).toEqual(readdirSync(app.appDir).sort());
  }, 120_000);
});

describe.skipIf(notLinux)('packagedBuild', () => {
  /** packagedBuild in a separate process, as another test file's worker would call it. */
  function buildInChild(cache: string): Promise<PackResult> {
    const script = `import { packagedBuild } from ${JSON.stringify(pathToFileURL(join(ROOT, 'dev/scripts/package-check.ts')).href)};
process.stdout.write(JSON.stringify(await packagedBuild()));`;
    return new Promise((done, fail) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
        cwd: ROOT,
        env: { ...process.env, TRAYTUNE_PACKAGE_CACHE: cache },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('error', fail);
      child.once('close', (code) =>
        code === 0 ? done(JSON.parse(stdout) as PackResult) : fail(new Error(`exit ${code}: ${stderr}`)),
      );
    });
  }

  it('packs once when several processes ask at the same time, and reuses that build afterwards', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'traytune-package-cache-'));
    try {
      const [first, second] = await Promise.all([buildInChild(cache), buildInChild(cache)]);
      // One build: the same folder and the same recorded build time (two builds would differ).
      expect(first.outDir.startsWith(cache)).toBe(true);
      expect(second).toEqual(first);
      expect(readdirSync(cache)).toEqual([relative(cache, dirname(first.outDir))]);
      expect(await buildInChild(cache)).toEqual(first);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  }, 300_000);
});

describe('optionalByDeclaration', () => {
  it.skipIf(notLinux)('does not excuse a missing regular dependency', () => {
    expect(
      optionalByDeclaration({ from: 'node_modules/conf/dist/source/index.js', specifier: 'ajv', error: '' }),
    ).toBe(false);
    expect(optionalByDeclaration({ from: 'out/main/index.js', specifier: 'zod', error: '' })).toBe(false);
    expect(
      optionalByDeclaration({
        from: 'node_modules/debug/src/node.js',
        specifier: 'supports-color',
        error: '',
      }),
    ).toBe(true);
  });
});
