// The .npy reader's fuzz properties: run in CI by src/npy/npy.fuzz.test.ts, at length by tools/fuzz/runFuzz.ts.
import assert from 'node:assert/strict';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
// the byte mutations and the outcome check shared by the fuzzers of every binary format (test code of io-nifti)
import {
  applyMutations,
  byteMutations,
  extremeNumber,
} from '../../../../../io-nifti/src/internal/testing/fuzz/byteMutations';
import {
  boundedOutcome,
  type OutcomeRules,
} from '../../../../../io-nifti/src/internal/testing/fuzz/boundedOutcome';
import type { FuzzProperty } from '../../../../../io-nifti/src/internal/testing/fuzz/FuzzProperty';
import { NPY_DTYPES, type NpyArray } from '../../NpyArray';
import { encodeNpyHeader, parseNpyHeader } from '../../npyHeader';
import { readNpy, readNpyHeader } from '../../readNpy';
import { readNpyRegion } from '../../readNpyRegion';
import { writeNpy } from '../../writeNpy';
import { hostileDict, npyArray, npyPreamble, regionOf } from './npyArbitraries';

const MiB = 2 ** 20;
/** Generous for one small file on a busy CI machine; a hang exceeds it by far. */
const TIME_LIMIT_MS = 2000;

/** The reader's errors are plain Errors naming the file; a TypeError or RangeError comes from deeper down. */
function rules(file: string, size: number): OutcomeRules {
  return {
    expected: (error) => error instanceof Error && error.constructor === Error,
    mentions: file,
    timeLimitMs: TIME_LIMIT_MS,
    maxAllocatedBytes: MiB + 2 * size,
  };
}

function bytesOf(data: ArrayBufferView): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function encode({ dtype, shape, data }: NpyArray): Uint8Array {
  const header = encodeNpyHeader(dtype, shape);
  const out = new Uint8Array(header.length + data.byteLength);
  out.set(header);
  out.set(bytesOf(data), header.length);
  return out;
}

/** Element-wise reference of readNpyRegion: C order, `fill` (as the dtype stores it) outside the array. */
function regionReference(array: NpyArray, start: number[], size: number[], fill: number): number[] {
  const { shape, data } = array;
  const cell = new NPY_DTYPES[array.dtype].array(1);
  cell[0] = fill;
  const stored = cell[0];
  const out: number[] = [];
  const visit = (index: number[]) => {
    if (index.length === shape.length) {
      const inside = index.every((v, a) => v >= 0 && v < shape[a]);
      out.push(inside ? Number(data[index.reduce((flat, v, a) => flat * shape[a] + v, 0)]) : stored);
      return;
    }
    const a = index.length;
    const [from, count] = a < start.length ? [start[a], size[a]] : [0, shape[a]];
    for (let v = from; v < from + count; v++) visit([...index, v]);
  };
  visit([]);
  return out;
}

let fileNumber = 0;

/**
 * Reads a damaged or hostile file every way the package offers; each read returns consistent data or
 * refuses the file by name, within the time and allocation bounds.
 */
async function readEveryWay(file: string, bytes: Uint8Array): Promise<void> {
  const bounds = rules(file, bytes.length);
  const whole = await boundedOutcome(() => readNpy(file), bounds);
  if (whole.ok) {
    const { shape, data } = whole.value;
    assert.equal(
      shape.reduce((a, b) => a * b, 1),
      data.length,
    );
    assert.ok(data.byteLength <= bytes.length);
  }
  const header = await boundedOutcome(() => readNpyHeader(file), bounds);
  if (header.ok && header.value.shape.length > 0) {
    const k = header.value.shape.length;
    // the region's own output: 2 per axis, at most 8 bytes each
    await boundedOutcome(() => readNpyRegion(file, Array(k).fill(0), Array(k).fill(2)), {
      ...bounds,
      maxAllocatedBytes: bounds.maxAllocatedBytes + 8 * 2 ** k,
    });
  }
}

/** The .npy properties; `scratch` is a folder they may write files in (the caller removes it). */
export function npyFuzz(scratch: string): FuzzProperty[] {
  const scratchFile = () => path.join(scratch, `case${fileNumber++}.npy`);
  return [
    {
      name: 'arrays round-trip through writeNpy, readNpy, readNpyHeader and readNpyRegion',
      ciRuns: 150,
      property: fc.asyncProperty(
        npyArray.chain((array) => fc.record({ array: fc.constant(array), region: regionOf(array.shape) })),
        fc.integer({ min: -3, max: 3 }),
        async ({ array, region }, fill) => {
          const file = scratchFile();
          try {
            await writeNpy(file, array.data, array.shape);
            const back = await readNpy(file);
            assert.equal(back.dtype, array.dtype);
            assert.deepEqual(back.shape, array.shape);
            assert.deepEqual(bytesOf(back.data), bytesOf(array.data));
            assert.deepEqual((await readNpyHeader(file)).shape, array.shape);
            if (array.shape.length === 0) return;
            const part = await readNpyRegion(file, region.start, region.size, { fill });
            assert.deepEqual(part.shape, [...region.size, ...array.shape.slice(region.start.length)]);
            // compared as numbers: a float fill or a NaN in the data compare by value, as the reference does
            assert.deepEqual(
              Array.from(part.data, Number),
              regionReference(array, region.start, region.size, fill),
            );
          } finally {
            await rm(file, { force: true });
          }
        },
      ),
    },
    {
      name: 'damaged .npy files are read consistently or refused naming the file',
      ciRuns: 400,
      property: fc.asyncProperty(npyArray, byteMutations(128), async (array, mutations) => {
        const bytes = applyMutations(encode(array), mutations);
        const file = scratchFile();
        await writeFile(file, bytes);
        try {
          await readEveryWay(file, bytes);
        } finally {
          await rm(file, { force: true });
        }
      }),
    },
    {
      name: 'hostile .npy headers (sizes, lengths, versions) are refused before allocating',
      ciRuns: 300,
      property: fc.asyncProperty(
        hostileDict,
        fc.constantFrom(1, 2, 3, 0, 4),
        fc.oneof(
          fc.constant('honest' as const),
          extremeNumber.map((n) => (Number.isFinite(n) ? Math.abs(n) : 0)),
        ),
        fc.nat(200),
        fc.uint8Array({ maxLength: 64 }),
        async (dict, version, declared, padding, data) => {
          const header = npyPreamble(dict + ' '.repeat(padding), version, declared);
          const bytes = new Uint8Array(header.length + data.length);
          bytes.set(header);
          bytes.set(data, header.length);
          const file = scratchFile();
          await writeFile(file, bytes);
          try {
            await readEveryWay(file, bytes);
          } finally {
            await rm(file, { force: true });
          }
        },
      ),
    },
    {
      name: 'parseNpyHeader gives a header, asks for more bytes, or refuses naming the file',
      ciRuns: 300,
      property: fc.asyncProperty(
        fc.oneof(
          hostileDict.map((dict) => npyPreamble(dict, 1, 'honest')),
          fc
            .uint8Array({ maxLength: 300 })
            .map((rest) => npyPreamble(String.fromCharCode(...rest), 2, 'honest')),
          fc.uint8Array({ maxLength: 300 }),
        ),
        async (bytes) => {
          const parsed = await boundedOutcome(
            () => parseNpyHeader(bytes, 'x.npy'),
            rules('x.npy', bytes.length),
          );
          if (parsed.ok && 'dtype' in parsed.value) assert.ok(parsed.value.dataOffset <= bytes.length);
        },
      ),
    },
  ];
}
