import type { Random } from './random';
import { createSample, type Sample } from './Sample';
import { checkProbability, checkPositiveRange } from './internal/checks';
import { convolveAxis } from './internal/convolveAxis';
import { gaussianKernel } from './internal/gaussianKernel';
import { checkSpatialAxes } from './internal/spatialAxes';

export interface GaussianBlurOptions {
  /** Probability of blurring the sample (default 0.15; nnU-Net v2: 0.2). */
  p?: number;
  /** Range of σ in voxels (default [0.5, 1.5]; nnU-Net v2: [0.5, 1]). */
  sigma?: readonly [number, number];
  /** Axes to blur (default [0, 1, 2]; [1, 2] for 2D slabs). */
  axes?: readonly number[];
  /** Probability of blurring each channel once the sample is chosen (default 1; nnU-Net v2: 0.5). */
  pPerChannel?: number;
  /** Draw σ per channel instead of once (default false; nnU-Net v2: true). */
  independentChannels?: boolean;
  /** Draw σ per axis instead of once (default false; nnU-Net v2: true). */
  independentAxes?: boolean;
  /** Kernel radius in σ: radius = ceil(truncate·σ) (default 3, DALI's window 2·ceil(3σ)+1). */
  truncate?: number;
}

/** Separable Gaussian smoothing of the image with a random σ (reflect-101 border). */
export function gaussianBlur(sample: Sample, random: Random, options: GaussianBlurOptions = {}): Sample {
  const {
    p = 0.15,
    sigma = [0.5, 1.5],
    axes = [0, 1, 2],
    pPerChannel = 1,
    independentChannels = false,
    independentAxes = false,
    truncate = 3,
  } = options;
  checkProbability('gaussianBlur: p', p);
  checkProbability('gaussianBlur: pPerChannel', pPerChannel);
  checkPositiveRange('gaussianBlur: sigma', sigma);
  checkSpatialAxes('gaussianBlur: axes', axes);
  if (!(Number.isFinite(truncate) && truncate > 0)) {
    throw new RangeError(`gaussianBlur: truncate must be a positive number, got ${truncate}`);
  }
  createSample(sample, 'gaussianBlur: sample');
  if (!random.chance(p)) return sample;
  const C = sample.channels;
  const drawSigmas = (): number[] => {
    const first = random.uniform(sigma[0], sigma[1]);
    return axes.map((_, i) => (i === 0 || !independentAxes ? first : random.uniform(sigma[0], sigma[1])));
  };
  // sigmas[c][axis index], or null for a channel left alone.
  const applied = Array.from({ length: C }, () => random.chance(pPerChannel));
  const shared = independentChannels ? null : drawSigmas();
  const sigmas = applied.map((on) => (on ? (shared ?? drawSigmas()) : null));
  if (sigmas.every((s) => s === null)) return sample;

  const [D, H, W] = sample.shape;
  const layout = [
    [1, D, H * W * C],
    [D, H, W * C],
    [D * H, W, C],
  ];
  let image = sample.image;
  axes.forEach((axis, ai) => {
    const kernels = sigmas.map((s) =>
      s === null ? null : gaussianKernel(s[ai], Math.ceil(truncate * s[ai])),
    );
    const radius = Math.max(...kernels.map((k) => (k === null ? 0 : (k.length - 1) / 2)));
    // Tap-major weights; a channel left alone gets the identity kernel.
    const weights = new Float64Array((2 * radius + 1) * C);
    kernels.forEach((k, c) => {
      if (k === null) weights[radius * C + c] = 1;
      else {
        const r = (k.length - 1) / 2;
        for (let t = -r; t <= r; t++) weights[(t + radius) * C + c] = k[t + r];
      }
    });
    const [outer, n, inner] = layout[axis];
    image = convolveAxis(image, outer, n, inner, C, weights, radius);
  });
  return { ...sample, image };
}
