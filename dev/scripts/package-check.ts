/**
 * Packs the app with electron-builder and electron-builder.yml, on a machine that cannot download Electron:
 * a placeholder Electron distribution stands in for the real one, so the `dir`, `tar.gz` and `zip` targets
 * are built for real and the AppImage, deb and rpm targets run up to the point where they would call
 * their downloaded tools (appimagetool, fpm), which records their .desktop entries instead.
 *
 *   node dev/scripts/package-check.ts [--out DIR] [--result FILE]   (npm run package:check)
 *
 * Without --out it packs into release/placeholder/. It prints what ended up in app.asar and writes
 * test-results/packaging/asar-report.json.
 *
 * Tests use it through packagedBuild() (one build shared by all test files of a run, and by later runs
 * while its inputs are unchanged) and extractPackagedApp() (that build's app.asar, merged with
 * app.asar.unpacked, extracted where no node_modules are above it, for booting the packaged app).
 *
 * The placeholder distribution (createPlaceholderElectronDist) is what electron-builder copies for a custom
 * unpacked `electronDist` directory: an `electron` executable (here a shell script that refuses to run and
 * carries Electron's fuse wire, so the `electronFuses` flip is real and checkable), `version`, `LICENSE`,
 * `LICENSES.chromium.html`, `locales/` and an empty `resources/`. No `default_app.asar`: electron-builder
 * only deletes that from Electron zips it unpacks itself, so a copied one would end up in the package.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import asar from '@electron/asar';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);

/** The entry points electron-vite writes; packaging needs all of them. */
export const BUILD_OUTPUTS = [
  'out/main/index.js',
  'out/preload/index.cjs',
  'out/renderer/index.html',
] as const;

/** @electron/fuses' sentinel: the fuse wire (version byte, length byte, one byte per fuse) follows it. */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** The V1 fuses in wire order (@electron/fuses FuseV1Options). */
export const FUSE_NAMES = [
  'RunAsNode',
  'EnableCookieEncryption',
  'EnableNodeOptionsEnvironmentVariable',
  'EnableNodeCliInspectArguments',
  'EnableEmbeddedAsarIntegrityValidation',
  'OnlyLoadAppFromAsar',
  'LoadBrowserProcessSpecificV8Snapshot',
  'GrantFileProtocolExtraPrivileges',
] as const;
export type FuseName = (typeof FUSE_NAMES)[number];
/** Electron's shipped fuse states ('1' on, '0' off), which the placeholder starts from. */
const ELECTRON_DEFAULT_FUSES = '10110001';

/** The Electron version electron-builder packs for (the installed `electron` devDependency). */
export function electronVersion(): string {
  return (require('electron/package.json') as { version: string }).version;
}

/** Writes a placeholder Electron distribution for Linux into `dir` and returns `dir`. */
export async function createPlaceholderElectronDist(dir: string, version: string): Promise<string> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, 'resources'), { recursive: true });
  await mkdir(join(dir, 'locales'), { recursive: true });
  const script = [
    '#!/bin/sh',
    '# Placeholder Electron for packaging checks (dev/scripts/package-check.ts). It is not Electron.',
    'echo "traytune: this is a packaging test build with a placeholder Electron; it cannot run" >&2',
    'exit 1',
    '',
  ].join('\n');
  const wire = Buffer.concat([
    Buffer.from(`# fuse wire: ${FUSE_SENTINEL}`, 'latin1'),
    Buffer.from([1, FUSE_NAMES.length]),
    Buffer.from(`${ELECTRON_DEFAULT_FUSES}\n`, 'latin1'),
  ]);
  await writeFile(join(dir, 'electron'), Buffer.concat([Buffer.from(script, 'utf8'), wire]));
  await chmod(join(dir, 'electron'), 0o755);
  await writeFile(join(dir, 'version'), `${version}\n`);
  await writeFile(join(dir, 'LICENSE'), 'Placeholder for Electron’s MIT license (packaging test build).\n');
  await writeFile(join(dir, 'LICENSES.chromium.html'), '<!-- placeholder for Chromium’s licenses -->\n');
  await writeFile(join(dir, 'locales', 'en-US.pak'), '');
  return dir;
}

