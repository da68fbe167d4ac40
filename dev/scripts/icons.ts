/**
 * Renders every app and tray icon from the one source image, `assets/icon.svg`, and records what it wrote in
 * `assets/icons.json` (the source's hash and each file's hash and size, which test/packaging checks).
 *
 *   npm run icons            # regenerate and write the files (commit them)
 *   npm run icons -- --check # exit 1 when the committed files are not what the source renders to
 *
 * SVG → PNG: @resvg/resvg-js (prebuilt, no install script). ICO: png-to-ico, from PNGs rendered at each size.
 * ICNS: png2icons, from a 1024 px render on Apple's icon grid. The tray icons are drawn by tray-art.ts from
 * the source's "disc" and "note" parts (see the comment in icon.svg), once for every pixel size they ship
 * in; which file is for what is in assets/README.md.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import resvg from '@resvg/resvg-js';
import pngToIco from 'png-to-ico';
import png2icons from 'png2icons';
import { format, resolveConfig } from 'prettier';
import { TRAY_STATES, traySvg, type TrayParts, type TrayState, type TrayStyle } from './tray-art.ts';

export { TRAY_STATES, traySvg, type TrayParts, type TrayState, type TrayStyle };

export const ASSETS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../assets');
export const SOURCE = 'icon.svg';
export const MANIFEST = 'icons.json';

/** Sizes of the Linux hicolor PNGs (`assets/icons/NxN.png`, electron-builder's `linux.icon` directory). */
export const LINUX_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512] as const;
/** Sizes inside `icon.ico` (Windows shell: 100–300 % small icons, 48 for lists, 256 for large views). */
export const WINDOWS_ICON_SIZES = [16, 20, 24, 32, 40, 48, 64, 128, 256] as const;
/**
 * Sizes inside the tray ICOs: the notification area's 16 px icon at 100, 125, 150, 200, 250, 300 and 400 %
 * display scaling, so Windows picks an image drawn for the size instead of scaling one.
 */
export const WINDOWS_TRAY_SIZES = [16, 20, 24, 32, 40, 48, 64] as const;
/** Linux tray PNGs: base and @2x (StatusNotifierItem hosts scale them to the panel, 22–24 px on most). */
export const LINUX_TRAY_SIZE = 32;
/**
 * macOS menu-bar template images, base and @2x: 18 pt. The menu bar gives an extra 22 pt (24 pt on displays
 * with a notch), and 18 pt is the height of Apple's own menu-bar glyphs; 18 px rather than 16 also gives the
 * badge two more pixels at 1x.
 */
export const MAC_TRAY_SIZE = 18;
/** The ICNS entries png2icons writes, by OSType, and their pixel size. */
export const ICNS_ENTRIES: Readonly<Record<string, number>> = {
  ic07: 128,
  ic08: 256,
  ic09: 512,
  ic10: 1024,
  ic11: 32,
  ic12: 64,
  ic13: 256,
  ic14: 512,
  is32: 16,
  il32: 32,
};

/** The tray file names for a state, without extension: `tray-STATE[Template][@2x].{png,ico}`. */
export function trayBaseName(state: TrayState): string {
  return `tray-${state}`;
}

export interface GeneratedFile {
  /** Path relative to assets/. */
  readonly path: string;
  readonly format: 'png' | 'ico' | 'icns';
  /** Pixel sizes (square): one for a PNG, every image for an ICO or ICNS. */
  readonly sizes: readonly number[];
}

/** Every file this script writes, with the sizes a test can check against the files' own headers. */
export function generatedFiles(): GeneratedFile[] {
  const files: GeneratedFile[] = [
    { path: 'icon.png', format: 'png', sizes: [512] },
    { path: 'icon.ico', format: 'ico', sizes: [...WINDOWS_ICON_SIZES] },
    {
      path: 'icon.icns',
      format: 'icns',
      sizes: [...new Set(Object.values(ICNS_ENTRIES))].sort((a, b) => a - b),
    },
    ...LINUX_ICON_SIZES.map((size): GeneratedFile => ({
      path: `icons/${size}x${size}.png`,
      format: 'png',
      sizes: [size],
    })),
  ];
  for (const state of TRAY_STATES) {
    const base = `tray/${trayBaseName(state)}`;
    files.push(
      { path: `${base}.png`, format: 'png', sizes: [LINUX_TRAY_SIZE] },
      { path: `${base}@2x.png`, format: 'png', sizes: [LINUX_TRAY_SIZE * 2] },
      { path: `${base}.ico`, format: 'ico', sizes: [...WINDOWS_TRAY_SIZES] },
      { path: `${base}Template.png`, format: 'png', sizes: [MAC_TRAY_SIZE] },
      { path: `${base}Template@2x.png`, format: 'png', sizes: [MAC_TRAY_SIZE * 2] },
    );
  }
  return files;
}

