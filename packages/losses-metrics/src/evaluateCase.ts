import { confusionCounts, type ConfusionCounts } from './confusionCounts';
import { diceFromCounts, iouFromCounts, type EmptyPolicy } from './overlapMetrics';
import { hausdorffDistance95, normalizedSurfaceDice, type MaskGrid } from './surfaceDistances';

export interface ClassMetrics extends ConfusionCounts {
  Dice: number;
  IoU: number;
  /** only with `surfaceMetrics` */
  HD95?: number;
  /** only with `surfaceMetrics` */
  NSD?: number;
}

export interface EvaluateCaseOptions {
  /** label values to score; background 0 is usually left out */
  classes: readonly number[];
  /** Dice/IoU when a class is in neither map (default `'one'`, as the seed) */
  empty?: EmptyPolicy;
  /** also compute HD95 and NSD (needs `grid`) */
  surfaceMetrics?: boolean;
  grid?: MaskGrid;
  /** NSD tolerance in mm (default 1) */
  nsdToleranceMm?: number;
}

/** Scores one predicted label map against its reference, class by class. */
export function evaluateCase(
  prediction: ArrayLike<number>,
  reference: ArrayLike<number>,
  options: EvaluateCaseOptions,
): Record<string, ClassMetrics> {
  const { classes, empty = 'one', surfaceMetrics = false, grid, nsdToleranceMm = 1 } = options;
  if (surfaceMetrics && !grid)
    throw new Error('surface metrics need the grid (shape and spacing) of the label maps');
  const counts = confusionCounts(prediction, reference, classes);
  const result: Record<string, ClassMetrics> = {};
  for (const c of classes) {
    const classCounts = counts.get(c)!;
    const metrics: ClassMetrics = {
      ...classCounts,
      Dice: diceFromCounts(classCounts, empty),
      IoU: iouFromCounts(classCounts, empty),
    };
    if (surfaceMetrics && grid) {
      const predMask = Uint8Array.from({ length: prediction.length }, (_, i) =>
        prediction[i] === c ? 1 : 0,
      );
      const refMask = Uint8Array.from({ length: reference.length }, (_, i) => (reference[i] === c ? 1 : 0));
      metrics.HD95 = hausdorffDistance95(predMask, refMask, grid);
      metrics.NSD = normalizedSurfaceDice(predMask, refMask, grid, nsdToleranceMm);
    }
    result[String(c)] = metrics;
  }
  return result;
}