/** Reads the V1 fuse wire of an Electron binary: each fuse's state character ('0', '1' or 'r' removed). */
export function readFuses(binary: Buffer): Record<FuseName, string> {
  const at = binary.indexOf(FUSE_SENTINEL, 0, 'latin1');
  if (at < 0) throw new Error('no fuse sentinel in the binary');
  const position = at + FUSE_SENTINEL.length;
  if (binary[position] !== 1) throw new Error(`fuse wire version ${binary[position]}, expected 1`);
  const length = binary[position + 1] ?? 0;
  const fuses = {} as Record<FuseName, string>;
  FUSE_NAMES.forEach((name, index) => {
    fuses[name] = index < length ? String.fromCharCode(binary[position + 2 + index] ?? 0) : '-';
  });
  return fuses;
}

/** Runs `electron-vite build` when one of its outputs is missing. Returns whether it built. */
export function ensureAppBuilt(): boolean {
  const missing = BUILD_OUTPUTS.filter((file) => !existsSync(join(ROOT, file)));
  if (missing.length === 0) return false;
  console.info(`package-check: ${missing.join(', ')} missing; running electron-vite build`);
  const cli = join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const result = spawnSync(process.execPath, [cli, 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`electron-vite build failed (exit ${result.status})`);
  return true;
}

/** What a Linux target that stopped before its download recorded (from electron-builder's own values). */
export interface DryRunTarget {
  readonly target: 'AppImage' | 'deb' | 'rpm';
  /** The .desktop file's name as installed (deb/rpm: /usr/share/applications/NAME). */
  readonly desktopFileName: string;
  readonly desktopEntry: string;
  /** fpm's arguments (deb/rpm only). */
  readonly fpmArgs?: readonly string[];
}

export interface PackResult {
  readonly electronVersion: string;
  readonly seconds: number;
  readonly outDir: string;
  readonly appOutDir: string;
  readonly executable: string;
  readonly artifacts: readonly { readonly file: string; readonly bytes: number }[];
  readonly fusesBefore: Record<FuseName, string>;
  readonly fusesAfter: Record<FuseName, string>;
  readonly dryRuns: readonly DryRunTarget[];
}

/** Stand-ins for what the real build takes from the checkout's git remote (publish owner/repo, homepage). */
const PLACEHOLDER_REPOSITORY = { owner: 'traytune', repo: 'traytune' };

/**
 * Packs with the real electron-builder.yml plus only what a machine without downloads needs: the
 * placeholder Electron, the output folder, the Linux targets, no compression (faster; the contents are
 * the same) and a repository for publish/homepage. Like the release workflow, it packs once (`dir`,
 * `tar.gz`, `zip`) and then builds the installer targets from that folder (`prepackaged`), so the archives
 * never pick up the `package-type` file the deb and rpm targets write into it.
 */
export async function packWithPlaceholderElectron(outDir: string): Promise<PackResult> {
  const started = Date.now();
  const version = electronVersion();
  await rm(outDir, { recursive: true, force: true });
  const dist = await createPlaceholderElectronDist(join(outDir, '.placeholder-electron'), version);
  const fusesBefore = readFuses(await readFile(join(dist, 'electron')));

  process.env.ELECTRON_BUILDER_7ZIP_PATH ??= '/usr/bin/7za';
  process.env.CSC_IDENTITY_AUTO_DISCOVERY = 'false';
  const builder = (await import('electron-builder')).default;
  const config = {
    electronDist: dist,
    directories: { output: outDir },
    compression: 'store' as const,
    publish: { provider: 'github' as const, ...PLACEHOLDER_REPOSITORY },
    extraMetadata: {
      homepage: `https://github.com/${PLACEHOLDER_REPOSITORY.owner}/${PLACEHOLDER_REPOSITORY.repo}`,
    },
  };
  const packed = await builder.build({
    projectDir: ROOT,
    publish: 'never',
    targets: builder.Platform.LINUX.createTarget(['dir', 'tar.gz', 'zip'], builder.Arch.x64),
    config,
  });
  const appOutDir = join(outDir, 'linux-unpacked');
  const executable = join(appOutDir, 'traytune');
  const fusesAfter = readFuses(await readFile(executable));

  const dryRuns: DryRunTarget[] = [];
  await builder.build({
    projectDir: ROOT,
    publish: 'never',
    prepackaged: appOutDir,
    targets: builder.Platform.LINUX.createTarget(['AppImage', 'deb', 'rpm'], builder.Arch.x64),
    config,
    // Called by the AppImage, deb and rpm targets right before their downloaded tool would run;
    // returning true skips the tool.
    effectiveOptionComputed: async (options: unknown): Promise<boolean> => {
      if (Array.isArray(options) && Array.isArray(options[0]) && typeof options[1] === 'string') {
        const fpmArgs = (options[0] as unknown[]).map(String);
        const packageFile = fpmArgs[fpmArgs.indexOf('--package') + 1] ?? '';
        const mapping = fpmArgs.find((arg) => arg.includes('=/usr/share/applications/')) ?? '';
        dryRuns.push({
          target: packageFile.endsWith('.rpm') ? 'rpm' : 'deb',
          desktopFileName: mapping.slice(mapping.lastIndexOf('/') + 1),
          desktopEntry: await readFile(options[1], 'utf8'),
          fpmArgs,
        });
        return true;
      }
      if (
        typeof options === 'object' &&
        options !== null &&
        'desktopFileName' in options &&
        'desktop' in options
      ) {
        const { desktop, desktopFileName } = options as { desktop: string; desktopFileName: string };
        dryRuns.push({ target: 'AppImage', desktopFileName, desktopEntry: desktop });
        return true;
      }
      return false;
    },
  });
  // The installer targets wrote their update files into the folder; leave it as the packing left it.
  await rm(join(appOutDir, 'resources', 'package-type'), { force: true });

  const files = [...new Set(packed)].filter((file) => !file.endsWith('.blockmap'));
  return {
    electronVersion: version,
    seconds: (Date.now() - started) / 1000,
    outDir,
    appOutDir,
    executable,
    artifacts: await Promise.all(files.map(async (file) => ({ file, bytes: (await stat(file)).size }))),
    fusesBefore,
    fusesAfter,
    dryRuns: dryRuns.sort((a, b) => a.target.localeCompare(b.target)),
  };
}

export interface AsarEntry {
  readonly path: string;
  readonly bytes: number;
  readonly unpacked: boolean;
}

export interface PackedPackage {
  readonly name: string;
  readonly version: string;
  /** Its folder inside the archive, e.g. node_modules/conf or node_modules/a/node_modules/b. */
  readonly path: string;
  readonly bytes: number;
  readonly unpacked: boolean;
}

export interface AsarReport {
  readonly asarBytes: number;
  readonly unpackedBytes: number;
  readonly fileCount: number;
  readonly appBytes: number;
  readonly nodeModulesBytes: number;
  readonly entries: readonly AsarEntry[];
  readonly packages: readonly PackedPackage[];
  readonly packageJson: { readonly main?: string; readonly name?: string; readonly version?: string };
}

type HeaderNode = {
  files?: Record<string, HeaderNode>;
  size?: number;
  unpacked?: boolean;
  link?: string;
};

/** Every file in an asar archive (paths with '/'), with its size and whether it lives in app.asar.unpacked. */
export function listAsar(asarPath: string): AsarEntry[] {
  const entries: AsarEntry[] = [];
  const walk = (node: HeaderNode, prefix: string, unpackedParent: boolean): void => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const path = prefix === '' ? name : `${prefix}/${name}`;
      const unpacked = child.unpacked ?? unpackedParent;
      if (child.files !== undefined) walk(child, path, unpacked);
      else if (child.link === undefined) entries.push({ path, bytes: child.size ?? 0, unpacked });
    }
  };
  walk(asar.getRawHeader(asarPath).header, '', false);
  return entries.sort((a, b) => a.path.localeCompare(b.path));
}

