import { checkShape, createSample, type Sample, type Shape3 } from './Sample';

/**
 * Copies the box [start, start + patch) out of a sample. The box may reach outside the sample (start can
 * be negative): voxels outside are 0 in the image and background (0) in the label, like DALI's
 * `out_of_bounds_policy="pad"`.
 */
export function extractPatch(sample: Sample, start: readonly number[], patch: Shape3): Sample {
  createSample(sample);
  checkShape('extractPatch: patch', patch);
  if (start.length !== 3 || !start.every(Number.isInteger)) {
    throw new RangeError(`extractPatch: start must be three integers, got ${JSON.stringify(start)}`);
  }
  const [D, H, W] = sample.shape;
  const [pd, ph, pw] = patch;
  const C = sample.channels;
  const image = new Float32Array(pd * ph * pw * C);
  const label = new Uint8Array(pd * ph * pw);
  // The part of each output row that lies inside the sample.
  const w0 = Math.max(0, -start[2]);
  const w1 = Math.min(pw, W - start[2]);
  if (w1 <= w0) return { image, label, shape: [pd, ph, pw], channels: C };
  for (let d = 0; d < pd; d++) {
    const sd = start[0] + d;
    if (sd < 0 || sd >= D) continue;
    for (let h = 0; h < ph; h++) {
      const sh = start[1] + h;
      if (sh < 0 || sh >= H) continue;
      const src = (sd * H + sh) * W + start[2];
      const dst = (d * ph + h) * pw;
      label.set(sample.label.subarray(src + w0, src + w1), dst + w0);
      image.set(sample.image.subarray((src + w0) * C, (src + w1) * C), (dst + w0) * C);
    }
  }
  return { image, label, shape: [pd, ph, pw], channels: C };
}
