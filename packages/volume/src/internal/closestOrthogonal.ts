import type { Mat3 } from '../affine';
import { det3, invert3, transpose3 } from './mat4';

/**
 * The orthogonal factor of the polar decomposition M = Q·P (the rotation/reflection closest to M),
 * which is what nibabel gets from an SVD. Newton's iteration Q ← (Q + Q⁻ᵀ)/2 converges quadratically
 * for any non-singular M.
 */
export function closestOrthogonal(m: Mat3): Mat3 {
  if (!(Math.abs(det3(m)) > 0))
    throw new RangeError('affine: the 3x3 part is singular, it has no orientation');
  let q = m;
  for (let iter = 0; iter < 100; iter++) {
    const invT = transpose3(invert3(q));
    const next = q.map((row, r) => row.map((v, c) => (v + invT[r][c]) / 2)) as unknown as Mat3;
    let change = 0;
    for (let r = 0; r < 3; r++)
      for (let c = 0; c < 3; c++) change = Math.max(change, Math.abs(next[r][c] - q[r][c]));
    q = next;
    if (change < 1e-15) break;
  }
  return q;
}
