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
  // Blocks of output rows share one accumulator, so short rows (the last axis) batch up.
  const rows = Math.max(1, Math.min(n, Math.floor(16384 / inner)));
  const acc = new Float64Array(rows * inner);
  const taps = 2 * radius + 1;
  // When every channel has the same kernel the inner loop needs one weight per tap.
  let shared = true;
  for (let t = 0; t < taps && shared; t++) {
    for (let c = 1; c < channels; c++)
      if (weights[t * channels + c] !== weights[t * channels]) shared = false;
  }
  const source = new Int32Array(n * taps);
  for (let j = 0; j < n; j++)
    for (let t = 0; t < taps; t++) source[j * taps + t] = reflect101(j + t - radius, n);
  for (let o = 0; o < outer; o++) {
    for (let j0 = 0; j0 < n; j0 += rows) {
      const j1 = Math.min(n, j0 + rows);
      acc.fill(0, 0, (j1 - j0) * inner);
      for (let j = j0; j < j1; j++) {
        const to = (j - j0) * inner;
        for (let t = 0; t < taps; t++) {
          const from = (o * n + source[j * taps + t]) * inner;
          const w = t * channels;
          if (shared) {
            const wk = weights[w];
            if (wk === 0) continue;
            for (let i = 0; i < inner; i++) acc[to + i] += wk * src[from + i];
          } else {
            for (let c = 0; c < channels; c++) {
              const wc = weights[w + c];
              if (wc === 0) continue;
              for (let i = c; i < inner; i += channels) acc[to + i] += wc * src[from + i];
            }
          }
        }
      }
      out.set(acc.subarray(0, (j1 - j0) * inner), (o * n + j0) * inner);
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
