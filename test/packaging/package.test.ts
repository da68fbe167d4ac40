/**
 * A real electron-builder run with the project's configuration and a placeholder Electron (see
 * dev/scripts/package-check.ts): `dir`, `tar.gz` and `zip` are built, AppImage/deb/rpm run up to their
 * downloaded tools. Then app.asar is inspected: entry points, the unpacked keychain binding, nothing
 * dev-only inside, the production dependencies and nothing else, the fuses, the .desktop entries. Its
 * size is printed and written to test-results/packaging/asar-report.json.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BUILD_OUTPUTS,
  REPORT_FILE,
  ROOT,
  inspectAsar,
  packagedBuild,
  productionPackages,
  writeReport,
  type AsarReport,
  type PackResult,
} from '../../dev/scripts/package-check.ts';
import { skipUnlessLinux } from '../support/platform-gate.ts';
import { zipEntries } from './formats.ts';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  productName: string;
  desktopName: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
type LockEntry = {
  name?: string;
  version?: string;
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
};
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockEntry>;
};
const SEVEN_ZIP = process.env.ELECTRON_BUILDER_7ZIP_PATH ?? '/usr/bin/7za';

// The placeholder distribution is a Linux one, and the checks read Linux artifacts (exec bits, tar.gz).
const notLinux = skipUnlessLinux('test/packaging/package.test.ts', 'the placeholder Electron for Linux');

let result: PackResult;
let report: AsarReport;
let resources: string;
let paths: Set<string>;

beforeAll(async () => {
  if (notLinux) return;
  if (!existsSync(SEVEN_ZIP)) {
    throw new Error(
      `${SEVEN_ZIP} not found: the zip target needs 7-Zip (Debian: apt-get install p7zip-full)`,
    );
  }
  // Shared with the other packaging and boot tests: one build per set of inputs (see packagedBuild).
  result = await packagedBuild();
  resources = join(result.appOutDir, 'resources');
  report = await inspectAsar(resources);
  paths = new Set(report.entries.map((entry) => entry.path));
  console.info(await writeReport(result, report));
}, 300_000);

describe.skipIf(notLinux)('the packed app (linux-unpacked)', () => {
  it('has the renamed executable, app.asar and its unpacked folder, and no default_app.asar', () => {
    expect(statSync(result.executable).mode & 0o111).not.toBe(0);
    expect(existsSync(join(resources, 'app.asar'))).toBe(true);
    expect(existsSync(join(resources, 'app.asar.unpacked'))).toBe(true);
    expect(existsSync(join(resources, 'default_app.asar'))).toBe(false);
    expect(existsSync(join(resources, 'app'))).toBe(false);
  });

  it('has the release fuses flipped in the executable', () => {
    expect(result.fusesBefore).toMatchObject({ RunAsNode: '1', OnlyLoadAppFromAsar: '0' });
    expect(result.fusesAfter).toEqual({
      RunAsNode: '0',
      EnableCookieEncryption: '0',
      EnableNodeOptionsEnvironmentVariable: '0',
      EnableNodeCliInspectArguments: '0',
      EnableEmbeddedAsarIntegrityValidation: '1',
      OnlyLoadAppFromAsar: '1',
      LoadBrowserProcessSpecificV8Snapshot: '0',
      GrantFileProtocolExtraPrivileges: '1',
    });
  });

  it('carries electron-updater’s app-update.yml for GitHub releases', () => {
    const update = parse(readFileSync(join(resources, 'app-update.yml'), 'utf8')) as Record<string, string>;
    expect(update.provider).toBe('github');
    expect(update.owner).toBeTruthy();
    expect(update.repo).toBeTruthy();
  });
});

describe.skipIf(notLinux)('app.asar', () => {
  it('has the entry points, and package.json "main" points at a file inside', () => {
    for (const file of [...BUILD_OUTPUTS, 'package.json']) expect(paths.has(file), file).toBe(true);
    const main = report.packageJson.main ?? 'index.js';
    expect(paths.has(posix.normalize(main))).toBe(true);
    expect(report.packageJson.name).toBe('traytune');
    expect(report.packageJson.version).toBe(pkg.version);
  });

  it('has every file the renderer page loads', () => {
    const html = readFileSync(join(ROOT, 'out/renderer/index.html'), 'utf8');
    const local = [...html.matchAll(/(?:src|href)="\.?\/?([^":]+)"/g)].map((match) => match[1] ?? '');
    expect(local.length).toBeGreaterThan(0);
    for (const file of local) expect(paths.has(posix.join('out/renderer', file)), file).toBe(true);
  });

  it('has the keychain binding and its platform package unpacked, native binary included', () => {
    const keyring = report.packages.filter(
      (p) => p.name === '@napi-rs/keyring' || p.name.startsWith('@napi-rs/keyring-'),
    );
    expect(keyring.map((p) => p.name)).toContain('@napi-rs/keyring');
    expect(keyring.some((p) => p.name.startsWith('@napi-rs/keyring-'))).toBe(true);
    for (const p of keyring) expect(p.unpacked, p.name).toBe(true);
    const unpackedRoot = join(resources, 'app.asar.unpacked', 'node_modules', '@napi-rs');
    const native = readdirSync(unpackedRoot, { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.node'),
    );
    expect(native.length).toBeGreaterThan(0);
    for (const entry of report.entries.filter((e) => e.path.startsWith('node_modules/@napi-rs/keyring'))) {
      expect(existsSync(join(resources, 'app.asar.unpacked', ...entry.path.split('/'))), entry.path).toBe(
        true,
      );
    }
  });

  it('has every file of assets/tray, unpacked beside app.asar with the same bytes, and no other assets than icon.png', () => {
    const assets = report.entries.filter((e) => e.path.startsWith('assets/'));
    expect(assets.filter((e) => !e.path.startsWith('assets/tray/')).map((e) => e.path)).toEqual([
      'assets/icon.png',
    ]);
    // Whatever assets/tray holds at test time (the icon generator decides the names).
    const inRepo = readdirSync(join(ROOT, 'assets/tray'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) =>
        posix.join(
          'assets/tray',
          relative(join(ROOT, 'assets/tray'), join(entry.parentPath, entry.name)).split(sep).join('/'),
        ),
      )
      .sort();
    expect(inRepo.length).toBeGreaterThan(0);
    const tray = assets.filter((e) => e.path.startsWith('assets/tray/'));
    expect(tray.map((e) => e.path).sort()).toEqual(inRepo);
    for (const entry of tray) {
      expect(entry.unpacked, entry.path).toBe(true);
      const unpacked = join(resources, 'app.asar.unpacked', ...entry.path.split('/'));
      expect(readFileSync(unpacked).equals(readFileSync(join(ROOT, entry.path))), entry.path).toBe(true);
    }
  });

  it('has nothing dev-only: only out/, assets/, node_modules/ and package.json; no sources, tests, maps', () => {
    const top = new Set(report.entries.map((e) => e.path.split('/')[0]));
    expect([...top].sort()).toEqual(['assets', 'node_modules', 'out', 'package.json']);
    const forbidden = report.entries.filter(
      (e) =>
        e.path.endsWith('.map') ||
        /(^|\/)(dev|test|src|bench|harness|\.github)\//.test(e.path.replace(/^node_modules\/.*/, '')) ||
        (!e.path.startsWith('node_modules/') && /\.(ts|tsx|mts|cts)$/.test(e.path)) ||
        /(^|\/)\.env/.test(e.path),
    );
    expect(forbidden.map((e) => e.path)).toEqual([]);
  });

  it('has the production dependencies and no dev-only package (per package-lock.json)', () => {
    const packed = new Map(report.packages.map((p) => [p.name, p]));
    for (const name of Object.keys(pkg.dependencies)) expect(packed.has(name), name).toBe(true);
    // Every packed package must be a non-dev entry of the lock file (same name and version).
    const prodVersions = new Set<string>();
    for (const [path, entry] of Object.entries(lock.packages)) {
      if (path === '' || entry.dev === true) continue;
      const name = entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
      prodVersions.add(`${name}@${entry.version ?? ''}`);
    }
    const devOnly = report.packages.filter((p) => !prodVersions.has(`${p.name}@${p.version}`));
    expect(devOnly.map((p) => `${p.name}@${p.version} (${p.path})`)).toEqual([]);
    // And by name: the tool chain never ships.
    for (const name of [
      'vitest',
      'playwright',
      '@playwright/test',
      'electron',
      'electron-builder',
      'app-builder-lib',
      'electron-vite',
      'vite',
      'typescript',
      'eslint',
      'prettier',
      '@electron/asar',
      '@resvg/resvg-js',
      'png2icons',
      'png-to-ico',
    ]) {
      expect(packed.has(name), name).toBe(false);
    }
  });

  it('has every package `npm ls --omit=dev --all` lists, at the version npm reports', () => {
    const needed = productionPackages();
    expect(needed.map((p) => p.name)).toEqual(expect.arrayContaining(Object.keys(pkg.dependencies)));
    const packed = new Set(report.packages.map((p) => `${p.name}@${p.version}`));
    const missing = needed.filter((p) => !packed.has(`${p.name}@${p.version}`));
    expect(missing.map((p) => `${p.name}@${p.version} (${p.via})`)).toEqual([]);
  });

  it('reports its size (console and test-results/packaging/asar-report.json)', () => {
    const saved = JSON.parse(readFileSync(REPORT_FILE, 'utf8')) as { asarBytes: number; packages: unknown[] };
    expect(saved.asarBytes).toBe(report.asarBytes);
    expect(saved.packages.length).toBe(report.packages.length);
    console.info(
      `app.asar ${(report.asarBytes / 1048576).toFixed(2)} MiB + unpacked ${(report.unpackedBytes / 1048576).toFixed(2)} MiB, ` +
        `${report.fileCount} files, ${report.packages.length} packages (report: ${REPORT_FILE})`,
    );
    // A guard against accidentally packing a dev tree (the app is ~10 MiB with its dependencies).
    expect(report.asarBytes + report.unpackedBytes).toBeLessThan(40 * 1048576);
  });
});

