// The families of damage from CASES.json, generated on NIfTI-1 and NIfTI-2 in both byte orders.
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { createVolume } from '@nnunet-ts/volume';
import { describe, expect, it } from 'vitest';
import { decodeNifti } from './decodeNifti';
import { encodeNifti, encodeNiftiParts } from './encodeNifti';
import { NiftiError, type NiftiErrorCode } from './NiftiError';
import { readNifti } from './readNifti';

const volume = createVolume({
  data: new Int16Array(4 * 3 * 2).map((_, e) => e - 5),
  shape: [4, 3, 2],
  spacing: [1.5, 2, 3],
});

/** Byte offsets of the fields the families touch, per version. */
const AT = {
  1: {
    dim: 40,
    dimSize: 2,
    datatype: 70,
    bitpix: 72,
    pixdim: 76,
    pixSize: 4,
    voxOffset: 108,
    slope: 112,
    inter: 116,
    qcode: 252,
    scode: 254,
    quatern: 256,
    srow: 280,
    fsize: 4,
    csize: 2,
  },
  2: {
    dim: 16,
    dimSize: 8,
    datatype: 12,
    bitpix: 14,
    pixdim: 104,
    pixSize: 8,
    voxOffset: 168,
    slope: 176,
    inter: 184,
    qcode: 344,
    scode: 348,
    quatern: 352,
    srow: 400,
    fsize: 8,
    csize: 4,
  },
} as const;

type Version = 1 | 2;
interface Variant {
  version: Version;
  le: boolean;
}
const VARIANTS: Variant[] = [
  { version: 1, le: true },
  { version: 1, le: false },
  { version: 2, le: true },
  { version: 2, le: false },
];

function base({ version, le }: Variant): Uint8Array {
  return encodeNifti(volume, {
    version,
    littleEndian: le,
    extensions: [{ code: 4, data: new Uint8Array(8).fill(7) }],
  });
}

/** Writes an integer (dims, codes) or float field of the variant's width. */
function set(
  bytes: Uint8Array,
  v: Variant,
  what: 'int' | 'float' | 'code',
  offset: number,
  value: number,
): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  const a = AT[v.version];
  if (what === 'code') {
    if (a.csize === 2) view.setInt16(offset, value, v.le);
    else view.setInt32(offset, value, v.le);
  } else if (what === 'int') {
    if (a.dimSize === 2) view.setInt16(offset, value, v.le);
    else view.setBigInt64(offset, BigInt(value), v.le);
  } else if (a.fsize === 4) view.setFloat32(offset, value, v.le);
  else view.setFloat64(offset, value, v.le);
  return bytes;
}

function setVoxOffset(bytes: Uint8Array, v: Variant, value: number): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  if (v.version === 1) view.setFloat32(AT[1].voxOffset, value, v.le);
  else view.setBigInt64(AT[2].voxOffset, BigInt(value), v.le);
  return bytes;
}

function refusal(bytes: Uint8Array, options = {}): { code: NiftiErrorCode; message: string } {
  try {
    decodeNifti(bytes, { fileName: 'case.nii', ...options });
  } catch (error) {
    expect(error).toBeInstanceOf(NiftiError);
    return { code: (error as NiftiError).code, message: (error as NiftiError).message };
  }
  throw new Error('expected the bytes to be refused');
}

