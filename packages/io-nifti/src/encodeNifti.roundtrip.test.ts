// Exact round trips: real files write back byte for byte; random volumes of every dtype survive write → read.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ALL_DTYPES, createVolume, dtypeInfo, type DType, type Volume } from '@nnunet-ts/volume';
import { describe, expect, it } from 'vitest';
import { decodeNifti } from './decodeNifti';
import { encodeNifti, encodeNiftiParts } from './encodeNifti';
import { readNifti } from './readNifti';
import { firstDifference, haveSharedData, sharedData } from './internal/testing';

const present = haveSharedData('nifti');
const dir = path.join(sharedData, 'nifti');
/* eslint-disable-next-line @typescript-eslint/no-explicit-any -- manifest entries are free-form JSON */
const entries: any[] = present ? JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')).files : [];

function fileBytes(name: string): Uint8Array {
  const raw = readFileSync(path.join(dir, name));
  return raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw;
}

describe.skipIf(!present)('real files write back byte for byte', () => {
  for (const f of entries.filter((e) => e.expected === 'ok')) {
    it(f.file, async () => {
      const img = await readNifti(path.join(dir, f.file));
      const options = { header: img.header, extensions: img.extensions };
      if (f.file.endsWith('.hdr')) {
        const parts = encodeNiftiParts(img.volume, options, true);
        expect(firstDifference(parts.header, fileBytes(f.file))).toBeNull();
        expect(firstDifference(parts.data, fileBytes(f.file.replace(/\.hdr$/, '.img')))).toBeNull();
      } else {
        expect(firstDifference(encodeNifti(img.volume, options), fileBytes(f.file))).toBeNull();
      }
    });
  }
});

/** Random bit patterns, so NaN payloads, -0, infinities and extreme integers all occur. */
function randomVolume(dtype: DType, shape: [number, number, number], channels: number, seed: number): Volume {
  const { arrayType, components } = dtypeInfo(dtype);
  const n = shape[0] * shape[1] * shape[2] * channels * components;
  const bytes = new Uint8Array(n * arrayType.BYTES_PER_ELEMENT);
  let s = seed;
  for (let i = 0; i < bytes.length; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    bytes[i] = s >>> 24;
  }
  const c = Math.cos(seed);
  const sn = Math.sin(seed);
  return createVolume({
    data: new arrayType(bytes.buffer) as never,
    dtype,
    shape,
    channels,
    affine: [
      [c * 0.5, -sn * 2, 0, 10.25],
      [sn * 0.5, c * 2, 0, -3.5],
      [0, 0, -1.5, 7],
      [0, 0, 0, 1],
    ],
  });
}

describe('random volumes round-trip through encode → decode', () => {
  for (const dtype of ALL_DTYPES) {
    it(`${dtype}: both byte orders, NIfTI-1 and -2, 3D and 4D`, () => {
      let seed = 1;
      for (const littleEndian of [true, false]) {
        for (const version of [1, 2] as const) {
          for (const channels of [1, 3]) {
            const v = randomVolume(dtype, [5, 4, 3], channels, seed++);
            const bytes = encodeNifti(v, {
              littleEndian,
              version,
              extensions: [{ code: 6, data: new Uint8Array([1, 2, 3]) }],
            });
            const back = decodeNifti(bytes);
            expect(back.volume.dtype).toBe(dtype);
            expect(back.volume.shape).toEqual(v.shape);
            expect(back.volume.channels).toBe(channels);
            expect(back.header.littleEndian).toBe(littleEndian);
            expect(back.header.version).toBe(version);
            expect(firstDifference(back.volume.data, v.data)).toBeNull();
            const round = version === 1 ? Math.fround : (x: number) => x;
            expect(back.affine).toEqual(v.affine.map((row) => row.map(round)));
            expect(back.volume.spacing).toEqual(v.spacing.map(round));
            expect(back.extensions).toEqual([{ code: 6, data: new Uint8Array([1, 2, 3, 0, 0, 0, 0, 0]) }]);
            // a second trip through the read header is exact in every field and byte
            const again = encodeNifti(back.volume, { header: back.header, extensions: back.extensions });
            expect(firstDifference(again, bytes)).toBeNull();
            expect(decodeNifti(again).header).toEqual(back.header);
          }
        }
      }
    });
  }
});
