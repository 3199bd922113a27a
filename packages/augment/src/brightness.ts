import type { Random } from './random';
import { createSample, type Sample } from './Sample';
import { checkProbability } from './internal/checks';
import { checkFactorRange, drawFactor, type FactorDraw } from './internal/drawFactor';

export interface BrightnessOptions {
  /** Probability of applying (default 0.15; nnU-Net v2 also 0.15). */
  p?: number;
  /** Range of the multiplier (default [0.7, 1.3]; nnU-Net v2: [0.75, 1.25]). */
  factor?: readonly [number, number];
  /** How the multiplier is drawn (default 'uniform'; nnU-Net v2: 'aroundOne'). */
  draw?: FactorDraw;
  /** One multiplier per channel instead of one for the whole image (default false; nnU-Net v2: true). */
  perChannel?: boolean;
}

/** Multiplicative brightness: image × m. */
export function brightness(sample: Sample, random: Random, options: BrightnessOptions = {}): Sample {
  const { p = 0.15, factor = [0.7, 1.3], draw = 'uniform', perChannel = false } = options;
  checkProbability('brightness: p', p);
  checkFactorRange('brightness: factor', factor, draw);
  createSample(sample, 'brightness: sample');
  if (!random.chance(p)) return sample;
  const C = sample.channels;
  const m = new Float64Array(C);
  m.fill(drawFactor(random, factor, draw));
  if (perChannel) for (let c = 1; c < C; c++) m[c] = drawFactor(random, factor, draw);
  const image = new Float32Array(sample.image.length);
  for (let i = 0; i < image.length; i += C) {
    for (let c = 0; c < C; c++) image[i + c] = sample.image[i + c] * m[c];
  }
  return { ...sample, image };
}