describe.each(VARIANTS)('NIfTI-$version, little-endian $le', (v) => {
  const a = AT[v.version];
  const dimAt = (i: number) => a.dim + i * a.dimSize;
  const pixAt = (i: number) => a.pixdim + i * a.pixSize;

  it('reads the unmodified file', () => {
    const img = decodeNifti(base(v));
    expect(Array.from(img.volume.data as ArrayLike<number>)).toEqual(Array.from(volume.data));
    expect(img.extensions).toEqual([{ code: 4, data: new Uint8Array(8).fill(7) }]);
  });

  it('dims: dim[0] outside 1..7 and unused-but-declared zero or negative dims are refused', () => {
    for (const n of [0, 8, -3])
      expect(refusal(set(base(v), v, 'int', dimAt(0), n))).toMatchObject({
        code: 'BAD_HEADER',
        message: expect.stringMatching(/dim\[0\]/),
      });
    expect(refusal(set(base(v), v, 'int', dimAt(3), 0)).message).toMatch(/dim\[3\] is 0/);
    expect(refusal(set(base(v), v, 'int', dimAt(2), -3)).message).toMatch(/dim\[2\] is -3/);
    // a 2D reading of the same bytes is valid: the rest of the data is simply not used
    const flat = decodeNifti(set(base(v), v, 'int', dimAt(0), 2));
    expect(flat.dims).toEqual([4, 3]);
    expect(flat.volume.shape).toEqual([4, 3, 1]);
  });

  it('datatype: unknown and unsupported codes are refused, a wrong bitpix only warns', () => {
    const dt = (c: number) => {
      const b = base(v);
      new DataView(b.buffer).setInt16(a.datatype, c, v.le);
      return b;
    };
    expect(refusal(dt(3))).toMatchObject({
      code: 'BAD_HEADER',
      message: expect.stringMatching(/datatype 3 is not/),
    });
    expect(refusal(dt(1536))).toMatchObject({
      code: 'UNSUPPORTED',
      message: expect.stringMatching(/float128/),
    });
    const b = base(v);
    new DataView(b.buffer).setInt16(a.bitpix, 8, v.le);
    expect(decodeNifti(b).warnings).toEqual([expect.stringMatching(/bitpix is 8/)]);
  });

  it('vox_offset: below the header, fractional (NIfTI-1) or past the end is refused', () => {
    expect(refusal(setVoxOffset(base(v), v, 100)).message).toMatch(/vox_offset is 100/);
    if (v.version === 1)
      expect(refusal(setVoxOffset(base(v), v, 368.5)).message).toMatch(/vox_offset is 368.5/);
    expect(refusal(setVoxOffset(base(v), v, 5000))).toMatchObject({ code: 'TRUNCATED' });
  });

  it('pixdim: non-finite sizes and zero spatial sizes are refused, negative ones read as their size', () => {
    expect(refusal(set(base(v), v, 'float', pixAt(2), Infinity)).message).toMatch(/pixdim\[2\] is Infinity/);
    expect(refusal(set(base(v), v, 'float', pixAt(3), 0)).message).toMatch(/pixdim\[3\] is 0/);
    expect(decodeNifti(set(base(v), v, 'float', pixAt(1), -1.5)).zooms).toEqual([1.5, 2, 3]);
  });

  it('scaling: slope 0, NaN or ±Inf means none; a finite slope needs a finite intercept', () => {
    for (const slope of [0, NaN, Infinity, -Infinity]) {
      const img = decodeNifti(set(base(v), v, 'float', a.slope, slope), { as: 'float64' });
      expect(Array.from(img.volume.data as ArrayLike<number>)).toEqual(Array.from(volume.data));
    }
    const scaled = set(set(base(v), v, 'float', a.slope, 2), v, 'float', a.inter, 0.5);
    expect(decodeNifti(scaled, { as: 'float64' }).volume.data[0]).toBe(-5 * 2 + 0.5);
    for (const inter of [NaN, Infinity]) {
      expect(refusal(set(set(base(v), v, 'float', a.slope, 2), v, 'float', a.inter, inter)).message).toMatch(
        /scl_inter is/,
      );
    }
  });

  it('xforms: the transform in use must be finite, non-singular and a valid code', () => {
    const sformOnly = () => set(base(v), v, 'code', a.qcode, 0);
    expect(refusal(set(sformOnly(), v, 'float', a.srow, NaN)).message).toMatch(/sform .* non-finite/);
    const singular = sformOnly();
    for (let i = 0; i < 12; i++) set(singular, v, 'float', a.srow + i * a.fsize, 0);
    expect(refusal(singular).message).toMatch(/sform .* singular/);
    const qformOnly = () => set(base(v), v, 'code', a.scode, 0);
    expect(decodeNifti(qformOnly()).affineSource).toBe('qform');
    expect(refusal(set(qformOnly(), v, 'float', a.quatern, 1.5)).message).toMatch(
      /quaternion .* is not a rotation/,
    );
    expect(refusal(set(qformOnly(), v, 'float', a.quatern, NaN)).message).toMatch(/quaternion/);
    expect(refusal(set(base(v), v, 'code', a.scode, 9)).message).toMatch(/sform_code is 9/);
    // a broken qform does not matter while the sform is used
    expect(decodeNifti(set(base(v), v, 'float', a.quatern, 1.5)).affineSource).toBe('sform');
  });

  it('extensions: a malformed section is ignored and the data are still read at vox_offset', () => {
    const header = v.version === 1 ? 348 : 540;
    for (const esize of [24, -16, 0, 2 ** 31 - 16]) {
      const b = base(v);
      new DataView(b.buffer).setInt32(header + 4, esize, v.le);
      const img = decodeNifti(b);
      expect(img.extensions).toEqual([]);
      expect(Array.from(img.volume.data as ArrayLike<number>)).toEqual(Array.from(volume.data));
    }
  });

  it('truncation: a cut header, a cut extension section and cut data are refused', () => {
    const b = base(v);
    const header = v.version === 1 ? 348 : 540;
    expect(refusal(b.subarray(0, 200)).code).toBe('TRUNCATED');
    expect(refusal(b.subarray(0, header + 10)).code).toBe('TRUNCATED');
    expect(refusal(b.subarray(0, b.length - 1))).toMatchObject({
      code: 'TRUNCATED',
      message: expect.stringMatching(/declares/),
    });
  });

  it('limits: maxVoxels and a header declaring more data than the bytes hold', () => {
    expect(refusal(base(v), { maxVoxels: 23 })).toMatchObject({
      code: 'TOO_LARGE',
      message: expect.stringMatching(/24 voxels/),
    });
    const huge = set(
      set(set(base(v), v, 'int', dimAt(1), 30000), v, 'int', dimAt(2), 30000),
      v,
      'int',
      dimAt(3),
      30000,
    );
    expect(refusal(huge).code).toMatch(/TOO_LARGE|TRUNCATED/);
  });
});

