import type { ConfusionCounts } from './confusionCounts';

/**
 * What a score is when the class is absent from both prediction and reference:
 * `'one'` as NVIDIA's seed (a correct empty prediction is perfect), `'nan'` as nnU-Net v2 (undefined,
 * left out of means).
 */
export type EmptyPolicy = 'one' | 'nan';

/** Dice = 2TP / (2TP + FP + FN). */
export function diceFromCounts(counts: ConfusionCounts, empty: EmptyPolicy = 'one'): number {
  const denominator = 2 * counts.TP + counts.FP + counts.FN;
  if (denominator === 0) return empty === 'one' ? 1 : Number.NaN;
  return (2 * counts.TP) / denominator;
}

/** IoU (Jaccard) = TP / (TP + FP + FN). */
export function iouFromCounts(counts: ConfusionCounts, empty: EmptyPolicy = 'one'): number {
  const denominator = counts.TP + counts.FP + counts.FN;
  if (denominator === 0) return empty === 'one' ? 1 : Number.NaN;
  return counts.TP / denominator;
}
