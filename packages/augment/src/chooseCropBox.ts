import type { LabelObjects } from './labelObjects';
import type { Random } from './random';
import { checkShape, type Shape3 } from './Sample';
import { checkProbability } from './internal/checks';

/** Where a patch is cut: [start, start + patch); it may reach outside the volume (padded when extracted). */
export interface CropBox {
  readonly start: [number, number, number];
  /** The class whose object the crop was aimed at, or null for a crop anywhere in the volume. */
  readonly targetLabel: number | null;
}

/**
 * The seed's foreground-biased crop (DALI `random_object_bbox` + `roi_random_crop`): with probability
 * `oversampling` pick a present class uniformly, then one of its objects uniformly (the k largest kept by
 * `labelObjects`); its bounding box is the region of interest. Otherwise the whole volume is.
 * The patch start is then uniform among the positions where the patch lies inside the region (region
 * larger than the patch) or contains it (smaller), and inside the volume; along an axis where the patch
 * is larger than the volume it is uniform among the positions that contain the volume.
 */
export function chooseCropBox(
  objects: LabelObjects,
  patch: Shape3,
  random: Random,
  oversampling: number,
): CropBox {
  checkShape('chooseCropBox: patch', patch);
  checkProbability('chooseCropBox: oversampling', oversampling);
  const shape = objects.shape;
  let roiStart: readonly number[] = [0, 0, 0];
  let roiEnd: readonly number[] = shape;
  let targetLabel: number | null = null;
  if (random.chance(oversampling) && objects.classes.length > 0) {
    const cls = objects.classes[random.int(objects.classes.length)];
    const object = cls.objects[random.int(cls.objects.length)];
    roiStart = object.start;
    roiEnd = object.end;
    targetLabel = cls.label;
  }
  const start: [number, number, number] = [0, 0, 0];
  for (let a = 0; a < 3; a++) {
    const p = patch[a];
    // Starts that keep the patch inside the volume, or around it when the patch is larger.
    const lowest = Math.min(0, shape[a] - p);
    const highest = Math.max(0, shape[a] - p);
    const roi = roiEnd[a] - roiStart[a];
    let lo = roi >= p ? roiStart[a] : roiEnd[a] - p;
    let hi = roi >= p ? roiEnd[a] - p : roiStart[a];
    lo = Math.min(Math.max(lo, lowest), highest);
    hi = Math.min(Math.max(hi, lowest), highest);
    start[a] = lo + random.int(hi - lo + 1);
  }
  return { start, targetLabel };
}
