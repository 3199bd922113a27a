// Slow, obvious re-implementations of the resampling, for tests only: they share no code with the fast path.
import type { Shape3 } from '../internal/Shape3';
import type { Interpolation } from '@nnunet-ts/plans';

/** The cubic B-spline β3(t). */
export function bspline3(t: number): number {
  const a = Math.abs(t);
  if (a < 1) return 2 / 3 - a * a + (a * a * a) / 2;
  if (a < 2) return ((2 - a) * (2 - a) * (2 - a)) / 6;
  return 0;
}

/** x[i] for any integer i, extending the line by repeated point reflection about its end samples. */
function extended(line: number[], i: number): number {
  const n = line.length;
  if (n === 1) return line[0];
  if (i < 0) return 2 * line[0] - extended(line, -i);
  if (i > n - 1) return 2 * line[n - 1] - extended(line, 2 * (n - 1) - i);
  return line[i];
}

const PAD = 60;

/**
 * Cubic B-spline coefficients of a line (indices −PAD..n−1+PAD) by solving the tridiagonal interpolation
 * system (c[k−1] + 4c[k] + c[k+1])/6 = x[k] with the Thomas algorithm, on a long extension so that the
 * (arbitrary) end conditions of the system do not reach the line.
 */
export function splineCoefficients(line: number[]): (k: number) => number {
  const len = line.length + 2 * PAD;
  const rhs = Array.from({ length: len }, (_, r) => extended(line, r - PAD));
  // natural-ish ends: c[-1] = c[0], c[len] = c[len-1]
  const diag = Array.from({ length: len }, (_, r) => (r === 0 || r === len - 1 ? 5 / 6 : 4 / 6));
  const off = 1 / 6;
  const c = new Array<number>(len);
  const cp = new Array<number>(len);
  const dp = new Array<number>(len);
  cp[0] = off / diag[0];
  dp[0] = rhs[0] / diag[0];
  for (let r = 1; r < len; r++) {
    const m = diag[r] - off * cp[r - 1];
    cp[r] = off / m;
    dp[r] = (rhs[r] - off * dp[r - 1]) / m;
  }
  c[len - 1] = dp[len - 1];
  for (let r = len - 2; r >= 0; r--) c[r] = dp[r] - cp[r] * c[r + 1];
  return (k) => c[k + PAD];
}

function sourcePosition(j: number, n: number, m: number): number {
  return Math.min(n - 1, Math.max(0, ((j + 0.5) * n) / m - 0.5));
}

/** Value of one axis's 1D kernel: which source indices an output at x reads, with which weights. */
function taps(x: number, n: number, kind: Interpolation): [number, number][] {
  if (kind === 'nearest') return [[Math.min(n - 1, Math.floor(x + 0.5)), 1]];
  if (kind === 'linear') {
    const f = Math.floor(x);
    const t = x - f;
    return t === 0
      ? [[f, 1]]
      : [
          [f, 1 - t],
          [Math.min(n - 1, f + 1), t],
        ];
  }
  const f = Math.floor(x);
  return [-1, 0, 1, 2].map((d) => [f + d, bspline3(x - (f + d))]);
}

/**
 * 3D resize by direct evaluation of the tensor-product interpolant at every output voxel. For cubic axes
 * the coefficients are first solved along each of them with `splineCoefficients`.
 */
export function referenceResample(
  data: Float32Array,
  shape: Shape3,
  newShape: Shape3,
  kinds: readonly [Interpolation, Interpolation, Interpolation],
): Float64Array {
  const [, H, W] = shape;
  // coefficient grid, indexed with the extension on cubic axes
  let grid = (z: number, y: number, x: number) => data[(z * H + y) * W + x];
  for (let axis = 0; axis < 3; axis++) {
    if (kinds[axis] !== 'cubic' || shape[axis] === newShape[axis]) continue;
    const previous = grid;
    const cache = new Map<string, (k: number) => number>();
    grid = (z, y, x) => {
      const pos = [z, y, x];
      const key = pos.map((p, a) => (a === axis ? '*' : p)).join(',');
      let coef = cache.get(key);
      if (!coef) {
        const line = Array.from({ length: shape[axis] }, (_, k) => {
          const q = [...pos];
          q[axis] = k;
          return previous(q[0], q[1], q[2]);
        });
        coef = splineCoefficients(line);
        cache.set(key, coef);
      }
      return coef(pos[axis]);
    };
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of data) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const out = new Float64Array(newShape[0] * newShape[1] * newShape[2]);
  let i = 0;
  for (let z = 0; z < newShape[0]; z++) {
    for (let y = 0; y < newShape[1]; y++) {
      for (let x = 0; x < newShape[2]; x++, i++) {
        const pos = [z, y, x];
        const perAxis = pos.map((p, a) =>
          shape[a] === newShape[a]
            ? ([[p, 1]] as [number, number][])
            : taps(sourcePosition(p, shape[a], newShape[a]), shape[a], kinds[a]),
        );
        let v = 0;
        for (const [kz, wz] of perAxis[0]) {
          for (const [ky, wy] of perAxis[1]) {
            for (const [kx, wx] of perAxis[2]) v += wz * wy * wx * grid(kz, ky, kx);
          }
        }
        const cubic = kinds.some((k, a) => k === 'cubic' && shape[a] !== newShape[a]);
        out[i] = cubic ? Math.min(hi, Math.max(lo, v)) : v;
      }
    }
  }
  return out;
}

/**
 * Label resize by full one-hot interpolation of every class (background included) on the whole grid and a
 * plain argmax; also returns the margin between the best and second-best class at each voxel.
 */
export function referenceResampleLabel(
  label: ArrayLike<number>,
  shape: Shape3,
  newShape: Shape3,
  kinds: readonly [Interpolation, Interpolation, Interpolation],
): { label: number[]; margin: number[] } {
  const classes = [...new Set(Array.from(label))].concat(0);
  const unique = [...new Set(classes)].sort((a, b) => a - b);
  const scores = unique.map((c) =>
    referenceResample(
      Float32Array.from(label, (v) => (v === c ? 1 : 0)),
      shape,
      newShape,
      kinds,
    ),
  );
  const n = newShape[0] * newShape[1] * newShape[2];
  const out: number[] = [];
  const margin: number[] = [];
  for (let i = 0; i < n; i++) {
    const ranked = unique.map((c, k) => [c, scores[k][i]]).sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    out.push(ranked[0][0]);
    margin.push(ranked.length > 1 ? ranked[0][1] - ranked[1][1] : Infinity);
  }
  return { label: out, margin };
}
