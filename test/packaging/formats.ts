/**
 * Small readers for the file formats the packaging tests look into, written from the format specs so the
 * tests do not trust the libraries that wrote the files: PNG headers and pixels, ICO directories and
 * images, ICNS entries and ZIP central directories.
 */
import { inflateSync } from 'node:zlib';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface Dimensions {
  readonly width: number;
  readonly height: number;
}

function isPng(data: Buffer): boolean {
  return data.subarray(0, 8).equals(PNG_SIGNATURE);
}

/** Width and height from a PNG's IHDR chunk (which must come first). */
export function pngSize(data: Buffer): Dimensions {
  if (!isPng(data)) throw new Error('not a PNG (bad signature)');
  if (data.toString('latin1', 12, 16) !== 'IHDR') throw new Error('PNG does not start with IHDR');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

/** Decoded pixels: `rgba` holds 4 bytes a pixel (straight alpha), rows top to bottom. */
export interface Pixels extends Dimensions {
  readonly rgba: Buffer;
}

/** PNG colour types this reader decodes, by the number of samples a pixel has. */
const PNG_CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 4: 2, 6: 4 };

/**
 * The pixels of an 8-bit, non-interlaced greyscale, RGB, grey + alpha or RGBA PNG (what renderers write for
 * icons); anything else is refused rather than guessed at.
 */
export function decodePng(data: Buffer): Pixels {
  const { width, height } = pngSize(data);
  const depth = data.readUInt8(24);
  const colourType = data.readUInt8(25);
  const interlace = data.readUInt8(28);
  const channels = PNG_CHANNELS[colourType];
  if (depth !== 8 || channels === undefined || interlace !== 0) {
    throw new Error(
      `PNG: cannot decode bit depth ${depth}, colour type ${colourType}, interlace ${interlace}`,
    );
  }
  const idat: Buffer[] = [];
  for (let offset = 8; offset + 8 <= data.length;) {
    const length = data.readUInt32BE(offset);
    const type = data.toString('latin1', offset + 4, offset + 8);
    if (type === 'IDAT') idat.push(data.subarray(offset + 8, offset + 8 + length));
    if (type === 'IEND') break;
    offset += 12 + length;
  }
  const filtered = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  if (filtered.length !== height * (stride + 1)) throw new Error('PNG: image data has the wrong length');
  const raw = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = filtered.readUInt8(y * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const value = filtered.readUInt8(y * (stride + 1) + 1 + x);
      const left = x >= channels ? raw.readUInt8(y * stride + x - channels) : 0;
      const up = y > 0 ? raw.readUInt8((y - 1) * stride + x) : 0;
      const upLeft = x >= channels && y > 0 ? raw.readUInt8((y - 1) * stride + x - channels) : 0;
      raw[y * stride + x] = (value + pngPredictor(filter, left, up, upLeft)) & 0xff;
    }
  }
  const rgba = Buffer.alloc(width * height * 4);
  for (let pixel = 0; pixel < width * height; pixel++) {
    const at = pixel * channels;
    const [r, g, b, a] =
      channels === 4
        ? [raw[at], raw[at + 1], raw[at + 2], raw[at + 3]]
        : channels === 3
          ? [raw[at], raw[at + 1], raw[at + 2], 255]
          : [raw[at], raw[at], raw[at], channels === 2 ? raw[at + 1] : 255];
    rgba.set([r ?? 0, g ?? 0, b ?? 0, a ?? 0], pixel * 4);
  }
  return { width, height, rgba };
}

/** The value a PNG filter type predicts from the bytes left, above and above-left (PNG spec, 9.2). */
function pngPredictor(filter: number, left: number, up: number, upLeft: number): number {
  switch (filter) {
    case 0:
      return 0;
    case 1:
      return left;
    case 2:
      return up;
    case 3:
      return Math.floor((left + up) / 2);
    case 4: {
      const estimate = left + up - upLeft;
      const [toLeft, toUp, toUpLeft] = [left, up, upLeft].map((value) => Math.abs(estimate - value));
      if (toLeft !== undefined && toUp !== undefined && toUpLeft !== undefined) {
        if (toLeft <= toUp && toLeft <= toUpLeft) return left;
        if (toUp <= toUpLeft) return up;
      }
      return upLeft;
    }
    default:
      throw new Error(`PNG: unknown filter type ${filter}`);
  }
}

export interface IcoImage extends Dimensions {
  readonly format: 'png' | 'bmp';
  readonly bitsPerPixel: number;
}

/** Each image of an ICO with its directory entry's size, and the image's own bytes. */
function icoEntries(data: Buffer): { width: number; height: number; bitsPerPixel: number; image: Buffer }[] {
  if (data.readUInt16LE(0) !== 0 || data.readUInt16LE(2) !== 1) throw new Error('not an ICO (bad header)');
  const count = data.readUInt16LE(4);
  const entries = [];
  for (let index = 0; index < count; index++) {
    const entry = 6 + 16 * index;
    const bytes = data.readUInt32LE(entry + 8);
    const offset = data.readUInt32LE(entry + 12);
    if (offset + bytes > data.length) throw new Error(`ICO image ${index} runs past the end of the file`);
    entries.push({
      width: data.readUInt8(entry) || 256,
      height: data.readUInt8(entry + 1) || 256,
      bitsPerPixel: data.readUInt16LE(entry + 6),
      image: data.subarray(offset, offset + bytes),
    });
  }
  return entries;
}

