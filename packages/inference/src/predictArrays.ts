import { createVolume, type Vec3 } from '@nnunet-ts/volume';
import type { ModelEnsemble } from './modelEnsemble';
import { predictVolume, type PredictVolumeOptions } from './predictVolume';

/**
 * How a flat array holds a 3D image (a 2D image is one slice thick). Both are the same bytes in
 * memory; they differ in the order `shape` and `spacing` are given in:
 * - `'nifti'`: `shape` [nI, nJ, nK], i fastest (NIfTI's and `Volume`'s order; nibabel's
 *   `get_fdata()`, which is Fortran-ordered, flattened with `order='F'`);
 * - `'zyx'`: `shape` [nZ, nY, nX], x fastest (numpy's C order of SimpleITK's `GetArrayFromImage`,
 *   the order nnU-Net v2's Python API takes, with its spacing also given z first).
 * Channels, when more than one, follow each other (channel slowest).
 */
export type AxisOrder = 'nifti' | 'zyx';

export interface ArrayGeometry {
  /** three sizes, in `axisOrder` */
  shape: readonly number[];
  /** voxel size in mm per axis, in `axisOrder` */
  spacing: readonly number[];
  /** required: a wrong guess transposes the image silently */
  axisOrder: AxisOrder;
}

export type PredictArraysOptions = ArrayGeometry & PredictVolumeOptions;

/**
 * `predictVolume` for an image given as a flat array (float32, or any numeric array, converted) with
 * its shape and spacing: the label map (label values) comes back in the same layout and axis order as `data`.
 * The image is taken as axis-aligned (direction identity, origin 0), which is all inference needs.
 */
export async function predictArrays(
  ensemble: ModelEnsemble,
  data: ArrayLike<number>,
  options: PredictArraysOptions,
): Promise<Uint8Array | Uint16Array> {
  const { shape, spacing, axisOrder, ...predictOptions } = options;
  const where = predictOptions.name ?? 'predictArrays';
  if (axisOrder !== 'nifti' && axisOrder !== 'zyx') {
    throw new Error(
      `${where}: axisOrder must be 'nifti' (i fastest) or 'zyx' (x fastest), got ${String(axisOrder)}`,
    );
  }
  const sizes = checkTriple(shape, 'shape', where, (n) => Number.isInteger(n) && n >= 1);
  const mm = checkTriple(spacing, 'spacing', where, (n) => Number.isFinite(n) && n > 0);
  const voxels = sizes[0] * sizes[1] * sizes[2];
  const channels = ensemble.plan.channelNames.length;
  if (data.length !== voxels * channels) {
    throw new Error(
      `${where}: data has ${data.length} values; shape [${sizes.join(', ')}] × ${channels} channel(s) needs ${voxels * channels}`,
    );
  }
  // the same bytes either way: only the order the sizes are named in differs
  const niftiOrder = (v: Vec3): Vec3 => (axisOrder === 'zyx' ? [v[2], v[1], v[0]] : v);
  const image = createVolume({
    data: data instanceof Float32Array ? data : Float32Array.from(data),
    shape: niftiOrder(sizes),
    spacing: niftiOrder(mm),
    channels,
  });
  return (await predictVolume(ensemble, image, predictOptions)).data;
}

function checkTriple(
  values: readonly number[],
  field: string,
  where: string,
  ok: (n: number) => boolean,
): Vec3 {
  if (!Array.isArray(values) || values.length !== 3 || !values.every(ok)) {
    throw new Error(
      `${where}: ${field} must be three ${field === 'shape' ? 'positive integers' : 'positive numbers'}, got ${JSON.stringify(values)}`,
    );
  }
  return [values[0]!, values[1]!, values[2]!];
}
