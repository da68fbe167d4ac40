/**
 * electron-builder.yml: valid against electron-builder's own JSON schema (app-builder-lib/scheme.json),
 * and the packaging decisions the issue asks for are in it.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);

type Json = Record<string, unknown>;
const config = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Json;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Json & {
  version: string;
  desktopName?: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const schemePath = join(dirname(require.resolve('app-builder-lib/package.json')), 'scheme.json');
const scheme = JSON.parse(readFileSync(schemePath, 'utf8')) as Json;

function section(name: string): Json {
  const value = config[name];
  expect(value, `electron-builder.yml: ${name}`).toBeTypeOf('object');
  return value as Json;
}

// electron-builder validates with these options (app-builder-lib/out/util/config/schemaValidator.js):
// strict: false, because scheme.json uses a non-standard `typeof` keyword. A second validator without
// type coercion is stricter than electron-builder itself.
const asBuilderDoes = new Ajv({ allErrors: true, coerceTypes: true, strict: false }).compile(scheme);
const withoutCoercion = new Ajv({ allErrors: true, strict: false }).compile(scheme);

function errorsOf(validate: typeof asBuilderDoes, data: unknown): string[] {
  const copy = structuredClone(data); // coerceTypes rewrites the data it validates
  return validate(copy)
    ? []
    : (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath} ${e.message}`);
}

function targetNames(targets: unknown): string[] {
  return (Array.isArray(targets) ? targets : [targets]).map((target) =>
    typeof target === 'string' ? target : String((target as Json).target),
  );
}

describe('electron-builder.yml against app-builder-lib/scheme.json', () => {
  it('uses the schema of the installed electron-builder 26', () => {
    const version = (require('app-builder-lib/package.json') as { version: string }).version;
    expect(version).toMatch(/^26\./);
    expect(Object.keys(scheme.properties as Json)).toContain('electronFuses');
  });

  it('validates, with and without type coercion', () => {
    expect(errorsOf(asBuilderDoes, config)).toEqual([]);
    expect(errorsOf(withoutCoercion, config)).toEqual([]);
  });

  it('rejects a misspelt key and a wrongly typed value (the validation has teeth)', () => {
    const misspelt = structuredClone(config) as Json & { linux: Json };
    misspelt.linux.excutableName = 'traytune';
    expect(errorsOf(asBuilderDoes, misspelt).join('\n')).toMatch(/additional properties/);
    const wrongType = structuredClone(config) as Json & { nsis: Json };
    wrongType.nsis.oneClick = 'per user';
    expect(errorsOf(withoutCoercion, wrongType).join('\n')).toMatch(/oneClick/);
    const unknownFuse = structuredClone(config) as Json & { electronFuses: Json };
    unknownFuse.electronFuses.runAsNodes = false;
    expect(errorsOf(asBuilderDoes, unknownFuse)).not.toEqual([]);
  });
});

describe('what the packages are', () => {
  it('names the app: app ID (also the Windows AppUserModelID), product name, artifact names with version and arch', () => {
    expect(config.appId).toBe('app.traytune.desktop');
    expect(config.productName).toBe('Traytune');
    expect(pkg.productName).toBe('Traytune');
    const names = [
      config.artifactName,
      section('appImage').artifactName,
      section('deb').artifactName,
      section('rpm').artifactName,
      section('dmg').artifactName,
      section('nsis').artifactName,
    ];
    for (const name of names) {
      expect(name).toEqual(expect.stringContaining('${version}'));
      expect(name).toEqual(expect.stringContaining('${arch}'));
    }
  });

  it('builds AppImage, deb, rpm and tar.gz for Linux, dmg and zip for both Mac architectures, NSIS for Windows', () => {
    expect(targetNames(section('linux').target).sort()).toEqual(['AppImage', 'deb', 'rpm', 'tar.gz']);
    const macTargets = section('mac').target as Json[];
    expect(targetNames(macTargets).sort()).toEqual(['dmg', 'zip']);
    for (const target of macTargets) expect(target.arch).toEqual(expect.arrayContaining(['arm64', 'x64']));
    expect(targetNames(section('win').target)).toEqual(['nsis']);
  });

  it('gives Linux a .desktop entry named like the app’s desktop name, a reverse-DNS Wayland app ID', () => {
    const linux = section('linux');
    // Electron takes the Wayland app ID and WM_CLASS from desktopName; electron-builder names the installed
    // .desktop file after it (syncDesktopName) and sets StartupWMClass to it without ".desktop".
    expect(pkg.desktopName).toBe('app.traytune.Traytune.desktop');
    expect(pkg.desktopName).toMatch(/^[A-Za-z][\w-]*(\.[A-Za-z][\w-]*){2,}\.desktop$/);
    const entry = ((linux.desktop as Json | undefined)?.entry ?? {}) as Json;
    if (entry.StartupWMClass !== undefined) expect(entry.StartupWMClass).toBe('app.traytune.Traytune');
    expect(linux.syncDesktopName).toBe(true);
    expect(linux.executableName).toBe('traytune');
    expect(String(linux.category).split(';')[0]).toBe('AudioVideo');
    // When the composition root names itself, it must use the same name (and the same AppUserModelID).
    // The argument may be a literal or a constant declared in the same file.
    const desktopDir = join(ROOT, 'src/main/desktop');
    const named: Record<'setDesktopName' | 'setAppUserModelId', string[]> = {
      setDesktopName: [],
      setAppUserModelId: [],
    };
    for (const file of readdirSync(desktopDir).filter((name) => name.endsWith('.ts'))) {
      const source = readFileSync(join(desktopDir, file), 'utf8');
      const constant = (name: string): string | undefined =>
        new RegExp(`const ${name}\\s*=\\s*['"]([^'"]+)['"]`).exec(source)?.[1];
      for (const call of ['setDesktopName', 'setAppUserModelId'] as const) {
        for (const match of source.matchAll(
          new RegExp(`${call}\\(\\s*(?:['"]([^'"]+)['"]|(\\w+)\\s*\\))`, 'g'),
        )) {
          const value = match[1] ?? constant(match[2] ?? '');
          expect(value, `${file}: ${match[0]}`).toBeDefined();
          named[call].push(value ?? '');
        }
      }
    }
    expect(named.setDesktopName.length, 'the composition root calls app.setDesktopName').toBeGreaterThan(0);
    for (const value of named.setDesktopName) expect(value).toBe(pkg.desktopName);
    for (const value of named.setAppUserModelId) expect(value).toBe(config.appId);
  });

  it('makes the deb and rpm depend on libsecret and recommend an AppIndicator library', () => {
    const deb = section('deb');
    expect(deb.depends).toContain('libsecret-1-0');
    expect(deb.depends).toEqual(expect.arrayContaining(['libgtk-3-0', 'libnss3', 'libnotify4']));
    expect((deb.recommends as string[]).join(' ')).toMatch(/appindicator3-1/);
    const rpm = section('rpm');
    expect(rpm.depends).toContain('libsecret');
    expect((rpm.fpm as string[]).join(' ')).toMatch(/Recommends: .*appindicator-gtk3/);
  });

  it('keeps macOS tray-only with a hardened runtime and an entitlements file that exists', () => {
    const mac = section('mac');
    expect((mac.extendInfo as Json).LSUIElement).toBe(true);
    expect(mac.hardenedRuntime).toBe(true);
    for (const key of ['entitlements', 'entitlementsInherit']) {
      const file = join(ROOT, String(mac[key]));
      expect(existsSync(file), `${key}: ${file}`).toBe(true);
      const plist = readFileSync(file, 'utf8');
      expect(plist).toContain('<key>com.apple.security.cs.allow-jit</key>');
      expect(plist).not.toContain('com.apple.security.app-sandbox');
    }
  });

  it('installs per user on Windows, with a Start-menu shortcut (it carries the AppUserModelID)', () => {
    const nsis = section('nsis');
    expect(nsis.oneClick).toBe(true);
    expect(nsis.perMachine).toBe(false);
    expect(nsis.allowElevation).toBe(false);
    expect(nsis.createStartMenuShortcut).toBe(true);
  });

  it('unpacks the keychain binding and its platform package from app.asar', () => {
    expect(config.asar).toBe(true);
    const unpack = config.asarUnpack as string[];
    expect(unpack).toContain('node_modules/@napi-rs/keyring/**');
    expect(unpack).toContain('node_modules/@napi-rs/keyring-*/**');
    expect(pkg.dependencies['@napi-rs/keyring']).toBeDefined();
  });

  it('flips the release fuses', () => {
    expect(section('electronFuses')).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('packs only the built app: package.json, out/, the app and tray icons; never source maps', () => {
    const files = config.files as string[];
    const included = files.filter((pattern) => !pattern.startsWith('!'));
    expect(included.sort()).toEqual(['assets/icon.png', 'assets/tray/**', 'out/**', 'package.json']);
    expect(files).toContain('!**/*.map');
    expect(String((config.directories as Json).buildResources)).toBe('assets');
  });

  it('publishes to GitHub releases, and electron-updater is a production dependency', () => {
    expect(section('publish')).toMatchObject({ provider: 'github' });
    expect(pkg.dependencies['electron-updater']).toBeDefined();
    expect(pkg.devDependencies['electron-updater']).toBeUndefined();
  });

  it('names icons that exist: ICNS for macOS, ICO for Windows, a folder of NxN PNGs for Linux', () => {
    const icons = [section('mac').icon, section('win').icon, section('linux').icon].map(String);
    expect(icons).toEqual(['assets/icon.icns', 'assets/icon.ico', 'assets/icons']);
    for (const icon of icons) expect(existsSync(join(ROOT, icon)), icon).toBe(true);
  });
});

