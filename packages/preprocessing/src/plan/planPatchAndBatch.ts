import { nnunetTopology, patchStrideProblem, totalStrides, type PlannedTopology } from '@nnunet-ts/plans';
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
  /** the user's patch (`--patch-size`): kept as given, checked against the topology it gets */
  patchSize?: readonly number[];
  /** the user's batch size (`nnunet plan --batch-size`) */
  batchSize?: number;
}

/** nnU-Net v2's smallest feature-map edge: a patch axis below it cannot be convolved sensibly. */
const MIN_FEATURE_MAP_EDGE = 4;

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
  const reference = REFERENCE[dim].value * (memoryTargetGb / REFERENCE_GB);
  const referenceBatch = REFERENCE[dim].batch;
  const batchFor = (planned: PlannedTopology) => {
    if (input.batchSize !== undefined) return input.batchSize;
    const estimate = featureMapSize(planned.topology, planned.patchSize, classes);
    const patchVoxels = planned.patchSize.reduce((a, b) => a * b, 1);
    const fromMemory = Math.round((reference / estimate) * referenceBatch);
    const fromDataset = Math.round((datasetVoxels * MAX_DATASET_COVERED) / patchVoxels);
    return Math.max(Math.min(fromMemory, fromDataset), MIN_BATCH);
  };
  if (input.patchSize) {
    const planned = givenPatch(input.patchSize, spacing);
    return { ...planned, batchSize: batchFor(planned) };
  }
  const inverse = spacing.map((s) => 1 / s);
  const volume = dim === 3 ? 256 ** 3 : 2048 ** 2;
  const scale = (volume / inverse.reduce((a, b) => a * b, 1)) ** (1 / dim);
  const initial = inverse.map((v, a) =>
    Math.max(1, Math.min(Math.round(v * scale), Math.floor(medianShape[a]))),
  );

  let { topology, patchSize } = nnunetTopology(initial, spacing);
  let estimate = featureMapSize(topology, patchSize, classes);
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
  return { topology, patchSize, batchSize: batchFor({ topology, patchSize }) };
}

/**
 * The topology nnU-Net's rule gives a patch the user chose, which must already be what the rule
 * would pad it to: every axis at least the smallest feature-map edge and a multiple of the total
 * stride the network gets on it. Errors say which axis and what would do.
 */
function givenPatch(patch: readonly number[], spacing: readonly number[]): PlannedTopology {
  const shown = `--patch-size ${patch.join(' ')}`;
  if (patch.length !== spacing.length) {
    throw new Error(
      `${shown}: a ${spacing.length}D configuration needs ${spacing.length} sizes, got ${patch.length}`,
    );
  }
  const small = patch.findIndex((p) => !(Number.isInteger(p) && p >= MIN_FEATURE_MAP_EDGE));
  if (small >= 0) {
    throw new Error(
      `${shown}: ${patch[small]} on axis ${small} is below the smallest feature-map edge ${MIN_FEATURE_MAP_EDGE}`,
    );
  }
  const planned = nnunetTopology(patch, spacing);
  const problem = patchStrideProblem(patch, planned.topology.strides);
  if (problem) {
    throw new Error(`${shown}: ${problem} (nnU-Net's rule would pad it to ${planned.patchSize.join(' ')})`);
  }
  return planned;
}