export interface SourceParts {
  /** Everything inside the root <svg> element. */
  readonly inner: string;
  readonly viewBox: string;
  /** What the tray glyphs are drawn from: the note, in the disc's colour, outlined in the note's colour. */
  readonly tray: TrayParts;
}

const XMLNS = 'http://www.w3.org/2000/svg';

function attribute(element: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(element)?.[1];
}

/** Finds the parts of the source image the tray icons are made of (see the comment in icon.svg). */
export function parseSource(svg: string): SourceParts {
  const root = /<svg\b[^>]*>([\s\S]*)<\/svg>\s*$/.exec(svg);
  const rootTag = /<svg\b[^>]*>/.exec(svg)?.[0];
  const viewBox = rootTag === undefined ? undefined : attribute(rootTag, 'viewBox');
  if (root?.[1] === undefined || viewBox === undefined)
    throw new Error(`${SOURCE}: no <svg viewBox="…"> root`);
  const discTag = /<circle\b[^>]*\sid="disc"[^>]*\/>/.exec(svg)?.[0];
  const markColour = discTag === undefined ? undefined : attribute(discTag, 'fill');
  if (!markColour) throw new Error(`${SOURCE}: no <circle id="disc" fill="…"/>`);
  const noteGroup = /<g\b([^>]*\sid="note"[^>]*)>([\s\S]*?)<\/g>/.exec(svg);
  const edgeColour = noteGroup?.[1] === undefined ? undefined : attribute(noteGroup[1], 'fill');
  if (noteGroup?.[2] === undefined || !edgeColour)
    throw new Error(`${SOURCE}: no <g id="note" fill="…">…</g>`);
  const note = noteGroup[2].replace(/\s(fill|stroke)="[^"]*"/g, '');
  return { inner: root[1], viewBox, tray: { note, noteBox: noteBox(note, viewBox), markColour, edgeColour } };
}

/** The note's bounding box in the source's coordinates, as the renderer measures it. */
function noteBox(note: string, viewBox: string): TrayParts['noteBox'] {
  const [, , width, height] = viewBox.split(/[\s,]+/).map(Number);
  const svg = `<svg xmlns="${XMLNS}" width="${width}" height="${height}" viewBox="${viewBox}"><g>${note}</g></svg>`;
  const box = new resvg.Resvg(svg, { font: { loadSystemFonts: false } }).getBBox();
  if (box === undefined || !(box.width > 0 && box.height > 0))
    throw new Error(`${SOURCE}: the note is empty`);
  return { x: box.x, y: box.y, width: box.width, height: box.height };
}

/**
 * The app icon on Apple's macOS icon grid: the artwork scaled into the 824 px tile of a 1024 px canvas,
 * with the grid's soft drop shadow.
 */
export function macSvg(parts: SourceParts): string {
  const [, , width] = parts.viewBox.split(/[\s,]+/).map(Number);
  if (width === undefined || !Number.isFinite(width)) throw new Error(`${SOURCE}: unreadable viewBox`);
  return (
    `<svg xmlns="${XMLNS}" viewBox="0 0 1024 1024"><defs><filter id="shadow" x="-10%" y="-10%" width="120%" height="130%">` +
    `<feDropShadow dx="0" dy="10" stdDeviation="10" flood-color="#000000" flood-opacity="0.3"/></filter></defs>` +
    `<g filter="url(#shadow)"><svg x="100" y="100" width="824" height="824" viewBox="${parts.viewBox}">${parts.inner}</svg></g></svg>`
  );
}

/** Renders an SVG to a square PNG of `size` pixels. */
export function renderPng(svg: string, size: number): Buffer {
  const renderer = new resvg.Resvg(svg, {
    fitTo: { mode: 'width', value: size },
    font: { loadSystemFonts: false },
    logLevel: 'error',
  });
  const image = renderer.render();
  if (image.width !== size || image.height !== size) {
    throw new Error(
      `rendered ${image.width}×${image.height}, wanted ${size}×${size}: is the viewBox square?`,
    );
  }
  return image.asPng();
}

