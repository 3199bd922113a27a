import { crc32, deflateSync } from 'node:zlib';
import type { RgbImage } from './RgbImage';

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
/** IHDR colour type 2: RGB, 8 bits per sample. */
const COLOR_TYPE_RGB = 2;

/**
 * Encodes an RGB picture as a PNG file (8-bit truecolour, no interlace). Each row gets the `Up`
 * filter (difference to the row above), which suits slices whose rows change little.
 */
export function encodePng(image: RgbImage): Buffer {
  const { width, height, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`encodePng: width and height must be positive integers, got ${width} × ${height}`);
  }
  if (data.length !== width * height * 3) {
    throw new RangeError(
      `encodePng: ${width} × ${height} RGB needs ${width * height * 3} bytes, got ${data.length}`,
    );
  }
  const stride = width * 3;
  const filtered = new Uint8Array(height * (stride + 1));
  for (let y = 0; y < height; y++) {
    const out = y * (stride + 1);
    filtered[out] = 2; // filter type Up
    for (let x = 0; x < stride; x++) {
      const above = y > 0 ? data[(y - 1) * stride + x]! : 0;
      filtered[out + 1 + x] = (data[y * stride + x]! - above) & 0xff;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per sample
  header[9] = COLOR_TYPE_RGB;
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(filtered)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, body: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + body.length);
  out.writeUInt32BE(body.length, 0);
  out.write(type, 4, 'latin1');
  out.set(body, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + body.length)), 8 + body.length);
  return out;
}
