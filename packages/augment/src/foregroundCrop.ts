import { DEFAULT_OVERSAMPLING, type CropChoice } from './Augment';
import { extractPatch } from './extractPatch';
import type { Random } from './random';
import { createSample, type Sample, type Shape3 } from './Sample';
import { cropStart } from './internal/cropStart';

export interface ForegroundCropOptions {
  /** Patch shape [D, H, W]. */
  patch: Shape3;
  /** Probability of aiming at a foreground object (the seed's `--oversampling`, default `DEFAULT_OVERSAMPLING`). */
  oversampling?: number;
  /**
   * The case's cached objects (otherwise found in `sample.label`: 6-connectivity, 2 largest), or the
   * patch's start when the caller chose the crop.
   */
  crop?: CropChoice;
}

/** The seed's foreground-biased crop: `chooseCropBox` then `extractPatch` (zero padding outside). */
export function foregroundCrop(sample: Sample, random: Random, options: ForegroundCropOptions): Sample {
  createSample(sample, 'foregroundCrop: sample');
  const { patch, oversampling = DEFAULT_OVERSAMPLING, crop } = options;
  return extractPatch(sample, cropStart('foregroundCrop', sample, patch, random, oversampling, crop), patch);
}
