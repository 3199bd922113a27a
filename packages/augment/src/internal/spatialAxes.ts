import type { SpatialDims } from '../Sample';

/** The axes a spatial transform may touch: all three in 3D; H and W for 2D slabs (axis 0 stacks slices). */
export function spatialAxes(dims: SpatialDims): number[] {
  if (dims !== 2 && dims !== 3) throw new RangeError(`dims must be 2 or 3, got ${JSON.stringify(dims)}`);
  return dims === 3 ? [0, 1, 2] : [1, 2];
}

/** Checks a list of distinct axes among 0, 1, 2 and returns a copy. */
export function checkSpatialAxes(name: string, axes: readonly number[]): number[] {
  if (
    !Array.isArray(axes) ||
    !axes.every((a) => a === 0 || a === 1 || a === 2) ||
    new Set(axes).size !== axes.length
  ) {
    throw new RangeError(`${name}: expected distinct axes among 0, 1, 2, got ${JSON.stringify(axes)}`);
  }
  return [...axes];
}
