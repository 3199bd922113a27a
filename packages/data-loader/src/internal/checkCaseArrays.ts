import type { CaseArrays } from '../CaseSource';

/** Checks that the arrays of a case agree with its shape and channel count; `name` prefixes the errors. */
export function checkCaseArrays(name: string, arrays: CaseArrays): void {
  const { image, label, shape, channels } = arrays;
  if (!Array.isArray(shape) || shape.length !== 3 || !shape.every((n) => Number.isInteger(n) && n >= 1)) {
    throw new RangeError(
      `${name}: shape must be [D, H, W] as three positive integers, got ${JSON.stringify(shape)}`,
    );
  }
  if (!Number.isInteger(channels) || channels < 1) {
    throw new RangeError(`${name}: channels must be a positive integer, got ${channels}`);
  }
  const voxels = shape[0] * shape[1] * shape[2];
  if (!(image instanceof Float32Array) || image.length !== voxels * channels) {
    throw new RangeError(
      `${name}: image must be a Float32Array of ${voxels * channels} values for [${shape.join(', ')}] x ${channels}`,
    );
  }
  if (!(label instanceof Uint8Array || label instanceof Uint16Array) || label.length !== voxels) {
    throw new RangeError(
      `${name}: label must be a Uint8Array or Uint16Array of ${voxels} values for [${shape.join(', ')}]`,
    );
  }
}
