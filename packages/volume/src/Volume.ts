import { columnNorms, type Mat3, type Mat4, type Vec3 } from './affine';
import {
  dtypeInfo,
  dtypeOfArray,
  type DataOf,
  type DType,
  type DTypeOfArray,
  type VolumeData,
} from './dtype';
import { det3, linearPart } from './internal/mat4';

/**
 * A 3D image with optional channels (NIfTI's 4th and later dimensions), stored in NIfTI order:
 * element (c, i, j, k, ch) is at c + C*(i + nI*(j + nJ*(k + nK*ch))) where C is the dtype's components.
 * `affine` maps voxel indices to world millimetres and is the source of truth for geometry;
 * `origin` and `direction` are read from it, `spacing` is the voxel size.
 */
export interface Volume<D extends DType = DType> {
  readonly dtype: D;
  readonly data: DataOf<D>;
  /** [nI, nJ, nK]; a 2D image has nK = 1. */
  readonly shape: Vec3;
  /** Number of 3D volumes stacked along the slowest axis (1 for a plain 3D image). */
  readonly channels: number;
  /** Voxel size along i, j, k in mm (for NIfTI files the header's zooms). */
  readonly spacing: Vec3;
  /** World position of voxel (0, 0, 0). */
  readonly origin: Vec3;
  /** Unit world direction of each index axis, as columns of a row-major 3×3 matrix. */
  readonly direction: Mat3;
  readonly affine: Mat4;
}

export interface VolumeInit<D extends DType> {
  data: DataOf<D>;
  /** Required for complex and RGB data; otherwise taken from the typed array. */
  dtype?: D;
  shape: readonly number[];
  channels?: number;
  /** Defaults to diag(spacing) with the origin at 0. */
  affine?: Mat4;
  /** Defaults to the lengths of the affine's columns (1 mm when there is no affine either). */
  spacing?: Vec3;
}

/** Checks the pieces of a volume against each other and returns it with origin and direction derived. */
export function createVolume<D extends DType>(init: VolumeInit<D> & { dtype: D }): Volume<D>;
export function createVolume<T extends VolumeData>(
  init: Omit<VolumeInit<DType>, 'data' | 'dtype'> & { data: T },
): Volume<DTypeOfArray<T>>;
export function createVolume<D extends DType>(init: VolumeInit<D>): Volume<D> {
  const dtype = (init.dtype ?? dtypeOfArray(init.data as VolumeData)) as D;
  const { components, arrayType } = dtypeInfo(dtype);
  if (!(init.data instanceof arrayType)) {
    throw new TypeError(
      `data: dtype '${dtype}' needs a ${arrayType.name}, got ${init.data?.constructor?.name}`,
    );
  }
  if (init.shape.length !== 3 || !init.shape.every((n) => Number.isInteger(n) && n >= 1)) {
    throw new RangeError(`shape: expected three positive integers, got [${init.shape.join(', ')}]`);
  }
  const shape: Vec3 = [init.shape[0], init.shape[1], init.shape[2]];
  const channels = init.channels ?? 1;
  if (!Number.isInteger(channels) || channels < 1) {
    throw new RangeError(`channels: expected a positive integer, got ${channels}`);
  }
  const expected = shape[0] * shape[1] * shape[2] * channels * components;
  if (init.data.length !== expected) {
    throw new RangeError(
      `data: shape [${shape.join(', ')}] x ${channels} channel(s) of ${dtype} needs ${expected} elements, got ${init.data.length}`,
    );
  }
  if (init.spacing && !init.spacing.every((s) => Number.isFinite(s) && s > 0)) {
    throw new RangeError(`spacing: expected three finite positive numbers, got [${init.spacing.join(', ')}]`);
  }
  const base = init.spacing ?? [1, 1, 1];
  const affine: Mat4 = init.affine ?? [
    [base[0], 0, 0, 0],
    [0, base[1], 0, 0],
    [0, 0, base[2], 0],
    [0, 0, 0, 1],
  ];
  checkAffine(affine);
  const norms = columnNorms(affine);
  const spacing = init.spacing ?? norms;
  const direction = linearPart(affine).map((row) => row.map((v, c) => v / norms[c])) as unknown as Mat3;
  return {
    dtype,
    data: init.data,
    shape,
    channels,
    spacing,
    origin: [affine[0][3], affine[1][3], affine[2][3]],
    direction,
    affine,
  };
}

function checkAffine(affine: Mat4): void {
  const flat = affine.flat();
  if (affine.length !== 4 || flat.length !== 16 || !flat.every(Number.isFinite)) {
    throw new RangeError('affine: expected a 4x4 matrix of finite numbers');
  }
  if (affine[3][0] !== 0 || affine[3][1] !== 0 || affine[3][2] !== 0 || affine[3][3] !== 1) {
    throw new RangeError(`affine: the last row must be [0, 0, 0, 1], got [${affine[3].join(', ')}]`);
  }
  if (det3(linearPart(affine)) === 0) throw new RangeError('affine: the 3x3 part is singular');
}

/** Number of voxels in one channel. */
export function voxelCount(volume: Pick<Volume, 'shape'>): number {
  return volume.shape[0] * volume.shape[1] * volume.shape[2];
}
