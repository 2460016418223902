// Just enough PNG to check app icons: read the header, decode 8-bit images to RGBA, and
// encode an RGBA image (used by the tests to make deliberately wrong icons).
import { deflateSync, inflateSync } from 'node:zlib';
import { crc32 } from './crc32.mjs';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
export const COLOR_TYPES = { 0: 'greyscale', 2: 'RGB', 3: 'palette', 4: 'greyscale+alpha', 6: 'RGBA' };
const CHANNELS = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/**
 * Splits a PNG into its header fields and chunks. Checks the signature and every chunk CRC.
 * @param {Buffer} png
 */
export function readPng(png) {
  if (png.length < 8 || !png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG file');
  const chunks = [];
  let at = 8;
  while (at < png.length) {
    if (at + 12 > png.length) throw new Error('PNG is cut short');
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    if (at + 12 + length > png.length) throw new Error(`PNG chunk ${type} is cut short`);
    const data = png.subarray(at + 8, at + 8 + length);
    if (crc32(png.subarray(at + 4, at + 8 + length)) !== png.readUInt32BE(at + 8 + length)) {
      throw new Error(`PNG chunk ${type} has a bad CRC`);
    }
    chunks.push({ type, data });
    at += 12 + length;
    if (type === 'IEND') break;
  }
  const ihdr = chunks[0];
  if (!ihdr || ihdr.type !== 'IHDR' || ihdr.data.length !== 13) throw new Error('PNG has no IHDR header');
  if (!chunks.some((c) => c.type === 'IEND')) throw new Error('PNG has no IEND chunk');
  return {
    width: ihdr.data.readUInt32BE(0),
    height: ihdr.data.readUInt32BE(4),
    bitDepth: ihdr.data[8],
    colorType: ihdr.data[9],
    interlace: ihdr.data[12],
    chunks,
  };
}

/**
 * Decodes a non-interlaced 8-bit PNG to RGBA pixels (4 bytes per pixel, row by row).
 * @param {Buffer} png
 * @returns {{width: number, height: number, colorType: number, rgba: Buffer}}
 */
export function decodePng(png) {
  const info = readPng(png);
  const { width, height, bitDepth, colorType, interlace, chunks } = info;
  if (!(colorType in CHANNELS)) throw new Error(`unknown PNG colour type ${colorType}`);
  if (bitDepth !== 8) throw new Error(`only 8-bit PNGs are decoded (this one is ${bitDepth}-bit)`);
  if (interlace !== 0) throw new Error('interlaced PNGs are not decoded');
  const channels = CHANNELS[colorType];
  const stride = width * channels;
  const packed = inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  if (packed.length < (stride + 1) * height) throw new Error('PNG image data is cut short');

  const raw = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = packed[y * (stride + 1)];
    const line = packed.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = raw.subarray(y * stride, (y + 1) * stride);
    const prior = y > 0 ? raw.subarray((y - 1) * stride, y * stride) : null;
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? row[i - channels] : 0; // left
      const b = prior ? prior[i] : 0; // up
      const c = prior && i >= channels ? prior[i - channels] : 0; // up-left
      let predictor;
      switch (filter) {
        case 0: predictor = 0; break;
        case 1: predictor = a; break;
        case 2: predictor = b; break;
        case 3: predictor = (a + b) >> 1; break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - c);
          predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default: throw new Error(`PNG row ${y} has unknown filter type ${filter}`);
      }
      row[i] = (line[i] + predictor) & 0xff;
    }
  }

  const palette = chunks.find((c) => c.type === 'PLTE')?.data;
  const transparency = chunks.find((c) => c.type === 'tRNS')?.data;
  if (colorType === 3 && !palette) throw new Error('palette PNG has no PLTE chunk');
  const rgba = Buffer.alloc(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const s = p * channels;
    const o = p * 4;
    switch (colorType) {
      case 0: rgba.fill(raw[s], o, o + 3); rgba[o + 3] = transparency?.length >= 2 && transparency.readUInt16BE(0) === raw[s] ? 0 : 255; break;
      case 2: {
        raw.copy(rgba, o, s, s + 3);
        const key = transparency?.length >= 6
          && transparency.readUInt16BE(0) === raw[s] && transparency.readUInt16BE(2) === raw[s + 1] && transparency.readUInt16BE(4) === raw[s + 2];
        rgba[o + 3] = key ? 0 : 255;
        break;
      }
      case 3: {
        const index = raw[s];
        if (index * 3 + 2 >= palette.length) throw new Error(`palette index ${index} is out of range`);
        palette.copy(rgba, o, index * 3, index * 3 + 3);
        rgba[o + 3] = transparency && index < transparency.length ? transparency[index] : 255;
        break;
      }
      case 4: rgba.fill(raw[s], o, o + 3); rgba[o + 3] = raw[s + 1]; break;
      case 6: raw.copy(rgba, o, s, s + 4); break;
    }
  }
  return { width, height, colorType, rgba };
}

/**
 * Encodes RGBA pixels as an 8-bit RGBA PNG (filter 0 on every row).
 * @param {number} width
 * @param {number} height
 * @param {Buffer | Uint8Array} rgba
 */
export function encodePng(width, height, rgba) {
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) Buffer.from(rgba.buffer, rgba.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}
