// Inputs that broke the reader, replayed by src/nifti.fuzz.test.ts: files rebuilt here from a valid
// encoding with the fields that broke it, and generated cases given to their property as examples.
import { createVolume } from '@nnunet-ts/volume';
import { encodeNiftiParts } from '../../../encodeNifti';
import type { NiftiErrorCode } from '../../../NiftiError';
import type { GzipBombCase } from './gzipBomb';

const MiB = 2 ** 20;

export interface FileRegression {
  /** the file to write (a pair: the .hdr, its .img beside it), read back with readNifti */
  file: string;
  found: string;
  /** the refusal it must now get */
  code: NiftiErrorCode;
  /** file name → bytes */
  files(): Record<string, Uint8Array>;
}

/** NIfTI-2 offsets of the fields the regressions set. */
const PIXDIM_OFFSET = 104;
const QFORM_CODE_OFFSET = 344;
const SFORM_CODE_OFFSET = 348;

/**
 * A valid NIfTI-2 encoding of a small volume whose pixdim[1..3] are then set to `pixdim`, with
 * qform and sform codes 0, so that the reader builds its affine from pixdim alone.
 */
function pixdimOnly(pixdim: readonly number[], littleEndian: boolean, pair: boolean) {
  const volume = createVolume({ data: new Float32Array(2 * 3 * 4), shape: [2, 3, 4] });
  const { header, data } = encodeNiftiParts(volume, { version: 2, littleEndian }, pair);
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  pixdim.forEach((p, i) => view.setFloat64(PIXDIM_OFFSET + 8 * (i + 1), p, littleEndian));
  view.setInt32(QFORM_CODE_OFFSET, 0, littleEndian);
  view.setInt32(SFORM_CODE_OFFSET, 0, littleEndian);
  return { header, data };
}

export const NIFTI_FILE_REGRESSIONS: readonly FileRegression[] = [
  {
    file: 'fallback-affine-singular.hdr',
    found:
      'pixdim of 1.8e-307 (25 header bytes deleted from a pair) made the affine singular: RangeError from createVolume',
    code: 'BAD_HEADER',
    files() {
      const { header, data } = pixdimOnly([1.8e-307, 1.8e-307, 1.8e-307], true, true);
      return { 'fallback-affine-singular.hdr': header, 'fallback-affine-singular.img': data };
    },
  },
  {
    file: 'fallback-affine-infinite.nii',
    found: 'pixdim near the float64 maximum made the affine infinite: RangeError from createVolume',
    code: 'BAD_HEADER',
    files() {
      const { header, data } = pixdimOnly([1.7e308, 1.7e308, 1.7e308], false, false);
      const file = new Uint8Array(header.byteLength + data.byteLength);
      file.set(header);
      file.set(data, header.byteLength);
      return { 'fallback-affine-infinite.nii': file };
    },
  },
];

export interface ExampleRegression {
  property: string;
  found: string;
  example: unknown[];
}

const bomb = (fields: Omit<GzipBombCase, 'width' | 'height' | 'dataBytes'>): GzipBombCase => ({
  ...fields,
  width: 1,
  height: 1,
  dataBytes: 1,
});

export const NIFTI_EXAMPLE_REGRESSIONS: readonly ExampleRegression[] = [
  {
    property: 'gzip bombs are refused, or read within memory proportional to the declared data',
    found: 'a 65 KB .nii.gz with vox_offset 64 MiB made the reader keep the 64 MiB twice',
    example: [
      bomb({
        version: 1,
        pair: false,
        voxOffset: 64 * MiB + 16,
        inflatedBytes: 64 * MiB + 17,
        truncated: false,
      }),
    ],
  },
  {
    property: 'gzip bombs are refused, or read within memory proportional to the declared data',
    found: 'a 4.3 MB .nii.gz with vox_offset 4 GiB: 4.2 GB resident, then a RangeError (typed array length)',
    example: [
      bomb({
        version: 2,
        pair: false,
        voxOffset: 2 ** 32 + 16,
        inflatedBytes: 544 + 4097 * MiB,
        truncated: false,
      }),
    ],
  },
  {
    property: 'gzip bombs are refused, or read within memory proportional to the declared data',
    found: "a .hdr.gz inflating to 70 MiB: a pair header's whole stream was kept, twice",
    example: [bomb({ version: 1, pair: true, voxOffset: 0, inflatedBytes: 70 * MiB, truncated: false })],
  },
];