/** An ICO with one image per size, each rendered from the SVG `draw` gives for that size. */
async function ico(draw: (size: number) => string, sizes: readonly number[]): Promise<Buffer> {
  return pngToIco(sizes.map((size) => renderPng(draw(size), size)));
}

/** One tray image: the glyph drawn for `size` pixels and rendered at that size. */
export function trayPng(parts: SourceParts, state: TrayState, style: TrayStyle, size: number): Buffer {
  return renderPng(traySvg(parts.tray, state, style, size), size);
}

function icns(svg: string): Buffer {
  const result = png2icons.createICNS(renderPng(svg, 1024), png2icons.BICUBIC2, 0);
  if (result === null) throw new Error('png2icons could not create the ICNS');
  return result;
}

/** Renders every generated file from the source image (nothing is written). */
export async function renderAll(sourceSvg: string): Promise<Map<string, Buffer>> {
  const parts = parseSource(sourceSvg);
  const out = new Map<string, Buffer>();
  out.set('icon.png', renderPng(sourceSvg, 512));
  out.set('icon.ico', await ico(() => sourceSvg, WINDOWS_ICON_SIZES));
  out.set('icon.icns', icns(macSvg(parts)));
  for (const size of LINUX_ICON_SIZES) out.set(`icons/${size}x${size}.png`, renderPng(sourceSvg, size));
  for (const state of TRAY_STATES) {
    const base = `tray/${trayBaseName(state)}`;
    out.set(`${base}.png`, trayPng(parts, state, 'colour', LINUX_TRAY_SIZE));
    out.set(`${base}@2x.png`, trayPng(parts, state, 'colour', LINUX_TRAY_SIZE * 2));
    out.set(
      `${base}.ico`,
      await ico((size) => traySvg(parts.tray, state, 'colour', size), WINDOWS_TRAY_SIZES),
    );
    out.set(`${base}Template.png`, trayPng(parts, state, 'template', MAC_TRAY_SIZE));
    out.set(`${base}Template@2x.png`, trayPng(parts, state, 'template', MAC_TRAY_SIZE * 2));
  }
  const expected = generatedFiles().map((file) => file.path);
  const missing = expected.filter((path) => !out.has(path));
  if (missing.length > 0 || out.size !== expected.length)
    throw new Error(`icon list out of step: ${missing.join(', ')}`);
  return out;
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export interface Manifest {
  readonly source: string;
  readonly sourceSha256: string;
  readonly generator: string;
  readonly files: Readonly<Record<string, { readonly sha256: string; readonly sizes: readonly number[] }>>;
}

export function manifestFor(sourceSvg: string, rendered: ReadonlyMap<string, Buffer>): Manifest {
  const sizes = new Map(generatedFiles().map((file) => [file.path, file.sizes]));
  return {
    source: SOURCE,
    sourceSha256: sha256(sourceSvg),
    generator: 'dev/scripts/icons.ts',
    files: Object.fromEntries(
      [...rendered].map(([path, data]) => [path, { sha256: sha256(data), sizes: sizes.get(path) ?? [] }]),
    ),
  };
}

async function main(args: readonly string[]): Promise<number> {
  const check = args.includes('--check');
  const sourceSvg = await readFile(join(ASSETS_DIR, SOURCE), 'utf8');
  const rendered = await renderAll(sourceSvg);
  // Written as Prettier writes it, so `prettier --check .` and `--check` here agree.
  const manifestPath = join(ASSETS_DIR, MANIFEST);
  const manifest = await format(JSON.stringify(manifestFor(sourceSvg, rendered)), {
    ...(await resolveConfig(manifestPath)),
    filepath: manifestPath,
  });
  if (check) {
    const stale: string[] = [];
    for (const [path, data] of rendered) {
      const committed = await readFile(join(ASSETS_DIR, path)).catch(() => undefined);
      if (committed === undefined || !committed.equals(data)) stale.push(path);
    }
    const committedManifest = await readFile(manifestPath, 'utf8').catch(() => '');
    if (committedManifest !== manifest) stale.push(MANIFEST);
    if (stale.length > 0) {
      console.error(`icons: out of date (run npm run icons): ${stale.join(', ')}`);
      return 1;
    }
    console.info(`icons: ${rendered.size} files up to date`);
    return 0;
  }
  for (const [path, data] of rendered) {
    await mkdir(dirname(join(ASSETS_DIR, path)), { recursive: true });
    await writeFile(join(ASSETS_DIR, path), data);
  }
  await writeFile(manifestPath, manifest);
  console.info(`icons: wrote ${rendered.size} files and ${MANIFEST} under assets/`);
  return 0;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