async function directoryBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => [])) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}

/** Reads app.asar (and app.asar.unpacked) of a packed app's resources folder. */
export async function inspectAsar(resourcesDir: string): Promise<AsarReport> {
  const asarPath = join(resourcesDir, 'app.asar');
  const entries = listAsar(asarPath);
  const read = (path: string): Buffer => asar.extractFile(asarPath, path);
  const packages: PackedPackage[] = [];
  for (const entry of entries) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\/package\.json$/.exec(entry.path);
    if (match?.[1] === undefined || match[1].endsWith('/node_modules')) continue;
    const folder = match[1];
    // A package.json in a package's subfolder (e.g. dist/esm/package.json) is not a package.
    if (!/node_modules\/(?:@[^/]+\/)?[^/]+$/.test(folder)) continue;
    const unpacked = entry.unpacked;
    const json = JSON.parse(
      (unpacked
        ? await readFile(join(`${asarPath}.unpacked`, ...entry.path.split('/')))
        : read(entry.path)
      ).toString('utf8'),
    ) as { name?: string; version?: string };
    if (json.name === undefined) continue;
    const inside = entries.filter(
      (other) =>
        other.path.startsWith(`${folder}/`) && !other.path.slice(folder.length).includes('/node_modules/'),
    );
    packages.push({
      name: json.name,
      version: json.version ?? '',
      path: folder,
      bytes: inside.reduce((sum, other) => sum + other.bytes, 0),
      unpacked,
    });
  }
  const packageJson = JSON.parse(read('package.json').toString('utf8')) as AsarReport['packageJson'];
  return {
    asarBytes: (await stat(asarPath)).size,
    unpackedBytes: await directoryBytes(`${asarPath}.unpacked`),
    fileCount: entries.length,
    appBytes: entries.filter((e) => !e.path.startsWith('node_modules/')).reduce((sum, e) => sum + e.bytes, 0),
    nodeModulesBytes: entries
      .filter((e) => e.path.startsWith('node_modules/'))
      .reduce((sum, e) => sum + e.bytes, 0),
    entries,
    packages: packages.sort((a, b) => a.path.localeCompare(b.path)),
    packageJson,
  };
}