describe('.github/workflows/release.yml', () => {
  const workflow = parse(readFileSync(join(ROOT, '.github/workflows/release.yml'), 'utf8')) as Json & {
    on: { push: { tags: string[] } };
    jobs: Record<string, Json & { steps?: Json[]; strategy?: { matrix?: { include?: Json[] } } }>;
  };
  const text = readFileSync(join(ROOT, '.github/workflows/release.yml'), 'utf8');

  it('runs on version tags and builds on Linux, macOS and Windows runners', () => {
    expect(workflow.on.push.tags).toContain('v*');
    const runners = Object.values(workflow.jobs).flatMap((job) => [
      String(job['runs-on']),
      ...(job.strategy?.matrix?.include ?? []).map((entry) => String(entry.os)),
    ]);
    for (const os of ['ubuntu', 'macos', 'windows'])
      expect(
        runners.some((runner) => runner.startsWith(os)),
        os,
      ).toBe(true);
  });

  it('builds every target of the configuration and attaches the update metadata', () => {
    for (const target of ['tar.gz', 'AppImage', 'deb', 'rpm']) expect(text).toContain(target);
    expect(text).toMatch(/--mac/);
    expect(text).toMatch(/--win/);
    expect(text).toContain('latest-linux.yml');
    expect(text).toMatch(/latest\*?\.yml|latest-mac\.yml/);
    expect(text).toContain('gh release');
  });
});
