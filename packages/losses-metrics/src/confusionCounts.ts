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
 * Classes are the label values to score (integers 0..65535, as uint8 and uint16 label maps hold;
 * background 0 is usually left out).
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
  for (const c of classes) {
    if (!Number.isInteger(c) || c < 0 || c > 0xffff) {
      throw new RangeError(`classes: ${c} is not a label value (an integer 0..65535)`);
    }
  }
  // each scored value's bin is its index in `classes`, every other value shares the last bin: the
  // joint histogram has (classes + 1)² bins however large the values are
  const other = classes.length;
  const bins = other + 1;
  const binOf = new Int32Array(Math.max(0, ...classes) + 1).fill(other);
  classes.forEach((c, b) => (binOf[c] = b));
  const joint = new Float64Array(bins * bins);
  for (let i = 0; i < prediction.length; i++) {
    // undefined for negative, fractional and larger values
    const p = binOf[prediction[i]!] ?? other;
    const r = binOf[reference[i]!] ?? other;
    joint[p * bins + r]! += 1;
  }
  const total = prediction.length;
  const result = new Map<number, ConfusionCounts>();
  for (const c of classes) {
    const b = binOf[c]!;
    let nPred = 0;
    let nRef = 0;
    for (let j = 0; j < bins; j++) {
      nPred += joint[b * bins + j]!;
      nRef += joint[j * bins + b]!;
    }
    const TP = joint[b * bins + b]!;
    const FP = nPred - TP;
    const FN = nRef - TP;
    result.set(c, { TP, FP, FN, TN: total - TP - FP - FN, n_pred: nPred, n_ref: nRef });
  }
  return result;
}
