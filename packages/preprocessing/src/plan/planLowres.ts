import type { PlannedTopology } from '@nnunet-ts/plans';
import { planPatchAndBatch } from './planPatchAndBatch';

/** nnU-Net v2: 3d_lowres exists when the 3d_fullres patch covers less than this of the median image. */
const LOWRES_CREATION_THRESHOLD = 0.25;
/** nnU-Net v2's step: each try multiplies the spacing by this */
const SPACING_INCREASE_FACTOR = 1.03;
/** the low-res median image must be at least this many times smaller than the full-res one */
const MIN_SIZE_RATIO = 2;

export interface LowresInput {
  /** the 3d_fullres target spacing and patch, [D, H, W] */
  spacing: readonly number[];
  patchSize: readonly number[];
  /** median shape after resampling to the full-res spacing */
  medianShape: readonly number[];
  numTraining: number;
  classes: number;
  memoryTargetGb: number;
}

export interface LowresPlan extends PlannedTopology {
  spacing: number[];
  /** median shape at the low-res spacing, rounded as v2 plans it */
  medianShape: number[];
  batchSize: number;
}

const product = (values: readonly number[]) => values.reduce((a, b) => a * b, 1);

/**
 * nnU-Net v2's 3d_lowres (`plan_experiment`): while the patch covers less than a quarter of the
 * median image, the spacing grows by 3% (the finer axes alone while some axis is more than twice
 * as fine as the coarsest, so an anisotropic image keeps its coarse axis until the others catch
 * up), and patch and batch are planned anew at that spacing under the same memory budget. None when
 * the full-res patch already covers enough, or when the low-res image would not be at least half
 * the size of the full-res one.
 */
export function planLowres(input: LowresInput): LowresPlan | undefined {
  const { medianShape } = input;
  const fullresVoxels = product(medianShape);
  let spacing = [...input.spacing];
  let medianVoxels = fullresVoxels;
  let patchVoxels = product(input.patchSize);
  let plan: LowresPlan | undefined;
  while (patchVoxels / medianVoxels < LOWRES_CREATION_THRESHOLD) {
    const coarsest = Math.max(...spacing);
    const fine = spacing.map((s) => coarsest / s > 2);
    const grow = fine.some(Boolean) ? fine : spacing.map(() => true);
    spacing = spacing.map((s, a) => (grow[a] ? s * SPACING_INCREASE_FACTOR : s));
    const shape = medianShape.map((m, a) => (input.spacing[a]! / spacing[a]!) * m);
    medianVoxels = product(shape);
    const rounded = shape.map(Math.round);
    const planned = planPatchAndBatch({
      spacing,
      medianShape: rounded,
      classes: input.classes,
      memoryTargetGb: input.memoryTargetGb,
      datasetVoxels: medianVoxels * input.numTraining,
    });
    plan = { ...planned, spacing, medianShape: rounded };
    patchVoxels = product(planned.patchSize);
  }
  return plan && fullresVoxels / medianVoxels >= MIN_SIZE_RATIO ? plan : undefined;
}
