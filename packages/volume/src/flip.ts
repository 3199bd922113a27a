import type { Vec3 } from './affine';
import type { DType } from './dtype';
import { applyAxisMap } from './internal/axisMap';
import type { Volume } from './Volume';

/** Reverses the given index axes; the affine changes so every voxel keeps its world position. */
export function flip<D extends DType>(volume: Volume<D>, axes: readonly number[]): Volume<D> {
  const sign = [1, 1, 1];
  const offset = [0, 0, 0];
  for (const axis of axes) {
    if (axis !== 0 && axis !== 1 && axis !== 2)
      throw new RangeError(`flip: axis must be 0, 1 or 2, got ${axis}`);
    sign[axis] = -sign[axis];
  }
  for (let d = 0; d < 3; d++) offset[d] = sign[d] < 0 ? volume.shape[d] - 1 : 0;
  return applyAxisMap(volume, {
    shape: volume.shape,
    srcAxis: [0, 1, 2],
    sign: sign as unknown as Vec3,
    offset: offset as unknown as Vec3,
  });
}
