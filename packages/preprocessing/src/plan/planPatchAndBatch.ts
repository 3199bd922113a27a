import { nnunetTopology, totalStrides, type PlannedTopology } from '@nnunet-ts/plans';
import { featureMapSize } from './featureMapSize';

export interface PatchAndBatchInput {
  /** target spacing, array order, 2 or 3 axes */
  spacing: readonly number[];
  /** median shape after resampling, same axes */
  medianShape: readonly number[];
  /** output classes, background included */
  classes: number;
  memoryTargetGb: number;
  /** approximate voxels of the whole training set at this spacing (batch-size cap) */
  datasetVoxels: number;
}

/** nnU-Net v2's reference values: feature-map sizes that fit 8 GB at batch size 2 (3D) / 12 (2D). */
const REFERENCE = { 2: { value: 85e6, batch: 12 }, 3: { value: 560e6, batch: 2 } } as const;
const REFERENCE_GB = 8;
const MIN_BATCH = 2;
/** a batch never covers more than this fraction of the dataset's voxels */
const MAX_DATASET_COVERED = 0.05;

/**
 * nnU-Net v2's patch and batch size planning (`get_plans_for_configuration`): start from a patch with the
 * aspect ratio of the spacing and the volume of 256³ (3D) or 2048² (2D), clipped to the median shape;
 * derive the topology (which pads the patch to its strides); while the network's feature maps at batch
 * size 2 exceed the memory budget, shrink the axis largest relative to the median shape by one stride
 * step; then fill the remaining budget with batch size, capped at 5% of the dataset and at least 2.
 */
export function planPatchAndBatch(input: PatchAndBatchInput): PlannedTopology & { batchSize: number } {
  const { spacing, medianShape, classes, memoryTargetGb, datasetVoxels } = input;
  const dim = spacing.length as 2 | 3;
  if (dim !== 2 && dim !== 3)
    throw new RangeError(`planning needs 2 or 3 axes, got spacing [${spacing.join(', ')}]`);
  const inverse = spacing.map((s) => 1 / s);
  const volume = dim === 3 ? 256 ** 3 : 2048 ** 2;
  const scale = (volume / inverse.reduce((a, b) => a * b, 1)) ** (1 / dim);
  const initial = inverse.map((v, a) =>
    Math.max(1, Math.min(Math.round(v * scale), Math.floor(medianShape[a]))),
  );

  let { topology, patchSize } = nnunetTopology(initial, spacing);
  let estimate = featureMapSize(topology, patchSize, classes);
  const reference = REFERENCE[dim].value * (memoryTargetGb / REFERENCE_GB);
  const referenceBatch = REFERENCE[dim].batch;
  while ((estimate / referenceBatch) * MIN_BATCH > reference) {
    const patch = [...patchSize];
    const ratios = patch.map((p, a) => p / medianShape[a]);
    // the last of the largest ratios, as numpy's argsort()[-1]
    const axis = ratios.lastIndexOf(Math.max(...ratios));
    // step by the divisor of the shrunk patch, so that sizes such as 224 between 256 and 192 are not skipped
    const trial = [...patch];
    trial[axis] -= totalStrides(topology.strides)[axis];
    if (trial[axis] < 1) break;
    patch[axis] -= totalStrides(nnunetTopology(trial, spacing).topology.strides)[axis];
    if (patch[axis] < 1) break;
    ({ topology, patchSize } = nnunetTopology(patch, spacing));
    estimate = featureMapSize(topology, patchSize, classes);
  }
  const patchVoxels = patchSize.reduce((a, b) => a * b, 1);
  const fromMemory = Math.round((reference / estimate) * referenceBatch);
  const fromDataset = Math.round((datasetVoxels * MAX_DATASET_COVERED) / patchVoxels);
  return { topology, patchSize, batchSize: Math.max(Math.min(fromMemory, fromDataset), MIN_BATCH) };
}
