// Valid images for the NIfTI fuzz properties: every dtype, 3D and 4D shapes, exact geometry, extensions.
import { ALL_DTYPES, createVolume, dtypeInfo, type Mat4, type Volume } from '@nnunet-ts/volume';
import fc from 'fast-check';
import type { EncodeNiftiOptions } from '../../../encodeNifti';

export interface NiftiCase {
  volume: Volume;
  options: EncodeNiftiOptions & { version: 1 | 2; littleEndian: boolean };
}

/** Positive float32 values, so that NIfTI-1's float32 pixdim and srow hold them exactly. */
const size32 = fc.float({ min: Math.fround(0.01), max: 20, noNaN: true });
const coordinate32 = fc.float({ min: -500, max: 500, noNaN: true, noDefaultInfinity: true });

/** A permuted, flipped diagonal: exact in float32, and a rotation times the spacing (a qform exists). */
const axisAlignedAffine: fc.Arbitrary<Mat4> = fc
  .record({
    axes: fc.shuffledSubarray([0, 1, 2], { minLength: 3, maxLength: 3 }),
    signs: fc.tuple(fc.boolean(), fc.boolean(), fc.boolean()),
    spacing: fc.tuple(size32, size32, size32),
    origin: fc.tuple(coordinate32, coordinate32, coordinate32),
  })
  .map(({ axes, signs, spacing, origin }) => {
    const rows = [0, 1, 2].map((r) => {
      const row = [0, 0, 0, origin[r]];
      const column = axes.indexOf(r);
      row[column] = (signs[column] ? -1 : 1) * spacing[column];
      return row;
    });
    return [...rows, [0, 0, 0, 1]] as unknown as Mat4;
  });

/** Any non-singular affine with shear allowed: only NIfTI-2's float64 fields hold it exactly. */
const generalAffine: fc.Arbitrary<Mat4> = fc
  .tuple(
    fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 9, maxLength: 9 }),
    fc.tuple(coordinate32, coordinate32, coordinate32),
  )
  .map(([m, origin]): Mat4 => [
    [m[0], m[1], m[2], origin[0]],
    [m[3], m[4], m[5], origin[1]],
    [m[6], m[7], m[8], origin[2]],
    [0, 0, 0, 1],
  ])
  .filter((a) => Math.abs(det3(a)) > 1e-6);

function det3(m: Mat4): number {
  return (
    m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) -
    m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
    m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
  );
}

/** A volume of any dtype whose bytes are random (NaN payloads and extreme integers included). */
export function volumeOf(affine: fc.Arbitrary<Mat4>): fc.Arbitrary<Volume> {
  return fc
    .record({
      dtype: fc.constantFrom(...ALL_DTYPES),
      shape: fc.tuple(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 5 }),
      ),
      channels: fc.oneof({ weight: 3, arbitrary: fc.constant(1) }, fc.integer({ min: 2, max: 3 })),
      affine,
      seed: fc.integer(),
    })
    .map(({ dtype, shape, channels, affine, seed }) => {
      const { arrayType, components, componentBytes } = dtypeInfo(dtype);
      const bytes = pseudoRandomBytes(
        shape[0] * shape[1] * shape[2] * channels * components * componentBytes,
        seed,
      );
      return createVolume({
        data: new arrayType(bytes.buffer) as Volume['data'],
        dtype,
        shape,
        channels,
        affine,
      });
    });
}

/** Deterministic filler: cheaper to generate and shrink than an fc array of every byte. */
function pseudoRandomBytes(n: number, seed: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

const extensions = fc.array(
  fc.record({
    code: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
    // 8 + length a multiple of 16, so that the read-back content equals what was written
    data: fc
      .integer({ min: 0, max: 3 })
      .chain((k) => fc.uint8Array({ minLength: 16 * k + 8, maxLength: 16 * k + 8 })),
  }),
  { maxLength: 2 },
);

const scaling = fc.option(
  fc.record(
    {
      slope: fc.float({ noNaN: true, noDefaultInfinity: true }).filter((s) => s !== 0),
      inter: fc.float({ noNaN: true, noDefaultInfinity: true }),
    },
    { noNullPrototype: true },
  ),
);

/** A valid image and the options to encode it with, exactly representable in its NIfTI version. */
export const niftiCase: fc.Arbitrary<NiftiCase> = fc
  .record({
    version: fc.constantFrom(1 as const, 2 as const),
    littleEndian: fc.boolean(),
    extensions,
    scaling,
  })
  .chain((options) =>
    volumeOf(options.version === 1 ? axisAlignedAffine : fc.oneof(axisAlignedAffine, generalAffine)).map(
      (volume) => ({ volume, options }),
    ),
  );
