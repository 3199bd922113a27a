import type { LabelObjects } from './labelObjects';
import type { Random } from './random';
import type { Sample, Shape3, SpatialDims } from './Sample';

/** nnU-Net's default probability that a patch is aimed at a foreground object (`--oversampling`). */
export const DEFAULT_OVERSAMPLING = 0.33;

/**
 * Where a pipeline's crop goes: chosen by the pipeline from the case's objects (cached ones given,
 * else found in the sample's label) with the oversampling probability, or decided by the caller,
 * who gives the patch's start in the sample (a loader that chose the crop on the whole case and
 * read only the region around it).
 */
export type CropChoice = { objects?: LabelObjects } | { start: readonly number[] };

/**
 * A training-time augmentation pipeline: a pure function of a whole case (or any region holding the
 * patch), a random stream and optionally the crop choice; returns one patch. The same inputs and
 * stream state give bit-identical output.
 */
export type Augment = (sample: Sample, random: Random, crop?: CropChoice) => Sample;

/** The `--augment` choices. */
export type AugmentName = 'nvidia' | 'nnunet';

export interface PipelineConfig {
  /** Patch shape [D, H, W]; for 2D, [slab depth, H, W]. */
  patch: Shape3;
  /** 3 (default) or 2: axis 0 is a slab of independent slices and is never spatially augmented. */
  dims?: SpatialDims;
  /** Probability of a foreground-biased crop (`--oversampling`, default `DEFAULT_OVERSAMPLING`). */
  oversampling?: number;
}
