/** The pole of the cubic B-spline's inverse filter, √3 − 2. */
const POLE = Math.sqrt(3) - 2;
/** Samples added on each side before filtering: the filter's start-up error decays as |POLE|^MARGIN (< 1e-13). */
export const SPLINE_MARGIN = 24;

/**
 * Where an index outside [0, n) reads from when a line is extended by point reflection about its end
 * samples (x[-k] = 2·x[0] − x[k]): value = sign·x[index] + a·x[0] + b·x[n−1]. Point reflection, unlike
 * mirroring, continues a straight line straight, so linear ramps are interpolated exactly up to the edges.
 */
export function reflectedIndex(e: number, n: number): { index: number; sign: number; a: number; b: number } {
  let sign = 1;
  let a = 0;
  let b = 0;
  while (e < 0 || e > n - 1) {
    if (e < 0) {
      // x[e] = 2·x[0] − x[−e]
      a = 2 * sign + a;
      sign = -sign;
      e = -e;
    } else {
      // x[e] = 2·x[n−1] − x[2(n−1) − e]
      b = 2 * sign + b;
      sign = -sign;
      e = 2 * (n - 1) - e;
    }
  }
  return { index: e, sign, a, b };
}

/**
 * Cubic B-spline coefficients of `columns` interleaved lines at once. `buffer` holds the lines with
 * SPLINE_MARGIN extra samples on each side, row-major ((n + 2·MARGIN) rows of `columns` values), already
 * filled with the extended samples; it is overwritten with the coefficients (causal then anti-causal
 * recursive filter, Unser 1993).
 */
export function cubicSplineCoefficients(buffer: Float64Array, rows: number, columns: number): void {
  const z = POLE;
  // gain of the inverse filter: (1 − z)(1 − 1/z) = 6
  for (let i = 0; i < rows * columns; i++) buffer[i] *= 6;
  // causal pass, started as if the line continued with its first value (the margin absorbs the error)
  for (let c = 0; c < columns; c++) buffer[c] /= 1 - z;
  for (let r = 1; r < rows; r++) {
    const row = r * columns;
    const prev = row - columns;
    for (let c = 0; c < columns; c++) buffer[row + c] += z * buffer[prev + c];
  }
  // anti-causal pass, started at its steady state for a constant continuation
  const last = (rows - 1) * columns;
  for (let c = 0; c < columns; c++) buffer[last + c] = (z / (z - 1)) * buffer[last + c];
  for (let r = rows - 2; r >= 0; r--) {
    const row = r * columns;
    const next = row + columns;
    for (let c = 0; c < columns; c++) buffer[row + c] = z * (buffer[next + c] - buffer[row + c]);
  }
}
