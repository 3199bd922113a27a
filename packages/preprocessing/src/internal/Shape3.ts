/**
 * A 3D shape or spacing in array order [D, H, W] (C order, W fastest). D is the last NIfTI axis, so a
 * NIfTI-order volume's data is already a [D, H, W] array: shape [nI, nJ, nK] reads as [nK, nJ, nI].
 */
export type Shape3 = readonly [number, number, number];

/** NIfTI order [i, j, k] to array order [D, H, W] and back (the same reversal). */
export function reverse3(v: readonly number[]): [number, number, number] {
  return [v[2], v[1], v[0]];
}

export function product(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}
