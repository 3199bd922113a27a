// The NIfTI reader's fuzz properties: run in CI by src/nifti.fuzz.test.ts, at length by tools/fuzz/runFuzz.ts.
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { createVolume } from '@nnunet-ts/volume';
import fc from 'fast-check';
import { decodeNifti } from '../../../decodeNifti';
import { encodeNifti, encodeNiftiParts } from '../../../encodeNifti';
import { NiftiError } from '../../../NiftiError';
import { readNifti, readNiftiHeader } from '../../../readNifti';
import { writeNifti } from '../../../writeNifti';
import { NIFTI1_FIELDS, NIFTI2_FIELDS, type FieldSpec } from '../../headerLayout';
import { MAX_GZIP_HEADER_BYTES } from '../../NiftiStreamDecoder';
import { applyMutations, byteMutations, extremeNumber, writeNumber, type NumberType } from './byteMutations';
import { boundedOutcome, type OutcomeRules } from './boundedOutcome';
import type { FuzzProperty } from './FuzzProperty';
import { gzipBomb, gzipBombCase, type GzipBombCase } from './gzipBomb';
import { niftiCase } from './niftiArbitraries';
import { assertSameImage, bytesOf } from './sameImage';

const MiB = 2 ** 20;
/** Generous for one small file on a busy CI machine; a hang or a quadratic loop exceeds it by far. */
const TIME_LIMIT_MS = 2000;
const NAME = 'fuzz.nii';
/** readNifti's name for bytes it is given. */
const BYTES = '<bytes>';

/**
 * zlib's 1 MiB output chunks are dropped once used, but V8 collects them only every few tens of MiB, so a
 * bomb's peak includes them.
 */
const ZLIB_GARBAGE = 96 * MiB;

const isNiftiError = (error: unknown) => error instanceof NiftiError;

/** Uncompressed input: the result is a view of the input or one copy of the data, never more. */
function plainRules(input: Uint8Array, mentions = NAME): OutcomeRules {
  return {
    expected: isNiftiError,
    mentions,
    timeLimitMs: TIME_LIMIT_MS,
    maxAllocatedBytes: MiB + 2 * input.length,
  };
}

/** Gzip input through readNifti: zlib's 1 MiB output chunks, and the inflated bytes at most twice (data buffer growth). */
function gzipRules(inflated: number): OutcomeRules {
  return {
    expected: isNiftiError,
    mentions: BYTES,
    timeLimitMs: TIME_LIMIT_MS,
    maxAllocatedBytes: 4 * MiB + 3 * inflated,
  };
}

const encodedCase = niftiCase.map((c) => ({ ...c, bytes: encodeNifti(c.volume, c.options) }));

/** The fields the affine is made of: it takes several of them at extremes to break it. */
const GEOMETRY = new Set([
  'pixdim',
  'quaternB',
  'quaternC',
  'quaternD',
  'qoffsetX',
  'srowX',
  'srowY',
  'srowZ',
]);

/** A header field the layout tables name (strings excluded), to be set to an extreme value. */
const numericField = (fields: readonly FieldSpec[]) => {
  const numeric = fields.filter((f) => f.kind !== 'str');
  return fc
    .oneof(fc.constantFrom(...numeric), fc.constantFrom(...numeric.filter((f) => GEOMETRY.has(f.key))))
    .chain((spec) => fc.record({ spec: fc.constant(spec), index: fc.nat((spec.count ?? 1) - 1) }));
};

const hostileFields = encodedCase.chain((c) =>
  fc.record({
    c: fc.constant(c),
    // qform_code = sform_code = 0 reaches the affine made from pixdim alone
    noTransforms: fc.boolean(),
    edits: fc.array(
      fc.record({
        field: numericField(c.options.version === 1 ? NIFTI1_FIELDS : NIFTI2_FIELDS),
        value: extremeNumber,
      }),
      { minLength: 1, maxLength: 4 },
    ),
  }),
);

