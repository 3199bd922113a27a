/** [D, H, W]: slowest to fastest axis. For a NIfTI volume [X, Y, Z] (x fastest) this is [Z, Y, X]. */
export type Shape3 = readonly [number, number, number];

/**
 * One training example on typed arrays, laid out for a channels-last tensor:
 * `image[((d * H + h) * W + w) * channels + c]` (float32, [D, H, W, C]) and `label[(d * H + h) * W + w]`
 * (uint8 class ids, [D, H, W]).
 */
export interface Sample {
  readonly image: Float32Array;
  readonly label: Uint8Array;
  readonly shape: Shape3;
  readonly channels: number;
}

/**
 * 3: all three axes are spatial. 2: axis 0 is a slab of independent slices (`--dim 2`), so spatial
 * transforms act on H and W only.
 */
export type SpatialDims = 2 | 3;

/** Checks that the pieces of a sample agree and returns it; `name` prefixes the error messages. */
export function createSample(sample: Sample, name = 'sample'): Sample {
  const { image, label, shape, channels } = sample;
  if (!(image instanceof Float32Array)) {
    throw new TypeError(`${name}.image: expected a Float32Array, got ${describe(image)}`);
  }
  if (!(label instanceof Uint8Array)) {
    throw new TypeError(`${name}.label: expected a Uint8Array, got ${describe(label)}`);
  }
  checkShape(`${name}.shape`, shape);
  if (!Number.isInteger(channels) || channels < 1) {
    throw new RangeError(`${name}.channels: expected a positive integer, got ${channels}`);
  }
  const voxels = shape[0] * shape[1] * shape[2];
  if (label.length !== voxels) {
    throw new RangeError(
      `${name}.label: shape [${shape.join(', ')}] needs ${voxels} elements, got ${label.length}`,
    );
  }
  if (image.length !== voxels * channels) {
    throw new RangeError(
      `${name}.image: shape [${shape.join(', ')}] x ${channels} channel(s) needs ${voxels * channels} elements, got ${image.length}`,
    );
  }
  return sample;
}

/** Checks a [D, H, W] shape of positive integers. */
export function checkShape(name: string, shape: readonly number[]): asserts shape is Shape3 {
  if (!Array.isArray(shape) || shape.length !== 3 || !shape.every((n) => Number.isInteger(n) && n >= 1)) {
    throw new RangeError(
      `${name}: expected [D, H, W] as three positive integers, got ${JSON.stringify(shape)}`,
    );
  }
}

function describe(value: unknown): string {
  return value === null || value === undefined ? String(value) : (value.constructor?.name ?? typeof value);
}
