// Inputs that broke the reader, replayed by src/nifti.fuzz.test.ts: files in ../fuzz-regressions/, and
// generated cases given to their property as examples.
import type { NiftiErrorCode } from '../../../NiftiError';
import type { GzipBombCase } from './gzipBomb';

const MiB = 2 ** 20;

export interface FileRegression {
  /** in src/internal/testing/fuzz-regressions/ (read with readNifti, a pair by its .hdr) */
  file: string;
  found: string;
  /** the refusal it must now get */
  code: NiftiErrorCode;
}

export const NIFTI_FILE_REGRESSIONS: readonly FileRegression[] = [
  {
    file: 'fallback-affine-singular.hdr',
    found:
      'pixdim of 1.8e-307 (25 header bytes deleted) made the affine singular: RangeError from createVolume',
    code: 'BAD_HEADER',
  },
  {
    file: 'fallback-affine-infinite.nii',
    found: 'pixdim near the float64 maximum made the affine infinite: RangeError from createVolume',
    code: 'BAD_HEADER',
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
