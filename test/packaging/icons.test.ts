/**
 * The generated icons: each one the configuration or the tray code names exists, with the sizes its own
 * headers declare (PNG IHDR, ICO directory and bitmaps, ICNS entries), and all of them are what
 * dev/scripts/icons.ts renders from the current assets/icon.svg.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  ASSETS_DIR,
  MANIFEST,
  SOURCE,
  TRAY_STATES,
  generatedFiles,
  parseSource,
  renderPng,
  sha256,
  trayBaseName,
  traySvg,
  type Manifest,
} from '../../dev/scripts/icons.ts';
import { icnsEntries, icoImages, pngSize } from './formats.ts';

const ROOT = join(ASSETS_DIR, '..');
const config = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<
  string,
  Record<string, string>
>;
const read = (path: string): Buffer => readFileSync(join(ASSETS_DIR, path));

function sizesOf(path: string, format: 'png' | 'ico' | 'icns'): number[] {
  const data = read(path);
  if (format === 'png') {
    const { width, height } = pngSize(data);
    expect(height, `${path} is square`).toBe(width);
    return [width];
  }
  const images = format === 'ico' ? icoImages(data) : icnsEntries(data).filter((entry) => entry.width > 0);
  for (const image of images) expect(image.height, `${path} images are square`).toBe(image.width);
  return [...new Set(images.map((image) => image.width))].sort((a, b) => a - b);
}

describe('icons named by electron-builder.yml', () => {
  it('macOS: an ICNS with every size up to 1024 (512@2x), each entry a PNG of its declared size', () => {
    const icon = config.mac?.icon ?? '';
    const entries = icnsEntries(readFileSync(join(ROOT, icon)));
    const byType = new Map(entries.map((entry) => [entry.type, entry]));
    for (const [type, size] of Object.entries({
      ic07: 128,
      ic08: 256,
      ic09: 512,
      ic10: 1024,
      ic11: 32,
      ic12: 64,
      ic13: 256,
      ic14: 512,
    })) {
      expect(byType.get(type), `${icon}: ${type}`).toMatchObject({ width: size, height: size });
    }
    expect(sizesOf('icon.icns', 'icns')).toEqual(expect.arrayContaining([16, 32, 64, 128, 256, 512, 1024]));
  });

  it('Windows: an ICO with 16 to 256 px images (256 is what electron-builder requires)', () => {
    expect(config.win?.icon).toBe('assets/icon.ico');
    expect(sizesOf('icon.ico', 'ico')).toEqual([16, 20, 24, 32, 40, 48, 64, 128, 256]);
    expect(icoImages(read('icon.ico')).every((image) => image.bitsPerPixel === 32)).toBe(true);
  });

  it('Linux: a folder of NxN.png files, each really N×N, from 16 to 512', () => {
    expect(config.linux?.icon).toBe('assets/icons');
    const files = readdirSync(join(ASSETS_DIR, 'icons')).filter((name) => name.endsWith('.png'));
    const sizes = files.map((name) => {
      const match = /^(\d+)x(\d+)\.png$/.exec(name);
      expect(match, `${name} is named NxN.png`).not.toBeNull();
      const size = Number(match?.[1]);
      expect(pngSize(read(`icons/${name}`))).toEqual({ width: size, height: size });
      return size;
    });
    expect(sizes.sort((a, b) => a - b)).toEqual([16, 24, 32, 48, 64, 128, 256, 512]);
  });

  it('the app icon the package ships (assets/icon.png, for windows and notifications) is 512 px', () => {
    expect(pngSize(read('icon.png'))).toEqual({ width: 512, height: 512 });
  });
});

describe('tray icons (assets/tray, shipped unpacked)', () => {
  it('has every state for every platform: Linux PNG + @2x, Windows ICO, macOS template + @2x', () => {
    for (const state of TRAY_STATES) {
      const base = `tray/${trayBaseName(state)}`;
      expect(pngSize(read(`${base}.png`))).toEqual({ width: 32, height: 32 });
      expect(pngSize(read(`${base}@2x.png`))).toEqual({ width: 64, height: 64 });
      expect(sizesOf(`${base}.ico`, 'ico')).toEqual([16, 20, 24, 32, 40, 48]);
      expect(pngSize(read(`${base}Template.png`))).toEqual({ width: 16, height: 16 });
      expect(pngSize(read(`${base}Template@2x.png`))).toEqual({ width: 32, height: 32 });
    }
    expect(readdirSync(join(ASSETS_DIR, 'tray')).sort()).toEqual(
      generatedFiles()
        .map((file) => file.path)
        .filter((path) => path.startsWith('tray/'))
        .map((path) => path.slice('tray/'.length))
        .sort(),
    );
  });

  it('macOS template images are drawn in black only (macOS tints them by their alpha)', () => {
    const parts = parseSource(read(SOURCE).toString('utf8'));
    for (const state of TRAY_STATES) {
      const svg = traySvg(parts, state, true).replace(/<mask[\s\S]*?<\/mask>/g, '');
      const colours = [...svg.matchAll(/(?:fill|stroke)="([^"]*)"/g)].map((match) => match[1]);
      expect(colours.length, state).toBeGreaterThan(0);
      for (const colour of colours) expect(['#000000', 'none']).toContain(colour);
      expect(
        renderPng(traySvg(parts, state, true), 16).equals(read(`tray/${trayBaseName(state)}Template.png`)),
      ).toBe(true);
    }
  });

  it('is documented file by file in assets/README.md', () => {
    const readme = read('README.md').toString('utf8');
    for (const file of generatedFiles().filter((f) => f.path.startsWith('tray/'))) {
      expect(readme, file.path).toContain(file.path.slice('tray/'.length).replace(/@2x|\.png$|\.ico$/g, ''));
    }
    expect(readme).toContain('npm run icons');
  });
});

describe('generated files are current', () => {
  const manifest = JSON.parse(read(MANIFEST).toString('utf8')) as Manifest;

  it('were rendered from the current assets/icon.svg (run `npm run icons` after editing it)', () => {
    expect(manifest.source).toBe(SOURCE);
    expect(manifest.sourceSha256).toBe(sha256(read(SOURCE)));
  });

  it('are unchanged since they were generated, and the manifest lists exactly the generated files', () => {
    const expected = generatedFiles();
    expect(Object.keys(manifest.files).sort()).toEqual(expected.map((file) => file.path).sort());
    for (const file of expected) {
      expect(existsSync(join(ASSETS_DIR, file.path)), file.path).toBe(true);
      expect(sha256(read(file.path)), `${file.path} was edited by hand or is stale`).toBe(
        manifest.files[file.path]?.sha256,
      );
      expect(sizesOf(file.path, file.format), file.path).toEqual([...file.sizes].sort((a, b) => a - b));
    }
  });
});
