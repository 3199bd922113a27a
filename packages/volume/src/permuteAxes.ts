import type { Vec3 } from './affine';
import type { DType } from './dtype';
import { applyAxisMap } from './internal/axisMap';
import type { Volume } from './Volume';

/**
 * Reorders the index axes like numpy's transpose: output axis d is source axis `order[d]`.
 * Spacing and affine columns follow, so every voxel keeps its world position.
 */
export function permuteAxes<D extends DType>(
  volume: Volume<D>,
  order: readonly [number, number, number],
): Volume<D> {
  if ([...order].sort().join() !== '0,1,2') {
    throw new RangeError(`permuteAxes: order must be a permutation of [0, 1, 2], got [${order.join(', ')}]`);
  }
  return applyAxisMap(volume, {
    shape: [volume.shape[order[0]], volume.shape[order[1]], volume.shape[order[2]]] as Vec3,
    srcAxis: order,
    sign: [1, 1, 1],
    offset: [0, 0, 0],
  });
}
