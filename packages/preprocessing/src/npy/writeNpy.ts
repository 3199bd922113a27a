import { endianness } from 'node:os';
import { writeFileAtomic } from '@nnunet-ts/io-nifti';
import { NPY_DTYPES, npyDTypeOf, type NpyDType, type NpyDataMap } from './NpyArray';
import { encodeNpyHeader } from './npyHeader';

/**
 * Writes a C-order array as a .npy file (format 1.0, little-endian) that `numpy.load` opens, atomically
 * (`writeFileAtomic`).
 */
export async function writeNpy(
  file: string,
  data: NpyDataMap[NpyDType],
  shape: readonly number[],
): Promise<void> {
  await writeFileAtomic(file, encodeNpy(file, data, shape));
}

/** The bytes of a .npy file as [header, data] (the data is a view, not a copy). */
function encodeNpy(file: string, data: NpyDataMap[NpyDType], shape: readonly number[]): Uint8Array[] {
  const dtype = npyDTypeOf(data);
  if (!dtype) {
    throw new TypeError(
      `${file}: cannot store a ${data.constructor.name} (supported: ${Object.keys(NPY_DTYPES).join(', ')})`,
    );
  }
  if (!shape.every((n) => Number.isInteger(n) && n >= 0)) {
    throw new RangeError(`${file}: bad shape [${shape.join(', ')}]`);
  }
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== data.length) {
    throw new RangeError(`${file}: shape [${shape.join(', ')}] needs ${count} values, got ${data.length}`);
  }
  if (endianness() !== 'LE') throw new Error(`${file}: writing .npy files needs a little-endian machine`);
  return [encodeNpyHeader(dtype, shape), new Uint8Array(data.buffer, data.byteOffset, data.byteLength)];
}
