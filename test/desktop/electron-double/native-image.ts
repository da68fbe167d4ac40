import { existsSync, readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { desktop } from './os.ts';

type Size = Electron.Size;

/** What the double knows of an image: where it came from and what it holds. */
interface ImageData {
  readonly path: string | null;
  readonly size: Size;
  readonly scaleFactors: readonly number[];
}

const EMPTY: ImageData = { path: null, size: { width: 0, height: 0 }, scaleFactors: [] };

/**
 * nativeImage as the app uses it. `createFromPath` really reads the file: a missing, unreadable or
 * unsupported file gives an empty image, as in Electron, so a wrong icon path shows up in tests.
 * - PNG and JPEG load everywhere; ICO only on Windows.
 * - `name@2x.png` beside `name.png` is picked up as the 2× representation.
 * - macOS: a file name ending in `Template` makes a template image.
 */
export class NativeImage implements Pick<
  Electron.NativeImage,
  'isEmpty' | 'getSize' | 'isTemplateImage' | 'setTemplateImage' | 'getScaleFactors' | 'toPNG'
> {
  readonly #data: ImageData;
  #template: boolean;

  constructor(data: ImageData, template = false) {
    this.#data = data;
    this.#template = template;
  }

  /** The file this image was loaded from (double only: the boot tests check it). */
  get sourcePath(): string | null {
    return this.#data.path;
  }

  isEmpty(): boolean {
    return this.#data.size.width === 0;
  }

  getSize(): Size {
    return { ...this.#data.size };
  }

  isTemplateImage(): boolean {
    return this.#template;
  }

  setTemplateImage(option: boolean): void {
    this.#template = option;
  }

  getScaleFactors(): number[] {
    return [...this.#data.scaleFactors];
  }

  toPNG(): Buffer {
    return this.#data.path && !this.isEmpty() ? readFileSync(this.#data.path) : Buffer.alloc(0);
  }

  static createFromPath(path: string): NativeImage {
    const data = loadImage(path);
    if (data === EMPTY) return new NativeImage(EMPTY);
    const template = desktop().platform === 'darwin' && basename(path, extname(path)).endsWith('Template');
    return new NativeImage(data, template);
  }

  static createFromBitmap(buffer: Buffer, options: Electron.CreateFromBitmapOptions): NativeImage {
    if (buffer.length !== options.width * options.height * 4) {
      throw new Error('Error processing argument: invalid buffer size for the bitmap');
    }
    return new NativeImage({
      path: null,
      size: { width: options.width, height: options.height },
      scaleFactors: [1],
    });
  }

  static createEmpty(): NativeImage {
    return new NativeImage(EMPTY);
  }
}

// The app holds these as Electron.NativeImage and uses only what the class above implements.
const asElectron = (image: NativeImage) => image as unknown as Electron.NativeImage;
export const nativeImage = {
  createFromPath: (path: string) => asElectron(NativeImage.createFromPath(path)),
  createFromBitmap: (buffer: Buffer, options: Electron.CreateFromBitmapOptions) =>
    asElectron(NativeImage.createFromBitmap(buffer, options)),
  createEmpty: () => asElectron(NativeImage.createEmpty()),
} satisfies Pick<typeof Electron.NativeImage, 'createFromPath' | 'createFromBitmap' | 'createEmpty'>;

function loadImage(path: string): ImageData {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return EMPTY;
  }
  const size = imageSize(bytes, extname(path).toLowerCase());
  if (size === null) return EMPTY;
  const retina = path.replace(/(\.[a-z]+)$/i, '@2x$1');
  return { path, size, scaleFactors: existsSync(retina) && retina !== path ? [1, 2] : [1] };
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function imageSize(bytes: Buffer, extension: string): Size | null {
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE) && bytes.length >= 24) {
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return { width: 1, height: 1 }; // JPEG: size not needed here
  if (
    extension === '.ico' &&
    bytes.length >= 22 &&
    bytes.readUInt16LE(0) === 0 &&
    bytes.readUInt16LE(2) === 1
  ) {
    if (desktop().platform !== 'win32') return null; // ICO files load on Windows only
    const count = bytes.readUInt16LE(4);
    let largest = 0;
    for (let index = 0; index < count; index++) {
      const width = bytes[6 + index * 16] || 256;
      largest = Math.max(largest, width);
    }
    return count > 0 ? { width: largest, height: largest } : null;
  }
  return null;
}
