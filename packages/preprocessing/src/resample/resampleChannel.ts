import type { Shape3 } from '../internal/Shape3';
import type { Interpolation } from '@nnunet-ts/plans';
import { resampleAxis } from './internal/resampleAxis';
import { sourceCoordinates } from './sourceCoordinates';

export type AxisInterpolations = readonly [Interpolation, Interpolation, Interpolation];

/**
 * Resizes one channel ([D, H, W] in C order) to `newShape`, axis by axis (the interpolation kernels are
 * separable, so this equals full 3D interpolation), with a kernel per axis. As skimage's `resize` with
 * `clip=True`, a cubic result is clipped to the input's range so that ringing never invents intensities.
 */
export function resampleChannel(
  data: Float32Array,
  shape: Shape3,
  newShape: Shape3,
  interpolation: AxisInterpolations,
): Float32Array {
  checkShapes(data, shape, newShape);
  // shrinking axes first keeps the intermediate arrays small
  const axes = [0, 1, 2]
    .filter((a) => shape[a] !== newShape[a])
    .sort((a, b) => newShape[a] / shape[a] - newShape[b] / shape[b]);
  if (axes.length === 0) return data.slice();
  const current = [...shape];
  let values = data;
  for (const axis of axes) {
    const outer = axis === 0 ? 1 : axis === 1 ? current[0] : current[0] * current[1];
    const inner = axis === 2 ? 1 : axis === 1 ? current[2] : current[1] * current[2];
    const coords = sourceCoordinates(current[axis], newShape[axis]);
    values = resampleAxis(values, { outer, n: current[axis], inner }, coords, interpolation[axis]);
    current[axis] = newShape[axis];
  }
  if (axes.some((a) => interpolation[a] === 'cubic')) clipToRangeOf(values, data);
  return values;
}

function clipToRangeOf(values: Float32Array, reference: Float32Array): void {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < reference.length; i++) {
    const v = reference[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < lo) values[i] = lo;
    else if (v > hi) values[i] = hi;
  }
}

function checkShapes(data: Float32Array, shape: Shape3, newShape: Shape3): void {
  for (const [name, s] of [
    ['shape', shape],
    ['newShape', newShape],
  ] as const) {
    if (s.length !== 3 || !s.every((v) => Number.isInteger(v) && v >= 1)) {
      throw new RangeError(`resampleChannel: ${name} must be three positive integers, got [${s.join(', ')}]`);
    }
  }
  if (data.length !== shape[0] * shape[1] * shape[2]) {
    throw new RangeError(
      `resampleChannel: data has ${data.length} values, shape [${shape.join(', ')}] needs ${shape[0] * shape[1] * shape[2]}`,
    );
  }
}