export const REPORT_FILE = join(ROOT, 'test-results', 'packaging', 'asar-report.json');

/** A readable summary; `report` is also written as JSON to test-results/packaging/asar-report.json. */
export async function writeReport(result: PackResult, report: AsarReport): Promise<string> {
  const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
  const largest = [...report.packages].sort((a, b) => b.bytes - a.bytes).slice(0, 8);
  const summary = {
    electronVersion: result.electronVersion,
    buildSeconds: Number(result.seconds.toFixed(1)),
    asarBytes: report.asarBytes,
    unpackedBytes: report.unpackedBytes,
    appBytes: report.appBytes,
    nodeModulesBytes: report.nodeModulesBytes,
    fileCount: report.fileCount,
    packages: report.packages.map(({ name, version, bytes, unpacked }) => ({
      name,
      version,
      bytes,
      unpacked,
    })),
    artifacts: result.artifacts.map(({ file, bytes }) => ({ file: relative(result.outDir, file), bytes })),
    fuses: result.fusesAfter,
    contentSha256: createHash('sha256')
      .update(report.entries.map((e) => `${e.path}\t${e.bytes}\t${e.unpacked}`).join('\n'))
      .digest('hex'),
  };
  await mkdir(dirname(REPORT_FILE), { recursive: true });
  await writeFile(REPORT_FILE, `${JSON.stringify(summary, null, 2)}\n`);
  return [
    `app.asar: ${mib(report.asarBytes)} (${report.fileCount} files; app ${mib(report.appBytes)}, node_modules ${mib(report.nodeModulesBytes)}), app.asar.unpacked: ${mib(report.unpackedBytes)}`,
    `packages: ${report.packages.length}; largest: ${largest.map((p) => `${p.name} ${mib(p.bytes)}`).join(', ')}`,
    `artifacts: ${summary.artifacts.map((a) => `${a.file} (${mib(a.bytes)})`).join(', ')}`,
    `built in ${summary.buildSeconds} s; report: ${relative(ROOT, REPORT_FILE).split(sep).join('/')}`,
  ].join('\n');
}

