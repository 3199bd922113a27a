/** Voxel counts of one class: prediction against reference. */
export interface ConfusionCounts {
  TP: number;
  FP: number;
  FN: number;
  TN: number;
  /** voxels predicted as the class (TP + FP) */
  n_pred: number;
  /** voxels of the class in the reference (TP + FN) */
  n_ref: number;
}

type LabelArray = ArrayLike<number>;

/**
 * Counts TP/FP/FN/TN of each class in one pass over two label maps of the same length.
 * Classes are the label values to score (background 0 is usually left out).
 */
export function confusionCounts(
  prediction: LabelArray,
  reference: LabelArray,
  classes: readonly number[],
): Map<number, ConfusionCounts> {
  if (prediction.length !== reference.length) {
    throw new Error(
      `prediction has ${prediction.length} voxels but the reference has ${reference.length}: they must cover the same grid`,
    );
  }
  const maxClass = Math.max(0, ...classes);
  // pairs[p * (maxClass + 2) + r]: joint histogram, with one bin for labels outside `classes`
  const other = maxClass + 1;
  const bins = maxClass + 2;
  const joint = new Float64Array(bins * bins);
  const binOf = (v: number) => (Number.isInteger(v) && v >= 0 && v <= maxClass ? v : other);
  for (let i = 0; i < prediction.length; i++) {
    joint[binOf(prediction[i]!) * bins + binOf(reference[i]!)]! += 1;
  }
  const total = prediction.length;
  const result = new Map<number, ConfusionCounts>();
  for (const c of classes) {
    let nPred = 0;
    let nRef = 0;
    for (let j = 0; j < bins; j++) {
      nPred += joint[c * bins + j]!;
      nRef += joint[j * bins + c]!;
    }
    const TP = joint[c * bins + c]!;
    const FP = nPred - TP;
    const FN = nRef - TP;
    result.set(c, { TP, FP, FN, TN: total - TP - FP - FN, n_pred: nPred, n_ref: nRef });
  }
  return result;
}
