// nifti-reader-js (an independent parser) as a reference: it must see the same header fields as this
// package on the shared real files, and read the files this package writes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ALL_DTYPES, allocateData, createVolume } from '@nnunet-ts/volume';
import * as niftiReader from 'nifti-reader-js';
import { describe, expect, it } from 'vitest';
import { decodeNifti } from './decodeNifti';
import { encodeNifti } from './encodeNifti';
import type { NiftiHeaderInfo } from './NiftiImage';
import { readNiftiHeader } from './readNifti';
import { firstDifference, haveSharedData, sharedData } from './internal/testing';

type ReferenceHeader = niftiReader.NIFTI1 | niftiReader.NIFTI2;

/** A fresh ArrayBuffer holding exactly these bytes (a Node Buffer's .buffer may be a shared pool). */
function arrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return copy.buffer;
}

function expectSameFields(ours: NiftiHeaderInfo, ref: ReferenceHeader, what: string): void {
  const h = ours.header;
  const same = (a: unknown, b: unknown, field: string) => expect(a, `${what}: ${field}`).toEqual(b);
  same(h.littleEndian, ref.littleEndian, 'byte order');
  same(h.dim, ref.dims, 'dim');
  same(h.datatype, ref.datatypeCode, 'datatype');
  same(h.bitpix, ref.numBitsPerVoxel, 'bitpix');
  same(h.pixdim, ref.pixDims, 'pixdim');
  same(h.voxOffset, ref.vox_offset, 'vox_offset');
  same([h.sclSlope, h.sclInter], [ref.scl_slope, ref.scl_inter], 'scaling');
  same([h.qformCode, h.sformCode], [ref.qform_code, ref.sform_code], 'xform codes');
  same([h.quaternB, h.quaternC, h.quaternD], [ref.quatern_b, ref.quatern_c, ref.quatern_d], 'quaternion');
  same([h.qoffsetX, h.qoffsetY, h.qoffsetZ], [ref.qoffset_x, ref.qoffset_y, ref.qoffset_z], 'qoffset');
  same(
    ours.extensions.map((e) => [e.code, e.data.length + 8]),
    ref.extensions.map((e) => [e.ecode, e.esize]),
    'extensions',
  );
  // nifti-reader-js fills `affine` from the sform whenever sform_code >= qform_code > 0 or qform_code = 0
  if (h.sformCode > 0 && h.sformCode >= h.qformCode) same(ours.affine, ref.affine, 'sform');
}

const present = haveSharedData('nifti');
const dir = path.join(sharedData, 'nifti');
/* eslint-disable-next-line @typescript-eslint/no-explicit-any -- manifest entries are free-form JSON */
const entries: any[] = present ? JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')).files : [];

describe.skipIf(!present)('header fields agree with nifti-reader-js on the shared files', () => {
  for (const f of entries.filter((e) => e.nifti_version !== 'analyze')) {
    it(f.file, async () => {
      const raw = readFileSync(path.join(dir, f.file));
      const bytes = raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw;
      const ref = niftiReader.readHeader(arrayBuffer(bytes), true);
      expectSameFields(await readNiftiHeader(path.join(dir, f.file)), ref, f.file);
    });
  }
});

describe('nifti-reader-js reads what encodeNifti writes', () => {
  it('every dtype, both byte orders, NIfTI-1 and -2', () => {
    for (const dtype of ALL_DTYPES) {
      for (const littleEndian of [true, false]) {
        for (const version of [1, 2] as const) {
          const data = allocateData(dtype, 3 * 2 * 2 * 2);
          const bytes8 = new Uint8Array(data.buffer);
          bytes8.forEach((_, i) => (bytes8[i] = (i * 29 + 7) & 0x7f));
          const volume = createVolume({
            data: data as never,
            dtype,
            shape: [3, 2, 2],
            channels: 2,
            spacing: [0.5, 1, 2],
          });
          const file = encodeNifti(volume, {
            littleEndian,
            version,
            extensions: [{ code: 0, data: new Uint8Array(5) }],
          });
          const what = `${dtype} ${littleEndian ? 'LE' : 'BE'} v${version}`;
          const ref = niftiReader.readHeader(arrayBuffer(file), false);
          expect(ref, what).not.toBeNull();
          expectSameFields(decodeNifti(file), ref as ReferenceHeader, what);
          const refImage = new Uint8Array(niftiReader.readImage(ref as ReferenceHeader, arrayBuffer(file)));
          expect(firstDifference(refImage, file.subarray(file.length - data.byteLength)), what).toBeNull();
        }
      }
    }
  });
});