/** The images of an ICO file: the directory's sizes, checked against each image's own header. */
export function icoImages(data: Buffer): IcoImage[] {
  const images: IcoImage[] = [];
  for (const [index, { width, height, bitsPerPixel, image }] of icoEntries(data).entries()) {
    if (isPng(image)) {
      const own = pngSize(image);
      if (own.width !== width || own.height !== height)
        throw new Error(`ICO image ${index}: directory and PNG disagree`);
      images.push({ width, height, format: 'png', bitsPerPixel });
    } else {
      // BITMAPINFOHEADER: the height counts the XOR and AND masks, so it is twice the icon's.
      const ownWidth = image.readInt32LE(4);
      const ownHeight = image.readInt32LE(8) / 2;
      if (ownWidth !== width || ownHeight !== height)
        throw new Error(`ICO image ${index}: directory and bitmap disagree`);
      images.push({ width, height, format: 'bmp', bitsPerPixel: image.readUInt16LE(14) });
    }
  }
  return images;
}

/**
 * The pixels of every image in an ICO: PNG images decoded, 32-bit BMP images read bottom-up as BGRA (their
 * AND mask is ignored: with an alpha channel, Windows draws by the alpha).
 */
export function icoPixels(data: Buffer): Pixels[] {
  icoImages(data); // checks the directory against every image's header
  return icoEntries(data).map(({ width, height, image }) => {
    if (isPng(image)) return decodePng(image);
    const header = image.readUInt32LE(0);
    const bits = image.readUInt16LE(14);
    if (bits !== 32 || image.readUInt32LE(16) !== 0) throw new Error(`ICO: cannot read a ${bits}-bit BMP`);
    const rgba = Buffer.alloc(width * height * 4);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const at = header + ((height - 1 - y) * width + x) * 4;
        rgba.set(
          [image[at + 2] ?? 0, image[at + 1] ?? 0, image[at] ?? 0, image[at + 3] ?? 0],
          (y * width + x) * 4,
        );
      }
    }
    return { width, height, rgba };
  });
}

/** Pixel size of the ICNS icon types (PNG-or-JPEG2000 types, and the older RGB/mask types). */
const ICNS_TYPE_SIZES: Readonly<Record<string, number>> = {
  icp4: 16,
  icp5: 32,
  icp6: 64,
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
  s8mk: 16,
  l8mk: 32,
};

export interface IcnsEntry extends Dimensions {
  readonly type: string;
  readonly bytes: number;
}

/** The entries of an ICNS file, with each PNG entry's size read from the PNG itself. */
export function icnsEntries(data: Buffer): IcnsEntry[] {
  if (data.toString('latin1', 0, 4) !== 'icns') throw new Error('not an ICNS (bad magic)');
  if (data.readUInt32BE(4) !== data.length) throw new Error('ICNS length field does not match the file');
  const entries: IcnsEntry[] = [];
  for (let offset = 8; offset < data.length;) {
    const type = data.toString('latin1', offset, offset + 4);
    const length = data.readUInt32BE(offset + 4);
    if (length < 8 || offset + length > data.length) throw new Error(`ICNS entry ${type} has a bad length`);
    const body = data.subarray(offset + 8, offset + length);
    const expected = ICNS_TYPE_SIZES[type];
    if (isPng(body)) {
      entries.push({ type, bytes: body.length, ...pngSize(body) });
    } else if (type.endsWith('8mk') && expected !== undefined) {
      if (body.length !== expected * expected) throw new Error(`ICNS mask ${type} is ${body.length} bytes`);
      entries.push({ type, bytes: body.length, width: expected, height: expected });
    } else if (expected !== undefined) {
      entries.push({ type, bytes: body.length, width: expected, height: expected });
    } else {
      entries.push({ type, bytes: body.length, width: 0, height: 0 }); // TOC, info and the like
    }
    offset += length;
  }
  return entries;
}

/** File names in a ZIP archive, from its central directory. */
export function zipEntries(data: Buffer): string[] {
  let end = -1;
  for (let at = data.length - 22; at >= Math.max(0, data.length - 22 - 0xffff); at--) {
    if (data.readUInt32LE(at) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new Error('not a ZIP (no end of central directory)');
  let count = data.readUInt16LE(end + 10);
  let offset = data.readUInt32LE(end + 16);
  if (count === 0xffff || offset === 0xffffffff) {
    // ZIP64: the locator sits right before the end record and points at the ZIP64 end record.
    const locator = end - 20;
    if (data.readUInt32LE(locator) !== 0x07064b50) throw new Error('ZIP64 archive without a locator');
    const record = Number(data.readBigUInt64LE(locator + 8));
    count = Number(data.readBigUInt64LE(record + 32));
    offset = Number(data.readBigUInt64LE(record + 48));
  }
  const names: string[] = [];
  for (let index = 0; index < count; index++) {
    if (data.readUInt32LE(offset) !== 0x02014b50) throw new Error(`bad central directory entry ${index}`);
    const nameLength = data.readUInt16LE(offset + 28);
    const extraLength = data.readUInt16LE(offset + 30);
    const commentLength = data.readUInt16LE(offset + 32);
    names.push(data.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}
