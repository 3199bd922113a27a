import type { Vec3 } from './affine';
import { dtypeInfo } from './dtype';
import type { Volume } from './Volume';

/** A half-open index box: start is inclusive, end exclusive. */
export interface Box {
  readonly start: Vec3;
  readonly end: Vec3;
}

/**
 * The smallest box holding every voxel with a non-zero value in any channel or component
 * (NaN counts as non-zero), or null when the volume is all zero.
 */
export function boundingBox(mask: Volume): Box | null {
  const { components } = dtypeInfo(mask.dtype);
  const [nI, nJ, nK] = mask.shape;
  const data = mask.data as ArrayLike<number | bigint>;
  const lo = [nI, nJ, nK];
  const hi = [-1, -1, -1];
  let e = 0;
  for (let ch = 0; ch < mask.channels; ch++) {
    for (let k = 0; k < nK; k++) {
      for (let j = 0; j < nJ; j++) {
        for (let i = 0; i < nI; i++) {
          let set = false;
          for (let c = 0; c < components; c++) if (data[e++] != 0) set = true;
          if (!set) continue;
          if (i < lo[0]) lo[0] = i;
          if (i > hi[0]) hi[0] = i;
          if (j < lo[1]) lo[1] = j;
          if (j > hi[1]) hi[1] = j;
          if (k < lo[2]) lo[2] = k;
          if (k > hi[2]) hi[2] = k;
        }
      }
    }
  }
  if (hi[0] < 0) return null;
  return { start: [lo[0], lo[1], lo[2]], end: [hi[0] + 1, hi[1] + 1, hi[2] + 1] };
}
