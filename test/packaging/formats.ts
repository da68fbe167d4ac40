/**
 * Small readers for the file formats the packaging tests look into, written from the format specs so the
 * tests do not trust the libraries that wrote the files: PNG headers, ICO directories, ICNS entries and
 * ZIP central directories.
 */

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface Dimensions {
  readonly width: number;
  readonly height: number;
}

export function isPng(data: Buffer): boolean {
  return data.subarray(0, 8).equals(PNG_SIGNATURE);
}

/** Width and height from a PNG's IHDR chunk (which must come first). */
export function pngSize(data: Buffer): Dimensions {
  if (!isPng(data)) throw new Error('not a PNG (bad signature)');
  if (data.toString('latin1', 12, 16) !== 'IHDR') throw new Error('PNG does not start with IHDR');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

export interface IcoImage extends Dimensions {
  readonly format: 'png' | 'bmp';
  readonly bitsPerPixel: number;
}

/** The images of an ICO file: the directory's sizes, checked against each image's own header. */
export function icoImages(data: Buffer): IcoImage[] {
  if (data.readUInt16LE(0) !== 0 || data.readUInt16LE(2) !== 1) throw new Error('not an ICO (bad header)');
  const count = data.readUInt16LE(4);
  const images: IcoImage[] = [];
  for (let index = 0; index < count; index++) {
    const entry = 6 + 16 * index;
    const width = data.readUInt8(entry) || 256;
    const height = data.readUInt8(entry + 1) || 256;
    const bytes = data.readUInt32LE(entry + 8);
    const offset = data.readUInt32LE(entry + 12);
    if (offset + bytes > data.length) throw new Error(`ICO image ${index} runs past the end of the file`);
    const image = data.subarray(offset, offset + bytes);
    if (isPng(image)) {
      const own = pngSize(image);
      if (own.width !== width || own.height !== height)
        throw new Error(`ICO image ${index}: directory and PNG disagree`);
      images.push({ width, height, format: 'png', bitsPerPixel: data.readUInt16LE(entry + 6) });
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

/** Pixel size of the ICNS icon types (PNG-or-JPEG2000 types, and the older RGB/mask types). */
export const ICNS_TYPE_SIZES: Readonly<Record<string, number>> = {
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
