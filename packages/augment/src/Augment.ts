import type { LabelObjects } from './labelObjects';
import type { Random } from './random';
import type { Sample, Shape3, SpatialDims } from './Sample';

/**
 * A training-time augmentation pipeline: a pure function of a whole case (or any region holding the
 * patch), a random stream and optionally the case's cached objects; returns one patch. The same inputs
 * and stream state give bit-identical output.
 */
export type Augment = (sample: Sample, random: Random, objects?: LabelObjects) => Sample;

/** The `--augment` choices. */
export type AugmentName = 'nvidia' | 'nnunet';

export interface PipelineConfig {
  /** Patch shape [D, H, W]; for 2D, [slab depth, H, W]. */
  patch: Shape3;
  /** 3 (default) or 2: axis 0 is a slab of independent slices and is never spatially augmented. */
  dims?: SpatialDims;
  /** Probability of a foreground-biased crop (`--oversampling`, default 0.33). */
  oversampling?: number;
}
