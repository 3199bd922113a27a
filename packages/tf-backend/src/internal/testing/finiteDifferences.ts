/**
 * Central finite differences of a scalar function `f` at `point`, one coordinate at a time,
 * in float64: g[i] = (f(p + h·eᵢ) − f(p − h·eᵢ)) / 2h.
 */
export function finiteDifferenceGradient(
  f: (point: Float64Array) => number,
  point: ArrayLike<number>,
  h = 1e-3,
): Float64Array {
  const p = Float64Array.from(point);
  const gradient = new Float64Array(p.length);
  for (let i = 0; i < p.length; i++) {
    const saved = p[i];
    p[i] = saved + h;
    const up = f(p);
    p[i] = saved - h;
    const down = f(p);
    p[i] = saved;
    gradient[i] = (up - down) / (2 * h);
  }
  return gradient;
}

/** Σ aᵢ·bᵢ in float64. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

/** Largest |aᵢ − bᵢ| / (1 + |bᵢ|): absolute error for small values, relative for large ones. */
export function maxScaledError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) {
    throw new Error(`length mismatch: ${actual.length} vs ${expected.length}`);
  }
  let worst = 0;
  for (let i = 0; i < actual.length; i++) {
    worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / (1 + Math.abs(expected[i])));
  }
  return worst;
}