/** One npm package as `npm ls --omit=dev --all` lists it: what the app needs at run time. */
export interface ProductionPackage {
  readonly name: string;
  readonly version: string;
  /** How it is reached from the app, e.g. "electron-store > conf > ajv". */
  readonly via: string;
}

/**
 * Every installed production dependency, direct or not, from `npm ls --omit=dev --all --json`. Optional
 * dependencies that are not installed (other platforms' @napi-rs/keyring-*) have no version there and
 * are left out; so are extraneous packages, which nothing depends on.
 */
export function productionPackages(root = ROOT): ProductionPackage[] {
  const run = spawnSync('npm', ['ls', '--omit=dev', '--all', '--json'], {
    cwd: root,
    encoding: 'utf8',
    shell: process.platform === 'win32',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.stdout.trim() === '') throw new Error(`npm ls printed nothing (exit ${run.status}): ${run.stderr}`);
  type Node = { version?: string; extraneous?: boolean; dependencies?: Record<string, Node> };
  const tree = JSON.parse(run.stdout) as Node;
  const found = new Map<string, ProductionPackage>();
  const walk = (node: Node, via: readonly string[]): void => {
    for (const [name, child] of Object.entries(node.dependencies ?? {})) {
      if (child.version === undefined || child.extraneous === true) continue;
      const key = `${name}@${child.version}`;
      if (!found.has(key)) found.set(key, { name, version: child.version, via: [...via, name].join(' > ') });
      walk(child, [...via, name]);
    }
  };
  walk(tree, []);
  return [...found.values()].sort((a, b) => `${a.name}@${a.version}`.localeCompare(`${b.name}@${b.version}`));
}

/**
 * Where test runs keep their shared placeholder build (one per set of build inputs):
 * TRAYTUNE_PACKAGE_CACHE, or traytune-packaging in the temporary folder.
 */
function packageCacheDir(): string {
  return process.env['TRAYTUNE_PACKAGE_CACHE'] || join(tmpdir(), 'traytune-packaging');
}
/** How long a test file waits for another one's build before giving up. */
const BUILD_LOCK_WAIT_MS = 10 * 60_000;

/** A hash of what the package is made of: the build output, the configuration, the lock file, the assets. */
async function buildInputsKey(): Promise<string> {
  const files = ['package.json', 'package-lock.json', 'electron-builder.yml', 'dev/scripts/package-check.ts'];
  for (const dir of ['out', 'assets']) {
    for (const entry of await readdir(join(ROOT, dir), { withFileTypes: true, recursive: true })) {
      if (entry.isFile()) files.push(relative(ROOT, join(entry.parentPath, entry.name)).split(sep).join('/'));
    }
  }
  const hash = createHash('sha256').update(`${ROOT}\n${process.platform}-${process.arch}\n`);
  for (const file of files.sort()) hash.update(`${file}\0`).update(await readFile(join(ROOT, file)));
  return hash.digest('hex').slice(0, 20);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Runs `fn` holding a lock directory (mkdir is atomic); a lock whose owner process died is taken over. */
async function withLock<T>(lock: string, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + BUILD_LOCK_WAIT_MS;
  for (;;) {
    try {
      await mkdir(lock);
      await writeFile(join(lock, 'owner'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(await readFile(join(lock, 'owner'), 'utf8').catch(() => ''));
      const since = await stat(lock).then(
        (info) => info.mtimeMs,
        () => Date.now(),
      );
      // No owner yet: it is being written, unless the lock is old (its writer died in between).
      const stale = owner > 0 ? !processAlive(owner) : Date.now() - since > 30_000;
      if (stale) {
        await rm(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `package-check: gave up waiting for the placeholder build held by process ${owner} (${lock})`,
          { cause: error },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    return await fn();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

/**
 * The placeholder-Electron package of the current build, packed once and shared: by every test file of
 * a run (they wait on a lock while one of them packs), and by later runs while out/, the configuration,
 * the lock file and assets/ are unchanged. It lives in packageCacheDir(); older builds are removed.
 * electron-builder runs in a child process, so its logging and process-wide state stay out of the caller.
 */
export async function packagedBuild(): Promise<PackResult> {
  ensureAppBuilt();
  const key = await buildInputsKey();
  const cache = packageCacheDir();
  const dir = join(cache, key);
  const resultFile = join(dir, 'result.json');
  await mkdir(cache, { recursive: true });
  return withLock(join(cache, 'lock'), async () => {
    if (existsSync(join(dir, 'complete')))
      return JSON.parse(await readFile(resultFile, 'utf8')) as PackResult;
    for (const old of await readdir(cache)) {
      if (old !== 'lock') await rm(join(cache, old), { recursive: true, force: true });
    }
    await mkdir(dir, { recursive: true });
    const run = await new Promise<{ code: number | null; output: string }>((done, fail) => {
      const child = spawn(
        process.execPath,
        [join(ROOT, 'dev/scripts/package-check.ts'), '--out', join(dir, 'release'), '--result', resultFile],
        { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('error', fail);
      child.once('close', (code) => done({ code, output }));
    });
    if (run.code !== 0) throw new Error(`package-check failed (exit ${run.code}):\n${run.output}`);
    await writeFile(join(dir, 'complete'), `${new Date().toISOString()}\n`);
    return JSON.parse(await readFile(resultFile, 'utf8')) as PackResult;
  });
}

/** The packaged app, extracted (see extractPackagedApp). */
export interface ExtractedApp {
  /** app.asar's contents merged with app.asar.unpacked: what app.getAppPath() serves in the package. */
  readonly appDir: string;
  /**
   * What process.resourcesPath holds in the package (app-update.yml and whatever else electron-builder
   * put beside app.asar), without app.asar and app.asar.unpacked themselves. appDir is its `app` folder.
   */
  readonly resourcesDir: string;
  /** The fresh temporary folder holding both; remove it when done. */
  readonly root: string;
  /** The build it was extracted from. */
  readonly build: PackResult;
}

/**
 * Builds (or reuses, see packagedBuild) the placeholder-Electron package and extracts app.asar, merged
 * with app.asar.unpacked, into a fresh temporary folder with no node_modules folder above it, so the
 * app resolves its imports only from what it ships:
 *
 *   <root>/resources/             resourcesDir: app-update.yml, …
 *   <root>/resources/app/         appDir: package.json, out/, assets/, node_modules/
 *
 * Every call extracts anew (callers may change what they get); several test files may call it at once.
 */
export async function extractPackagedApp(): Promise<ExtractedApp> {
  const build = await packagedBuild();
  const packedResources = join(build.appOutDir, 'resources');
  const root = await mkdtemp(join(tmpdir(), 'traytune-packaged-app-'));
  for (let dir = root; dirname(dir) !== dir; dir = dirname(dir)) {
    if (existsSync(join(dirname(dir), 'node_modules'))) {
      await rm(root, { recursive: true, force: true });
      throw new Error(
        `extractPackagedApp: ${join(dirname(dir), 'node_modules')} exists above the temporary folder, so the ` +
          'extracted app could resolve packages it does not ship. Point TMPDIR elsewhere.',
      );
    }
  }
  const resourcesDir = join(root, 'resources');
  const appDir = join(resourcesDir, 'app');
  asar.extractAll(join(packedResources, 'app.asar'), appDir);
  for (const entry of await readdir(packedResources)) {
    if (entry === 'app.asar' || entry === 'app.asar.unpacked') continue;
    await cp(join(packedResources, entry), join(resourcesDir, entry), { recursive: true });
  }
  return { appDir, resourcesDir, root, build };
}

async function main(args: readonly string[]): Promise<void> {
  const option = (name: string): string | undefined => {
    const index = args.indexOf(name);
    return index >= 0 ? args[index + 1] : undefined;
  };
  const outDir = resolve(option('--out') ?? join(ROOT, 'release', 'placeholder'));
  ensureAppBuilt();
  const result = await packWithPlaceholderElectron(outDir);
  const resultFile = option('--result');
  if (resultFile !== undefined) await writeFile(resultFile, `${JSON.stringify(result, null, 2)}\n`);
  console.info(await writeReport(result, await inspectAsar(join(result.appOutDir, 'resources'))));
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2));
}
