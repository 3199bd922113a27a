import type { AugmentName, Shape3, SpatialDims } from '@nnunet-ts/augment';
import type { Region } from '../CaseSource';

/**
 * The largest factor by which augment's nnU-Net spatial transform scales its sampling grid (the upper end
 * of `spatialTransform`'s default scaling range, 1.4).
 */
const MAX_GRID_SCALE = 1.4;
/** Interpolation taps beyond the sampled point: cubic reads floor − 1 .. floor + 2. */
const TAPS = 2;

/**
 * The part of a case a pipeline can read when it cuts the patch at `start`: for 'nvidia' the patch box
 * itself (every later step works inside the patch); for 'nnunet' a box around it that holds every point
 * the rotated and scaled sampling grid can reach (the grid's offsets from the patch centre grow by at
 * most MAX_GRID_SCALE; 2D slabs turn in-plane only). The box is clipped to the case: outside it the
 * pipelines see zeros either way.
 */
export function patchRegion(
  caseShape: Shape3,
  start: readonly number[],
  patch: Shape3,
  augment: AugmentName,
  dims: SpatialDims,
): Region {
  const half = patch.map((p) => (p - 1) / 2);
  const spatial = dims === 2 ? [1, 2] : [0, 1, 2];
  const radius = MAX_GRID_SCALE * Math.hypot(...spatial.map((a) => half[a]));
  const lo: number[] = [];
  const hi: number[] = [];
  for (let a = 0; a < 3; a++) {
    lo[a] = start[a];
    hi[a] = start[a] + patch[a];
    if (augment === 'nnunet' && spatial.includes(a)) {
      const centre = start[a] + half[a];
      lo[a] = Math.min(lo[a], Math.floor(centre - radius - TAPS));
      hi[a] = Math.max(hi[a], Math.ceil(centre + radius + TAPS) + 1);
    }
    lo[a] = Math.max(0, lo[a]);
    hi[a] = Math.min(caseShape[a], hi[a]);
  }
  return {
    start: [lo[0], lo[1], lo[2]],
    size: [hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]],
  };
}
