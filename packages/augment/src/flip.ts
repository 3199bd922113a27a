import type { Random } from './random';
import { createSample, type Sample } from './Sample';
import { checkProbability } from './internal/checks';
import { checkSpatialAxes } from './internal/spatialAxes';

export interface FlipOptions {
  /** Probability of flipping each axis, drawn independently (default 0.5). */
  p?: number;
  /** Axes that may flip (default [0, 1, 2]; [1, 2] for 2D slabs, as the seed). */
  axes?: readonly number[];
}

/** Random mirroring: each allowed axis is reversed with probability p (image and label together). */
export function flip(sample: Sample, random: Random, options: FlipOptions = {}): Sample {
  const { p = 0.5, axes = [0, 1, 2] } = options;
  checkProbability('flip: p', p);
  const chosen = checkSpatialAxes('flip: axes', axes).filter(() => random.chance(p));
  return chosen.length === 0 ? createSample(sample, 'flip: sample') : mirror(sample, chosen);
}

/** Reverses the given axes of image and label; applying it twice gives the input back. */
export function mirror(sample: Sample, axes: readonly number[]): Sample {
  createSample(sample, 'mirror: sample');
  const set = new Set(checkSpatialAxes('mirror: axes', axes));
  const [D, H, W] = sample.shape;
  const C = sample.channels;
  const image = new Float32Array(sample.image.length);
  const label = new Uint8Array(sample.label.length);
  const fw = set.has(2);
  for (let d = 0; d < D; d++) {
    const sd = set.has(0) ? D - 1 - d : d;
    for (let h = 0; h < H; h++) {
      const sh = set.has(1) ? H - 1 - h : h;
      const src = (sd * H + sh) * W;
      const dst = (d * H + h) * W;
      if (!fw) {
        label.set(sample.label.subarray(src, src + W), dst);
        image.set(sample.image.subarray(src * C, (src + W) * C), dst * C);
        continue;
      }
      for (let w = 0; w < W; w++) {
        const s = src + W - 1 - w;
        label[dst + w] = sample.label[s];
        for (let c = 0; c < C; c++) image[(dst + w) * C + c] = sample.image[s * C + c];
      }
    }
  }
  return { image, label, shape: sample.shape, channels: C };
}
