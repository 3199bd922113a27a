/**
 * Convolves axis 1 of an [outer, n, inner] channels-last array with one kernel per channel
 * (`weights[(k + radius) * channels + c]`, k in -radius..radius), channel = position in `inner` modulo
 * `channels`. The border mirrors without repeating the edge sample (OpenCV/DALI "reflect 101", PyTorch
 * "reflect"). Sums are accumulated in float64.
 */
export function convolveAxis(
  src: Float32Array,
  outer: number,
  n: number,
  inner: number,
  channels: number,
  weights: Float64Array,
  radius: number,
): Float32Array {
  const out = new Float32Array(src.length);
  const acc = new Float64Array(inner);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < n; j++) {
      acc.fill(0);
      for (let k = -radius; k <= radius; k++) {
        const from = (o * n + reflect101(j + k, n)) * inner;
        const w = (k + radius) * channels;
        for (let i = 0; i < inner; i += channels) {
          for (let c = 0; c < channels; c++) acc[i + c] += weights[w + c] * src[from + i + c];
        }
      }
      out.set(acc, (o * n + j) * inner);
    }
  }
  return out;
}

/** Index i mirrored into [0, n) about the end samples; repeats for kernels wider than the axis. */
export function reflect101(i: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * (n - 1);
  let m = i % period;
  if (m < 0) m += period;
  return m < n ? m : period - m;
}
