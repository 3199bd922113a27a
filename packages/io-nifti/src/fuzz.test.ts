// Truncations and random damage of valid files: every outcome is a correct read or a NiftiError, quickly.
import { gzipSync } from 'node:zlib';
import { createVolume } from '@nnunet-ts/volume';
import { describe, expect, it } from 'vitest';
import { decodeNifti } from './decodeNifti';
import { encodeNifti } from './encodeNifti';
import { NiftiError } from './NiftiError';
import { readNifti } from './readNifti';

const volume = createVolume({
  data: new Int16Array(9 * 7 * 5).map((_, e) => (e * 7919) % 3001),
  shape: [9, 7, 5],
  spacing: [0.8, 0.8, 2],
});

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Runs a read and classifies it; anything but success or NiftiError fails the test with the case named. */
async function outcome(read: () => unknown, what: string): Promise<'read' | NiftiError['code']> {
  try {
    await read();
    return 'read';
  } catch (error) {
    if (!(error instanceof NiftiError))
      throw new Error(`${what}: threw ${String(error)} instead of a NiftiError`, { cause: error });
    return error.code;
  }
}

describe.each([
  { version: 1 as const, littleEndian: false },
  { version: 2 as const, littleEndian: true },
])('fuzz NIfTI-$version', (options) => {
  const valid = encodeNifti(volume, {
    ...options,
    extensions: [{ code: 6, data: new Uint8Array(20).fill(65) }],
  });
  const gz = gzipSync(valid);

  it('refuses every truncation of the uncompressed file', async () => {
    for (let n = 0; n < valid.length; n += n < 700 ? 1 : 37) {
      expect(await outcome(() => decodeNifti(valid.subarray(0, n)), `cut at ${n}`)).not.toBe('read');
    }
    expect(await outcome(() => decodeNifti(valid), 'whole file')).toBe('read');
  });

  it('refuses every truncation of the gzip stream', async () => {
    for (let n = 0; n < gz.length; n += 3) {
      expect(await outcome(() => readNifti(gz.subarray(0, n)), `gzip cut at ${n}`)).not.toBe('read');
    }
  });

  it('reads or refuses header damage, never anything else', async () => {
    const rand = random(options.version * 7);
    const header = options.version === 1 ? 400 : 600;
    const seen = new Set<string>();
    for (let trial = 0; trial < 3000; trial++) {
      const bytes = valid.slice();
      for (let k = 0; k < 1 + (trial % 3); k++) {
        const at = Math.floor(rand() * header);
        bytes[at] = trial % 2 ? bytes[at] ^ (1 << Math.floor(rand() * 8)) : Math.floor(rand() * 256);
      }
      const result = await outcome(() => {
        const img = decodeNifti(bytes);
        // whatever was read is self-consistent and no larger than the input
        expect(img.volume.data.byteLength).toBeLessThanOrEqual(bytes.length);
      }, `trial ${trial}`);
      seen.add(result);
    }
    expect(seen.has('read')).toBe(true);
    expect(seen.has('BAD_HEADER')).toBe(true);
  });

  it('reads or refuses gzip damage, and never returns data the CRC did not vouch for', async () => {
    const rand = random(options.version * 13);
    for (let trial = 0; trial < 300; trial++) {
      const bytes = gz.slice();
      const at = 10 + Math.floor(rand() * (gz.length - 18)); // inside the deflate data
      bytes[at] ^= 1 << Math.floor(rand() * 8);
      const result = await outcome(() => readNifti(bytes), `gzip flip at ${at}`);
      if (result === 'read') {
        // a flip that decodes to the same bytes (e.g. in an unused bit) must give the original voxels
        const img = await readNifti(bytes);
        expect(Array.from(img.volume.data as ArrayLike<number>)).toEqual(Array.from(volume.data));
      }
    }
  });
});
