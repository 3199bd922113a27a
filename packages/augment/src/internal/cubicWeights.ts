/**
 * Keys' cubic convolution weights with a = -0.5 (Catmull-Rom) for the four samples at offsets -1, 0, 1, 2
 * around a point at fraction t in [0, 1) past sample 0. With a = -0.5 the kernel interpolates (weights
 * 1, 0 at t = 0) and reproduces polynomials up to degree 2 exactly.
 */
export function cubicWeights(t: number, out: Float64Array): void {
  out[0] = far(1 + t);
  out[1] = near(t);
  out[2] = near(1 - t);
  out[3] = far(2 - t);
}

const A = -0.5;

/** |x| <= 1 */
function near(x: number): number {
  return ((A + 2) * x - (A + 3)) * x * x + 1;
}

/** 1 < |x| < 2 */
function far(x: number): number {
  return ((A * x - 5 * A) * x + 8 * A) * x - 4 * A;
}
