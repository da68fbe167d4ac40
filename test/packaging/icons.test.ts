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
  trayPng,
  traySvg,
  type Manifest,
} from '../../dev/scripts/icons.ts';
import { decodePng, icnsEntries, icoImages, icoPixels, pngSize, type Pixels } from './formats.ts';

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

/** The states and file names the tray loader asks for (src/main/desktop/tray-icons.ts), spelt out here. */
const STATES = ['idle', 'playing', 'paused', 'attention'] as const;
const linuxPng = (state: string): string => `tray/tray-${state}.png`;
const windowsIco = (state: string): string => `tray/tray-${state}.ico`;
const macTemplate = (state: string): string => `tray/tray-${state}Template.png`;
const retina = (path: string): string => path.replace(/\.png$/, '@2x.png');
const WINDOWS_SIZES = [16, 20, 24, 32, 40, 48, 64];

/** Pixels whose alpha is at least half: the glyph's silhouette, whatever its colours. */
function silhouette(image: Pixels): boolean[] {
  return Array.from({ length: image.width * image.height }, (_, at) => (image.rgba[at * 4 + 3] ?? 0) >= 128);
}

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}
/** WCAG relative luminance of an sRGB colour. */
function luminance([r, g, b]: readonly number[]): number {
  return 0.2126 * channel(r ?? 0) + 0.7152 * channel(g ?? 0) + 0.0722 * channel(b ?? 0);
}

/**
 * Pixels that stand out from a panel of colour `panel`: the image composited over it differs from it by a
 * contrast ratio of at least 3:1 (WCAG 1.4.11's ratio for graphics).
 */
function visibleOn(image: Pixels, panel: readonly [number, number, number]): boolean[] {
  const background = luminance(panel);
  return Array.from({ length: image.width * image.height }, (_, at) => {
    const alpha = (image.rgba[at * 4 + 3] ?? 0) / 255;
    const shown = panel.map((under, k) => (image.rgba[at * 4 + k] ?? 0) * alpha + under * (1 - alpha));
    const [light, dark] = [luminance(shown), background].sort((x, y) => y - x);
    return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05) >= 3;
  });
}

const differing = (a: readonly boolean[], b: readonly boolean[]): number =>
  a.filter((value, at) => value !== b[at]).length;
const count = (mask: readonly boolean[]): number => mask.filter(Boolean).length;

/**
 * Two states must differ in at least this share of an image's pixels: at 16 px, 13 pixels, about a 3×4
 * block. Measured on shapes (alpha, or what stands out from a panel), so a recolouring scores 0.
 */
const MIN_SHAPE_DIFFERENCE = 0.05;

function expectStatesDifferInShape(
  name: string,
  masks: ReadonlyMap<string, boolean[]>,
  pixels: number,
): void {
  const minimum = Math.ceil(pixels * MIN_SHAPE_DIFFERENCE);
  for (const [index, first] of STATES.entries()) {
    for (const second of STATES.slice(index + 1)) {
      const a = masks.get(first) ?? [];
      const b = masks.get(second) ?? [];
      expect(a.length, `${name}: ${first}`).toBe(pixels);
      expect(differing(a, b), `${name}: ${first} and ${second} differ in shape`).toBeGreaterThanOrEqual(
        minimum,
      );
    }
  }
}

/** The ICO's image of `size` pixels, decoded. */
function icoImage(path: string, size: number): Pixels {
  const image = icoPixels(read(path)).find((candidate) => candidate.width === size);
  if (image === undefined) throw new Error(`${path} has no ${size} px image`);
  return image;
}

