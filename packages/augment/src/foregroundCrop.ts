import { chooseCropBox } from './chooseCropBox';
import { extractPatch } from './extractPatch';
import type { LabelObjects } from './labelObjects';
import type { Random } from './random';
import { createSample, type Sample, type Shape3 } from './Sample';
import { objectsFor } from './internal/objectsFor';

export interface ForegroundCropOptions {
  /** Patch shape [D, H, W]. */
  patch: Shape3;
  /** Probability of aiming at a foreground object (the seed's `--oversampling`, default 0.33). */
  oversampling?: number;
  /** The case's objects, if cached; otherwise found in `sample.label` (6-connectivity, 2 largest). */
  objects?: LabelObjects;
}

/** The seed's foreground-biased crop: `chooseCropBox` then `extractPatch` (zero padding outside). */
export function foregroundCrop(sample: Sample, random: Random, options: ForegroundCropOptions): Sample {
  createSample(sample, 'foregroundCrop: sample');
  const objects = objectsFor('foregroundCrop', sample, options.objects);
  const box = chooseCropBox(objects, options.patch, random, options.oversampling ?? 0.33);
  return extractPatch(sample, box.start, options.patch);
}
