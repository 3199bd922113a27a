import type { Vec3 } from './affine';
import type { DType } from './dtype';
import { applyAxisMap } from './internal/axisMap';
import type { Volume } from './Volume';

/** The sub-volume [start, end) on each axis (end exclusive), with the affine moved to the new first voxel. */
export function crop<D extends DType>(volume: Volume<D>, start: Vec3, end: Vec3): Volume<D> {
  for (let d = 0; d < 3; d++) {
    const ok =
      Number.isInteger(start[d]) &&
      Number.isInteger(end[d]) &&
      start[d] >= 0 &&
      start[d] < end[d] &&
      end[d] <= volume.shape[d];
    if (!ok) {
      throw new RangeError(
        `crop: box [${start.join(', ')}] .. [${end.join(', ')}] does not fit shape [${volume.shape.join(', ')}] on axis ${d}`,
      );
    }
  }
  return applyAxisMap(volume, {
    shape: [end[0] - start[0], end[1] - start[1], end[2] - start[2]],
    srcAxis: [0, 1, 2],
    sign: [1, 1, 1],
    offset: start,
  });
}