describe.skipIf(notLinux)('archives', () => {
  const name = (): string => `${pkg.productName}-${pkg.version}-linux-x64`;

  it('are named with version and arch', () => {
    const files = result.artifacts.map((a) => a.file.slice(dirname(a.file).length + 1)).sort();
    expect(files).toEqual([`${name()}.tar.gz`, `${name()}.zip`]);
  });

  it('tar.gz holds the app folder, without the deb/rpm package-type marker', () => {
    const listing = spawnSync('tar', ['-tzf', join(result.outDir, `${name()}.tar.gz`)], { encoding: 'utf8' });
    expect(listing.status).toBe(0);
    const entries = listing.stdout.split('\n');
    expect(entries).toContain(`${name()}/traytune`);
    expect(entries).toContain(`${name()}/resources/app.asar`);
    expect(entries.some((e) => e.endsWith('/package-type'))).toBe(false);
  });

  it('zip holds the same app folder', () => {
    const entries = zipEntries(readFileSync(join(result.outDir, `${name()}.zip`)));
    expect(entries).toContain('traytune');
    expect(entries).toContain('resources/app.asar');
    expect(
      entries.some((e) => e.startsWith('resources/app.asar.unpacked/node_modules/@napi-rs/keyring')),
    ).toBe(true);
  });
});

