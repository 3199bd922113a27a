import type { LabelMap } from '@nnunet-ts/datasets';
import { createVolume, type Volume } from '@nnunet-ts/volume';
import { restoreProbabilities, type CaseMetadata } from '@nnunet-ts/preprocessing';

/**
 * A label map on the case's original grid from class probabilities in preprocessed space
 * (channels-last `[D, H, W, C]`): probabilities are resampled back, as nnU-Net v2 does, and only
 * then turned into labels (argmax), so small structures survive the resampling.
 */
export function restorePrediction(
  meta: CaseMetadata,
  probabilities: Float32Array,
  labels: LabelMap,
): Volume<'uint8' | 'uint16'> {
  return labelsOfProbabilities(restoreProbabilities(meta, probabilities, labels.classes), labels);
}

/**
 * The label map of probabilities stored as one plane per class, on their grid: the argmax class
 * (the first on ties) as its label value, in `labels.valueDtype` (uint8 when every value fits).
 */
export function labelsOfProbabilities(restored: Volume, labels: LabelMap): Volume<'uint8' | 'uint16'> {
  const { classes } = labels;
  if (restored.channels !== classes) {
    throw new RangeError(
      `probabilities have ${restored.channels} class plane(s), but the labels declare ${classes} classes`,
    );
  }
  const planes = restored.data as Float32Array;
  const voxels = planes.length / classes;
  const argmax = new Uint16Array(voxels);
  for (let v = 0; v < voxels; v++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (planes[c * voxels + v]! > planes[best * voxels + v]!) best = c;
    argmax[v] = best;
  }
  return createVolume({ data: labels.toValues(argmax), shape: restored.shape, affine: restored.affine });
}
