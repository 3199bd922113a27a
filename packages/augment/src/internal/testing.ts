/** Helpers for the tests: binomial tolerances and small synthetic cases. */
import { expect } from 'vitest';
import type { Sample, Shape3 } from '../Sample';

export { sampleOf } from './sampleOf';

/**
 * Asserts that `count` successes in `n` trials fit probability p: |count − np| ≤ z·sqrt(np(1 − p)) + 1.
 * With z = 5 a correct implementation fails about once in 3.5 million runs.
 */
export function expectBinomial(count: number, n: number, p: number, z = 5): void {
  const tolerance = z * Math.sqrt(n * p * (1 - p)) + 1;
  expect(Math.abs(count - n * p), `${count} of ${n} for p = ${p}`).toBeLessThanOrEqual(tolerance);
}

/** Asserts that the mean of n draws of a distribution with this mean and variance fits, within z standard errors. */
export function expectMean(values: readonly number[], mean: number, variance: number, z = 5): void {
  const m = values.reduce((a, b) => a + b, 0) / values.length;
  expect(Math.abs(m - mean), `mean ${m} vs ${mean}`).toBeLessThanOrEqual(
    z * Math.sqrt(variance / values.length),
  );
}

/**
 * A sample with a ball of radius r at `center`: label 1 inside, and an image that is a smooth step
 * (1 inside, 0 outside, a linear ramp one voxel wide across the surface) in every channel, times (c + 1).
 */
export function ballSample(shape: Shape3, center: readonly number[], r: number, channels = 1): Sample {
  const [D, H, W] = shape;
  const image = new Float32Array(D * H * W * channels);
  const label = new Uint8Array(D * H * W);
  for (let d = 0, i = 0; d < D; d++) {
    for (let h = 0; h < H; h++) {
      for (let w = 0; w < W; w++, i++) {
        const dist = Math.hypot(d - center[0], h - center[1], w - center[2]);
        const v = Math.min(1, Math.max(0, r - dist + 0.5));
        label[i] = dist <= r ? 1 : 0;
        for (let c = 0; c < channels; c++) image[i * channels + c] = v * (c + 1);
      }
    }
  }
  return { image, label, shape, channels };
}

/** Dice overlap of two binary masks given as predicates over the same length. */
export function dice(a: ArrayLike<number>, b: ArrayLike<number>, fa = (v: number) => v > 0, fb = fa): number {
  let both = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = fa(a[i]);
    const y = fb(b[i]);
    if (x) na++;
    if (y) nb++;
    if (x && y) both++;
  }
  return na + nb === 0 ? 1 : (2 * both) / (na + nb);
}

/** Centroid [d, h, w] of the voxels where `inside(k)` holds (k = voxel index). */
export function centroid(shape: Shape3, inside: (k: number) => boolean): number[] {
  const [, H, W] = shape;
  const sum = [0, 0, 0];
  let n = 0;
  for (let k = 0; k < shape[0] * H * W; k++) {
    if (!inside(k)) continue;
    sum[0] += Math.floor(k / (H * W));
    sum[1] += Math.floor(k / W) % H;
    sum[2] += k % W;
    n++;
  }
  return sum.map((v) => v / n);
}