describe.skipIf(notLinux)('Linux installers (run up to appimagetool/fpm)', () => {
  it('AppImage, deb and rpm all install app.traytune.Traytune.desktop, the app’s desktop name and Wayland app ID', () => {
    expect(pkg.desktopName).toBe('app.traytune.Traytune.desktop');
    expect(result.dryRuns.map((run) => run.target)).toEqual(['AppImage', 'deb', 'rpm']);
    for (const run of result.dryRuns) {
      expect(run.desktopFileName, run.target).toBe(pkg.desktopName);
      const entry = Object.fromEntries(
        run.desktopEntry
          .split('\n')
          .filter((line) => line.includes('='))
          .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
      );
      expect(entry, run.target).toMatchObject({
        Name: 'Traytune',
        Type: 'Application',
        Icon: 'traytune',
        StartupWMClass: pkg.desktopName.replace(/\.desktop$/, ''),
      });
      expect(entry.Categories?.split(';')).toContain('AudioVideo');
      if (run.target !== 'AppImage') expect(entry.Exec).toBe('/opt/Traytune/traytune %U');
    }
  });

  it('deb and rpm are named the distributions’ way and install the hicolor icons', () => {
    const deb = result.dryRuns.find((run) => run.target === 'deb')?.fpmArgs ?? [];
    const rpm = result.dryRuns.find((run) => run.target === 'rpm')?.fpmArgs ?? [];
    expect(deb[deb.indexOf('--package') + 1]).toMatch(new RegExp(`/traytune_${pkg.version}_amd64\\.deb$`));
    expect(rpm[rpm.indexOf('--package') + 1]).toMatch(new RegExp(`/traytune-${pkg.version}\\.x86_64\\.rpm$`));
    for (const size of [16, 32, 48, 128, 256, 512]) {
      expect(
        deb.some((arg) => arg.endsWith(`=/usr/share/icons/hicolor/${size}x${size}/apps/traytune.png`)),
        `${size}`,
      ).toBe(true);
    }
    expect(rpm.join(' ')).toContain('Recommends:');
  });
});
