import type { Shape3 } from '../Sample';
import { cubicWeights } from './cubicWeights';

/** `nearest` is PyTorch's 'nearest-exact' (and DALI's INTERP_NN); `linear` is align_corners=False. */
export type ResizeKernel = 'nearest' | 'linear' | 'cubic';

/** For each output index: `count` source indices (clamped to the axis) and their weights. */
export interface Taps {
  readonly count: number;
  readonly index: Int32Array;
  readonly weight: Float64Array;
}

/**
 * Taps for resampling an axis of length n to length m with half-pixel centres: output o samples the
 * source at x = (o + 0.5) n / m - 0.5. Samples beyond the ends repeat the edge (as PyTorch's
 * interpolate and DALI's resize do).
 */
export function resizeTaps(n: number, m: number, kernel: ResizeKernel): Taps {
  const count = kernel === 'nearest' ? 1 : kernel === 'linear' ? 2 : 4;
  const index = new Int32Array(m * count);
  const weight = new Float64Array(m * count);
  const scale = n / m;
  const w4 = new Float64Array(4);
  for (let o = 0; o < m; o++) {
    const at = o * count;
    if (kernel === 'nearest') {
      index[at] = Math.min(n - 1, Math.floor((o + 0.5) * scale));
      weight[at] = 1;
      continue;
    }
    const x = (o + 0.5) * scale - 0.5;
    const i = Math.floor(x);
    const t = x - i;
    if (kernel === 'linear') {
      index[at] = clamp(i, n);
      index[at + 1] = clamp(i + 1, n);
      weight[at] = 1 - t;
      weight[at + 1] = t;
    } else {
      cubicWeights(t, w4);
      for (let k = 0; k < 4; k++) {
        index[at + k] = clamp(i - 1 + k, n);
        weight[at + k] = w4[k];
      }
    }
  }
  return { count, index, weight };
}

function clamp(i: number, n: number): number {
  return i < 0 ? 0 : i >= n ? n - 1 : i;
}

/** Elements accumulated per block: large enough that short rows (the last axis: just the channels) batch up. */
const BLOCK = 1 << 14;

/**
 * Resamples axis 1 of an [outer, n, inner] array to length m. Runs over contiguous `inner` rows, so the
 * same code serves every axis of a channels-last volume. Weighted sums are accumulated in float64.
 */
export function resizeAxis<T extends Float32Array | Uint8Array>(
  src: T,
  outer: number,
  n: number,
  inner: number,
  m: number,
  kernel: ResizeKernel,
): T {
  const out = new (src.constructor as new (length: number) => T)(outer * m * inner);
  const taps = resizeTaps(n, m, kernel);
  if (taps.count === 1) {
    for (let o = 0; o < outer; o++) {
      for (let j = 0; j < m; j++) {
        const from = (o * n + taps.index[j]) * inner;
        out.set(src.subarray(from, from + inner), (o * m + j) * inner);
      }
    }
    return out;
  }
  if (src instanceof Uint8Array) throw new TypeError(`resizeAxis: '${kernel}' needs float data`);
  const rows = Math.max(1, Math.min(m, Math.floor(BLOCK / inner)));
  const acc = new Float64Array(rows * inner);
  const { count, index, weight } = taps;
  for (let o = 0; o < outer; o++) {
    for (let j0 = 0; j0 < m; j0 += rows) {
      const j1 = Math.min(m, j0 + rows);
      acc.fill(0, 0, (j1 - j0) * inner);
      for (let j = j0; j < j1; j++) {
        const to = (j - j0) * inner;
        for (let k = 0; k < count; k++) {
          const w = weight[j * count + k];
          if (w === 0) continue;
          const from = (o * n + index[j * count + k]) * inner;
          for (let i = 0; i < inner; i++) acc[to + i] += w * src[from + i];
        }
      }
      out.set(acc.subarray(0, (j1 - j0) * inner), (o * m + j0) * inner);
    }
  }
  return out;
}

/**
 * Resizes a [D, H, W, C] volume (C = `channels`; 1 for labels) to `to`, one axis at a time. Returns the
 * input itself when the shape does not change.
 */
export function resizeVolume<T extends Float32Array | Uint8Array>(
  data: T,
  shape: Shape3,
  channels: number,
  to: Shape3,
  kernel: ResizeKernel,
): T {
  let out = data;
  const [D, H, W] = shape;
  if (to[0] !== D) out = resizeAxis(out, 1, D, H * W * channels, to[0], kernel);
  if (to[1] !== H) out = resizeAxis(out, to[0], H, W * channels, to[1], kernel);
  if (to[2] !== W) out = resizeAxis(out, to[0] * to[1], W, channels, to[2], kernel);
  return out;
}
