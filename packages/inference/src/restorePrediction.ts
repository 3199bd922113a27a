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
  classes: number,
): Volume<'uint8'> {
  return labelsOfProbabilities(restoreProbabilities(meta, probabilities, classes), classes);
}

/** The argmax (first class on ties) of probabilities stored as one plane per class, on their grid. */
export function labelsOfProbabilities(restored: Volume, classes: number): Volume<'uint8'> {
  const planes = restored.data as Float32Array;
  const voxels = planes.length / classes;
  const labels = new Uint8Array(voxels);
  for (let v = 0; v < voxels; v++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (planes[c * voxels + v]! > planes[best * voxels + v]!) best = c;
    labels[v] = best;
  }
  return createVolume({ data: labels, shape: restored.shape, affine: restored.affine });
}
