import type { Random } from './random';
import { createSample, type Sample } from './Sample';
import { checkProbability, checkRange } from './internal/checks';

export interface GaussianNoiseOptions {
  /** Probability of adding noise (default 0.15, the seed; nnU-Net v2: 0.1). */
  p?: number;
  /** Range of the noise standard deviation, drawn once for all channels (default [0, 0.3]; nnU-Net v2: [0, 0.1]). */
  sigma?: readonly [number, number];
}

/** Adds zero-mean Gaussian noise of a random standard deviation to every image value. */
export function gaussianNoise(sample: Sample, random: Random, options: GaussianNoiseOptions = {}): Sample {
  const { p = 0.15, sigma = [0, 0.3] } = options;
  checkProbability('gaussianNoise: p', p);
  checkRange('gaussianNoise: sigma', sigma, 0);
  createSample(sample, 'gaussianNoise: sample');
  if (!random.chance(p)) return sample;
  const s = random.uniform(sigma[0], sigma[1]);
  const image = new Float32Array(sample.image.length);
  for (let i = 0; i < image.length; i++) image[i] = sample.image[i] + s * random.normal();
  return { ...sample, image };
}