describe('tray icons (assets/tray, shipped unpacked)', () => {
  const parts = parseSource(read(SOURCE).toString('utf8'));

  it('has every state for every platform under the names the loader asks for, and nothing else', () => {
    expect([...TRAY_STATES]).toEqual([...STATES]);
    const expected: string[] = [];
    for (const state of STATES) {
      expect(pngSize(read(linuxPng(state))), linuxPng(state)).toEqual({ width: 32, height: 32 });
      expect(pngSize(read(retina(linuxPng(state)))), linuxPng(state)).toEqual({ width: 64, height: 64 });
      expect(pngSize(read(macTemplate(state))), macTemplate(state)).toEqual({ width: 18, height: 18 });
      expect(pngSize(read(retina(macTemplate(state)))), macTemplate(state)).toEqual({
        width: 36,
        height: 36,
      });
      expect(sizesOf(windowsIco(state), 'ico'), windowsIco(state)).toEqual(WINDOWS_SIZES);
      expect(icoImages(read(windowsIco(state))).every((image) => image.bitsPerPixel === 32)).toBe(true);
      expected.push(linuxPng(state), retina(linuxPng(state)), macTemplate(state), retina(macTemplate(state)));
      expected.push(windowsIco(state));
    }
    const names = (paths: string[]): string[] => paths.map((path) => path.slice('tray/'.length)).sort();
    expect(readdirSync(join(ASSETS_DIR, 'tray')).sort()).toEqual(names(expected));
    expect(
      names(
        generatedFiles()
          .map((file) => file.path)
          .filter((path) => path.startsWith('tray/')),
      ),
    ).toEqual(names(expected));
  });

  it('draws every ICO image for its own size, not one image scaled', () => {
    for (const state of STATES) {
      for (const size of WINDOWS_SIZES) {
        const drawn = decodePng(trayPng(parts, state, 'colour', size));
        expect(icoImage(windowsIco(state), size).rgba.equals(drawn.rgba), `${state} at ${size} px`).toBe(
          true,
        );
      }
      // Drawing for the size matters: the 64 px drawing rendered down to 16 px (what scaling one image
      // gives) is not what ships at 16 px, whose outline, gap and badge are whole pixels.
      const scaled = decodePng(renderPng(traySvg(parts.tray, state, 'colour', 64), 16));
      expect(
        scaled.rgba.equals(icoImage(windowsIco(state), 16).rgba),
        `${state}: 16 px is drawn, not scaled`,
      ).toBe(false);
    }
  });

  it('macOS templates are black + alpha only, and not empty', () => {
    for (const state of STATES) {
      for (const path of [macTemplate(state), retina(macTemplate(state))]) {
        const image = decodePng(read(path));
        const coloured = Array.from({ length: image.width * image.height }, (_, at) => at).filter(
          (at) =>
            (image.rgba[at * 4 + 3] ?? 0) > 0 && image.rgba.subarray(at * 4, at * 4 + 3).some((c) => c !== 0),
        );
        expect(coloured.length, `${path}: pixels that are not black`).toBe(0);
        expect(count(silhouette(image)), `${path} is drawn`).toBeGreaterThan(
          image.width * image.height * 0.2,
        );
      }
    }
  });

  it('the four states differ in shape, not only in colour, at the sizes the trays show first', () => {
    const images: [string, (state: string) => Pixels][] = [
      ['Windows 16 px', (state) => icoImage(windowsIco(state), 16)],
      ['Windows 20 px', (state) => icoImage(windowsIco(state), 20)],
      ['Linux 32 px', (state) => decodePng(read(linuxPng(state)))],
      ['macOS 18 px', (state) => decodePng(read(macTemplate(state)))],
      ['macOS 36 px', (state) => decodePng(read(retina(macTemplate(state))))],
    ];
    for (const [name, load] of images) {
      const decoded = new Map(STATES.map((state) => [state, load(state)]));
      const first = decoded.get('idle');
      const pixels = (first?.width ?? 0) * (first?.height ?? 0);
      expectStatesDifferInShape(
        name,
        new Map([...decoded].map(([state, image]) => [state, silhouette(image)])),
        pixels,
      );
    }
    // The measure ignores colour: the idle icon with every colour inverted has the same silhouette.
    const idle = icoImage(windowsIco('idle'), 16);
    const inverted = Buffer.from(idle.rgba.map((value, at) => (at % 4 === 3 ? value : 255 - value)));
    expect(inverted.equals(idle.rgba)).toBe(false);
    expect(differing(silhouette(idle), silhouette({ ...idle, rgba: inverted }))).toBe(0);
  });

  it('colour icons keep their shapes on light and dark panels (3:1 contrast against the panel)', () => {
    const panels: [string, [number, number, number]][] = [
      ['light panel', [243, 243, 243]], // Windows 11 light taskbar, GNOME/KDE light panels
      ['dark panel', [32, 32, 32]], // Windows 11 dark taskbar, GNOME's top bar
    ];
    const images: [string, (state: string) => Pixels][] = [
      ['Windows 16 px', (state) => icoImage(windowsIco(state), 16)],
      ['Linux 32 px', (state) => decodePng(read(linuxPng(state)))],
    ];
    for (const [imageName, load] of images) {
      for (const [panelName, panel] of panels) {
        const name = `${imageName} on a ${panelName}`;
        const decoded = STATES.map((state) => [state, load(state)] as const);
        const masks = new Map(decoded.map(([state, image]) => [state, visibleOn(image, panel)]));
        for (const [state, image] of decoded) {
          // Most of the glyph stands out: at least a third of its silhouette.
          expect(count(masks.get(state) ?? []), `${name}: ${state}`).toBeGreaterThan(
            count(silhouette(image)) / 3,
          );
        }
        const pixels = (decoded[0]?.[1].width ?? 0) ** 2;
        expectStatesDifferInShape(name, masks, pixels);
      }
    }
  });

  it('is documented file by file in assets/README.md', () => {
    const readme = read('README.md').toString('utf8');
    for (const file of generatedFiles().filter((f) => f.path.startsWith('tray/'))) {
      expect(readme, file.path).toContain(`\`${file.path.slice('tray/'.length)}\``);
    }
    expect(readme).not.toMatch(/`tray(Template)?(@2x)?\.(png|ico)`/);
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
