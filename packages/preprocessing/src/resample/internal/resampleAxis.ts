import type { Interpolation } from '@nnunet-ts/plans';
import { cubicSplineCoefficients, reflectedIndex, SPLINE_MARGIN } from './cubicSplineCoefficients';

/** A C-order array seen as [outer, n, inner]: the axis being resampled has length n. */
export interface AxisView {
  outer: number;
  n: number;
  inner: number;
}

/** Float64 values held per cubic block (8 MiB), so long strided axes are filtered in column blocks. */
const CUBIC_BLOCK_VALUES = 1 << 20;

/**
 * Resamples one axis of `src` ([outer, n, inner], C order) to [outer, coords.length, inner]: output j
 * takes the value at source position coords[j], which must lie in [0, n − 1]. Taps outside the line
 * read the edge sample (nearest, linear) or the point-reflected extension (cubic).
 */
export function resampleAxis(
  src: Float32Array,
  view: AxisView,
  coords: Float64Array,
  interpolation: Interpolation,
): Float32Array {
  const { outer, n, inner } = view;
  const m = coords.length;
  const out = new Float32Array(outer * m * inner);
  if (n === 1) {
    // a single sample: every output position reads it
    for (let o = 0; o < outer; o++) {
      const line = src.subarray(o * inner, (o + 1) * inner);
      for (let j = 0; j < m; j++) out.set(line, (o * m + j) * inner);
    }
    return out;
  }
  if (interpolation === 'cubic') cubicAxis(src, view, coords, out);
  else linearOrNearestAxis(src, view, coords, out, interpolation === 'nearest');
  return out;
}

function linearOrNearestAxis(
  src: Float32Array,
  { outer, n, inner }: AxisView,
  coords: Float64Array,
  out: Float32Array,
  nearest: boolean,
): void {
  const m = coords.length;
  const i0 = new Int32Array(m);
  const i1 = new Int32Array(m);
  const t = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const x = coords[j];
    if (nearest) {
      i0[j] = i1[j] = Math.min(n - 1, Math.max(0, Math.floor(x + 0.5)));
      continue;
    }
    const f = Math.min(n - 1, Math.max(0, Math.floor(x)));
    i0[j] = f;
    i1[j] = Math.min(n - 1, f + 1);
    t[j] = x - f;
  }
  for (let o = 0; o < outer; o++) {
    const srcBase = o * n * inner;
    const outBase = o * m * inner;
    for (let j = 0; j < m; j++) {
      const a = srcBase + i0[j] * inner;
      const b = srcBase + i1[j] * inner;
      const w = t[j];
      const dst = outBase + j * inner;
      if (w === 0) {
        for (let i = 0; i < inner; i++) out[dst + i] = src[a + i];
      } else {
        const v = 1 - w;
        for (let i = 0; i < inner; i++) out[dst + i] = v * src[a + i] + w * src[b + i];
      }
    }
  }
}

function cubicAxis(
  src: Float32Array,
  { outer, n, inner }: AxisView,
  coords: Float64Array,
  out: Float32Array,
): void {
  const m = coords.length;
  const rows = n + 2 * SPLINE_MARGIN;
  // where each extended row reads from
  const rowIndex = new Int32Array(rows);
  const rowSign = new Float64Array(rows);
  const rowA = new Float64Array(rows);
  const rowB = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const e = reflectedIndex(r - SPLINE_MARGIN, n);
    rowIndex[r] = e.index;
    rowSign[r] = e.sign;
    rowA[r] = e.a;
    rowB[r] = e.b;
  }
  // taps and cubic B-spline weights per output position
  const tap = new Int32Array(m);
  const weights = new Float64Array(4 * m);
  for (let j = 0; j < m; j++) {
    const x = coords[j];
    const f = Math.floor(x);
    const t = x - f;
    const u = 1 - t;
    tap[j] = f - 1 + SPLINE_MARGIN;
    weights[4 * j] = (u * u * u) / 6;
    weights[4 * j + 1] = (4 - 6 * t * t + 3 * t * t * t) / 6;
    weights[4 * j + 2] = (1 + 3 * t + 3 * t * t - 3 * t * t * t) / 6;
    weights[4 * j + 3] = (t * t * t) / 6;
  }
  const columns = Math.max(1, Math.min(inner, Math.floor(CUBIC_BLOCK_VALUES / rows)));
  const buffer = new Float64Array(rows * columns);
  for (let o = 0; o < outer; o++) {
    const srcBase = o * n * inner;
    const outBase = o * m * inner;
    for (let c0 = 0; c0 < inner; c0 += columns) {
      const cols = Math.min(columns, inner - c0);
      const first = srcBase + c0;
      const lastRow = first + (n - 1) * inner;
      for (let r = 0; r < rows; r++) {
        const from = first + rowIndex[r] * inner;
        const sign = rowSign[r];
        const a = rowA[r];
        const b = rowB[r];
        const row = r * cols;
        if (a === 0 && b === 0 && sign === 1) {
          for (let c = 0; c < cols; c++) buffer[row + c] = src[from + c];
        } else {
          for (let c = 0; c < cols; c++) {
            buffer[row + c] = sign * src[from + c] + a * src[first + c] + b * src[lastRow + c];
          }
        }
      }
      cubicSplineCoefficients(buffer, rows, cols);
      for (let j = 0; j < m; j++) {
        const r0 = tap[j] * cols;
        const w0 = weights[4 * j];
        const w1 = weights[4 * j + 1];
        const w2 = weights[4 * j + 2];
        const w3 = weights[4 * j + 3];
        const dst = outBase + j * inner + c0;
        for (let c = 0; c < cols; c++) {
          const r = r0 + c;
          out[dst + c] =
            w0 * buffer[r] + w1 * buffer[r + cols] + w2 * buffer[r + 2 * cols] + w3 * buffer[r + 3 * cols];
        }
      }
    }
  }
}