describe('containers', () => {
  it('refuses gzip bytes, explaining what to do', () => {
    expect(refusal(gzipSync(encodeNifti(volume))).message).toMatch(/gzip-compressed; decompress them first/);
  });

  it('reads a pair from header and image bytes, and refuses a pair header alone or with a short image', () => {
    const { header, data } = encodeNiftiParts(volume, {}, true);
    expect(Array.from(decodeNifti(header, { imageBytes: data }).volume.data as ArrayLike<number>)).toEqual(
      Array.from(volume.data),
    );
    expect(refusal(header).message).toMatch(/magic 'ni1' marks the header of a \.hdr\/\.img pair/);
    expect(refusal(header, { imageBytes: data.subarray(1) }).code).toBe('TRUNCATED');
  });

  it('refuses a NIfTI-2 magic damaged by a text-mode transfer', () => {
    const b = encodeNifti(volume, { version: 2 });
    b[9] = 0x0d;
    expect(refusal(b).message).toMatch(/transferred as text/);
  });

  it('bounds a gzip stream by what it can inflate to, before allocating', async () => {
    const b = encodeNifti(volume);
    const view = new DataView(b.buffer);
    // 10^8 voxels is within maxVoxels, but far more than ~400 gzip bytes can inflate to
    [1000, 1000, 100].forEach((n, d) => view.setInt16(42 + 2 * d, n, true));
    const error = await readNifti(gzipSync(b)).catch((e: unknown) => e);
    expect((error as NiftiError).code).toBe('TOO_LARGE');
    expect((error as NiftiError).message).toMatch(/more than a gzip stream of this size can hold/);
  });

  it('allocates in proportion to the data a gzip stream delivers, not to what its header claims', async () => {
    // 200 KB of incompressible extension makes the stream plausible for ~200 MB; the header claims 90 MB
    const noise = new Uint8Array(randomBytes(200_000));
    const b = encodeNifti(volume, { extensions: [{ code: 0, data: noise }] });
    [1000, 1000, 45].forEach((n, d) => new DataView(b.buffer).setInt16(42 + 2 * d, n, true));
    const before = process.memoryUsage().arrayBuffers;
    const error = await readNifti(gzipSync(b)).catch((e: unknown) => e);
    const grown = process.memoryUsage().arrayBuffers - before;
    expect((error as NiftiError).code).toBe('TRUNCATED');
    expect(grown).toBeLessThan(20e6);
  });
});
