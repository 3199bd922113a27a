import { LegacyRandomState } from './internal/LegacyRandomState';

/** One fold of nnU-Net v2's `splits_final.json`. */
export interface Fold {
  train: string[];
  val: string[];
}

export interface SplitOptions {
  /** number of folds (default 5, as both anchors) */
  folds?: number;
  /** shuffling seed (default 12345, as both anchors) */
  seed?: number;
}

/**
 * K-fold splits over the sorted case ids, identical to scikit-learn's
 * `KFold(n_splits, shuffle=True, random_state=seed)` as NVIDIA's seed and nnU-Net v2 use it: the
 * first `n % folds` validation sets get one case more.
 */
export function crossValidationSplits(caseIds: readonly string[], options: SplitOptions = {}): Fold[] {
  const { folds = 5, seed = 12345 } = options;
  if (!Number.isInteger(folds) || folds < 2)
    throw new Error(`the number of folds must be an integer ≥ 2, got ${folds}`);
  const sorted = [...caseIds].sort();
  const duplicate = sorted.find((id, i) => i > 0 && sorted[i - 1] === id);
  if (duplicate !== undefined) throw new Error(`case id "${duplicate}" appears more than once`);
  if (sorted.length < folds) {
    throw new Error(`${folds} folds need at least ${folds} cases, but the dataset has ${sorted.length}`);
  }
  const order = new LegacyRandomState(seed).shuffle([...sorted.keys()]);
  const result: Fold[] = [];
  let start = 0;
  for (let fold = 0; fold < folds; fold++) {
    const size = Math.floor(sorted.length / folds) + (fold < sorted.length % folds ? 1 : 0);
    const valIndices = new Set(order.slice(start, start + size));
    start += size;
    // scikit-learn yields both index sets in ascending order
    result.push({
      train: sorted.filter((_, i) => !valIndices.has(i)),
      val: sorted.filter((_, i) => valIndices.has(i)),
    });
  }
  return result;
}
