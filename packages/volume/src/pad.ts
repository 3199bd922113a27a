import type { Vec3 } from './affine';
import type { DType } from './dtype';
import { applyAxisMap } from './internal/axisMap';
import type { Volume } from './Volume';

/** Adds `before[d]` and `after[d]` voxels of `fill` on each axis; the affine keeps every old voxel in place. */
export function pad<D extends DType>(
  volume: Volume<D>,
  before: Vec3,
  after: Vec3,
  fill: number | bigint = 0,
): Volume<D> {
  for (let d = 0; d < 3; d++) {
    if (!Number.isInteger(before[d]) || !Number.isInteger(after[d]) || before[d] < 0 || after[d] < 0) {
      throw new RangeError(
        `pad: amounts must be non-negative integers, got [${before.join(', ')}] / [${after.join(', ')}]`,
      );
    }
  }
  const shape: Vec3 = [0, 1, 2].map((d) => volume.shape[d] + before[d] + after[d]) as unknown as Vec3;
  return applyAxisMap(
    volume,
    { shape, srcAxis: [0, 1, 2], sign: [1, 1, 1], offset: [-before[0], -before[1], -before[2]] },
    fill,
  );
}