/** dims whose voxel count far exceeds the bytes that follow, with every datatype's width. */
const hugeDims = fc.record({
  version: fc.constantFrom(1 as const, 2 as const),
  dims: fc.array(fc.integer({ min: 1000, max: 32767 }), { minLength: 3, maxLength: 7 }),
  datatype: fc.constantFrom(2, 4, 8, 16, 64, 128, 512, 1792, 2304),
  gzip: fc.boolean(),
});

let fileNumber = 0;

/** The NIfTI properties; `scratch` is a folder they may write files in (the caller removes it). */
export function niftiFuzz(scratch: string): FuzzProperty[] {
  const scratchFile = (ending: string) => path.join(scratch, `case${fileNumber++}${ending}`);
  return [
    {
      name: 'valid images round-trip through encodeNifti and decodeNifti',
      ciRuns: 200,
      property: fc.asyncProperty(encodedCase, async (c) => {
        assertSameImage(decodeNifti(c.bytes), c);
      }),
    },
    {
      name: 'valid images round-trip through .nii, .nii.gz and .hdr/.img files',
      ciRuns: 120,
      property: fc.asyncProperty(
        niftiCase,
        fc.constantFrom('.nii', '.nii.gz', '.hdr', '.img', '.hdr.gz'),
        async (c, ending) => {
          const file = scratchFile(ending);
          await writeNifti(file, c.volume, c.options);
          try {
            assertSameImage(await readNifti(file), c);
            assert.deepEqual((await readNiftiHeader(file)).dims, (await readNifti(file)).dims);
          } finally {
            await removePair(file);
          }
        },
      ),
    },
    {
      name: 'damaged .nii bytes give an image no larger than the input, or a NiftiError',
      ciRuns: 300,
      property: fc.asyncProperty(encodedCase, byteMutations(600), async (c, mutations) => {
        const bytes = applyMutations(c.bytes, mutations);
        const read = await boundedOutcome(() => decodeNifti(bytes, { fileName: NAME }), plainRules(bytes));
        if (read.ok) assert.ok(read.value.volume.data.byteLength <= bytes.length);
        await boundedOutcome(() => readNiftiHeader(bytes), plainRules(bytes, BYTES));
      }),
    },
    {
      name: 'header fields set to extreme values are read as the standard allows, or refused',
      ciRuns: 250,
      property: fc.asyncProperty(hostileFields, async ({ c, noTransforms, edits }) => {
        const bytes = c.bytes.slice();
        if (noTransforms) {
          const [q, s] = c.options.version === 1 ? [252, 254] : [344, 348];
          writeNumber(bytes, q, c.options.version === 1 ? 'i16' : 'i32', 0, c.options.littleEndian);
          writeNumber(bytes, s, c.options.version === 1 ? 'i16' : 'i32', 0, c.options.littleEndian);
        }
        for (const { field, value } of edits) {
          const { spec, index } = field;
          const width = { u8: 1, i16: 2, i32: 4, i64: 8, f32: 4, f64: 8 }[spec.kind as NumberType];
          writeNumber(
            bytes,
            spec.offset + index * width,
            spec.kind as NumberType,
            value,
            c.options.littleEndian,
          );
        }
        const read = await boundedOutcome(() => decodeNifti(bytes, { fileName: NAME }), plainRules(bytes));
        if (read.ok) assert.ok(read.value.volume.data.byteLength <= bytes.length);
        await boundedOutcome(() => readNifti(gzipSync(bytes), { as: 'float32' }), gzipRules(bytes.length));
      }),
    },
    {
      name: 'dims declaring far more voxels than the bytes hold are refused before allocating',
      ciRuns: 100,
      property: fc.asyncProperty(hugeDims, async ({ version, dims, datatype, gzip }) => {
        const bytes = encodeNifti(createVolume({ data: new Uint8Array(1), shape: [1, 1, 1] }), { version });
        const le = true;
        const view = new DataView(bytes.buffer);
        const dimAt = version === 1 ? 40 : 16;
        const write = (i: number, v: number) =>
          version === 1
            ? view.setInt16(dimAt + 2 * i, v, le)
            : view.setBigInt64(dimAt + 8 * i, BigInt(v), le);
        write(0, dims.length);
        dims.forEach((n, i) => write(i + 1, n));
        view.setInt16(version === 1 ? 70 : 12, datatype, le);
        const input = gzip ? gzipSync(bytes) : bytes;
        const read = await boundedOutcome(
          () => (gzip ? readNifti(input) : decodeNifti(input, { fileName: BYTES })),
          { ...plainRules(input, BYTES), maxAllocatedBytes: 4 * MiB },
        );
        assert.ok(!read.ok && ['TOO_LARGE', 'TRUNCATED'].includes((read.error as NiftiError).code));
      }),
    },
    {
      name: 'damaged .nii.gz streams give exactly the CRC-checked image, or a NiftiError',
      ciRuns: 150,
      property: fc.asyncProperty(encodedCase, byteMutations(undefined, 2), async (c, mutations) => {
        const gz = applyMutations(gzipSync(c.bytes), mutations);
        const read = await boundedOutcome(() => readNifti(gz), gzipRules(c.bytes.length));
        if (read.ok) assertSameImage(read.value, c);
      }),
    },
    {
      name: 'gzip bombs are refused, or read within memory proportional to the declared data',
      ciRuns: 30,
      property: fc.asyncProperty(gzipBombCase, async (bomb) => {
        const { input, file } = await gzipBomb(bomb, scratchFile);
        try {
          const read = await boundedOutcome(() => readNifti(input), {
            expected: isNiftiError,
            mentions: file ?? BYTES,
            timeLimitMs: 10 * TIME_LIMIT_MS,
            maxAllocatedBytes:
              ZLIB_GARBAGE + 3 * bomb.dataBytes + 2 * Math.min(kept(bomb), MAX_GZIP_HEADER_BYTES),
          });
          assert.equal(read.ok, fits(bomb), read.ok ? 'read' : read.error.message);
          if (read.ok) assert.ok(bytesOf(read.value.volume.data).every((b) => b === 0));
        } finally {
          if (file) await removePair(file);
        }
      }),
    },
    {
      name: 'damaged .hdr/.img pairs (NIfTI and Analyze) are read or refused naming the header',
      ciRuns: 150,
      property: fc.asyncProperty(
        niftiCase,
        fc.boolean(),
        byteMutations(600, 2),
        fc.boolean(),
        async (c, analyze, mutations, damageImage) => {
          const parts = encodeNiftiParts(c.volume, c.options, true);
          // an Analyze 7.5 header is a NIfTI-1 pair header without magic
          if (analyze && c.options.version === 1) parts.header.fill(0, 344, 348);
          const header = damageImage ? parts.header : applyMutations(parts.header, mutations);
          const image = damageImage ? applyMutations(parts.data, mutations) : parts.data;
          const name = 'fuzz.hdr';
          const read = await boundedOutcome(
            () => decodeNifti(header, { imageBytes: image, fileName: name }),
            plainRules(new Uint8Array(header.length + image.length), name),
          );
          if (read.ok) assert.ok(read.value.volume.data.byteLength <= image.length);
        },
      ),
    },
  ];
}

/** The bytes a reader keeps before the voxel data: up to vox_offset, or a pair's whole .hdr. */
function kept(bomb: GzipBombCase): number {
  return bomb.pair ? bomb.inflatedBytes : bomb.voxOffset;
}

/** Whether a bomb must be read: its stream is whole, holds the declared data, and its header part is within the cap. */
function fits(bomb: GzipBombCase): boolean {
  const holdsData = bomb.pair || bomb.voxOffset + bomb.dataBytes <= bomb.inflatedBytes;
  return !bomb.truncated && holdsData && kept(bomb) <= MAX_GZIP_HEADER_BYTES;
}

/** Removes a written file and, for a pair, its other half. */
async function removePair(file: string): Promise<void> {
  const base = file.replace(/\.(nii|hdr|img)(\.gz)?$/, '');
  await Promise.all(
    ['.nii', '.nii.gz', '.hdr', '.hdr.gz', '.img', '.img.gz'].map((e) => rm(`${base}${e}`, { force: true })),
  );
}
