import type { Random } from './random';
import { createSample, type Sample } from './Sample';
import { channelStats } from './internal/channelStats';
import { checkProbability } from './internal/checks';
import { checkFactorRange, drawFactor, type FactorDraw } from './internal/drawFactor';

export interface ContrastOptions {
  /** Probability of applying (default 0.15; nnU-Net v2 also 0.15). */
  p?: number;
  /** Range of the contrast factor (default [0.65, 1.5]; nnU-Net v2: [0.75, 1.25]). */
  factor?: readonly [number, number];
  /** How the factor is drawn (default 'uniform'; nnU-Net v2: 'aroundOne'). */
  draw?: FactorDraw;
  /** Scale around 0 (the seed: x·m) or around the mean (nnU-Net v2: (x − mean)·m + mean). Default 'zero'. */
  around?: 'zero' | 'mean';
  /** One factor, mean and range per channel instead of the whole image's (default false; nnU-Net v2: true). */
  perChannel?: boolean;
}

/** Contrast change, clamped to the original [min, max] (of each channel, or of the whole image). */
export function contrast(sample: Sample, random: Random, options: ContrastOptions = {}): Sample {
  const { p = 0.15, factor = [0.65, 1.5], draw = 'uniform', around = 'zero', perChannel = false } = options;
  checkProbability('contrast: p', p);
  checkFactorRange('contrast: factor', factor, draw);
  if (around !== 'zero' && around !== 'mean') {
    throw new RangeError(`contrast: around must be 'zero' or 'mean', got ${JSON.stringify(around)}`);
  }
  createSample(sample, 'contrast: sample');
  if (!random.chance(p)) return sample;
  const C = sample.channels;
  const image = new Float32Array(sample.image.length);
  const groups = perChannel ? C : 1;
  for (let g = 0; g < groups; g++) {
    const m = drawFactor(random, factor, draw);
    const stats = channelStats(sample.image, C, perChannel ? g : -1);
    const center = around === 'mean' ? stats.mean : 0;
    for (let i = perChannel ? g : 0; i < image.length; i += perChannel ? C : 1) {
      const v = (sample.image[i] - center) * m + center;
      image[i] = v < stats.min ? stats.min : v > stats.max ? stats.max : v;
    }
  }
  return { ...sample, image };
}
