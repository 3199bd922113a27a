import type { Vec3 } from './affine';
import type { DType } from './dtype';
import { applyAxisMap } from './internal/axisMap';
import { codesToOrientation, ioOrientation, type Orientation } from './orientation';
import type { Volume } from './Volume';

/**
 * Applies an orientation transform as nibabel's `apply_orientation` does (flip the input axes marked -1,
 * then move input axis a to output axis transform[a][0]) and updates the affine as `as_reoriented` does,
 * so every voxel keeps its world position.
 */
export function reorient<D extends DType>(volume: Volume<D>, transform: Orientation): Volume<D> {
  const srcAxis = [0, 0, 0];
  const sign = [1, 1, 1];
  const offset = [0, 0, 0];
  const seen = new Set<number>();
  transform.forEach(([outAxis, s], inAxis) => {
    if (![0, 1, 2].includes(outAxis) || seen.has(outAxis) || (s !== 1 && s !== -1)) {
      throw new RangeError(
        `reorient: transform ${JSON.stringify(transform)} is not a permutation with signs ±1`,
      );
    }
    seen.add(outAxis);
    srcAxis[outAxis] = inAxis;
    sign[outAxis] = s;
    offset[outAxis] = s < 0 ? volume.shape[inAxis] - 1 : 0;
  });
  return applyAxisMap(volume, {
    shape: [volume.shape[srcAxis[0]], volume.shape[srcAxis[1]], volume.shape[srcAxis[2]]],
    srcAxis: srcAxis as unknown as Vec3,
    sign: sign as unknown as Vec3,
    offset: offset as unknown as Vec3,
  });
}

/**
 * The transform taking orientation `from` to orientation `to` (nibabel's `ornt_transform`):
 * for each input axis, the output axis it must move to and whether it must be flipped.
 */
export function orientationTransform(from: Orientation, to: Orientation): Orientation {
  return from.map(([worldAxis, s]) => {
    const target = to.findIndex(([w]) => w === worldAxis);
    if (target < 0)
      throw new RangeError(`orientation: ${JSON.stringify(to)} does not name world axis ${worldAxis}`);
    return [target, s === to[target][1] ? 1 : -1];
  }) as unknown as Orientation;
}

/** Permutes and flips the axes so they point, as closely as the affine allows, along `codes` (e.g. 'LPS'). */
export function orientTo<D extends DType>(volume: Volume<D>, codes: string | readonly string[]): Volume<D> {
  return reorient(volume, orientationTransform(ioOrientation(volume.affine), codesToOrientation(codes)));
}

/** nibabel's `as_closest_canonical`: the volume reoriented to the closest RAS+ orientation. */
export function asClosestCanonical<D extends DType>(volume: Volume<D>): Volume<D> {
  return orientTo(volume, 'RAS');
}
