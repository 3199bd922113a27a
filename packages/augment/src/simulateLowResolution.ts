import type { Random } from './random';
import { createSample, type Sample, type Shape3 } from './Sample';
import { checkPositiveRange, checkProbability } from './internal/checks';
import { resizeVolume } from './internal/resize';
import { checkSpatialAxes } from './internal/spatialAxes';

export interface SimulateLowResolutionOptions {
  /** Probability for the sample (default 0.25, nnU-Net v2). */
  p?: number;
  /** Range of the downsampling factor, drawn per channel and shared by its axes (default [0.5, 1]). */
  scale?: readonly [number, number];
  /** Probability for each channel once the sample is chosen (default 0.5). */
  pPerChannel?: number;
  /** Axes that are downsampled (default [0, 1, 2]; [1, 2] for 2D slabs and anisotropic "dummy 2D"). */
  axes?: readonly number[];
}

/**
 * nnU-Net v2's low-resolution simulation: per chosen channel, downsample to round(s·n) voxels along the
 * axes with nearest ('nearest-exact') and upsample back with (tri)linear interpolation.
 */
export function simulateLowResolution(
  sample: Sample,
  random: Random,
  options: SimulateLowResolutionOptions = {},
): Sample {
  const { p = 0.25, scale = [0.5, 1], pPerChannel = 0.5, axes = [0, 1, 2] } = options;
  checkProbability('simulateLowResolution: p', p);
  checkProbability('simulateLowResolution: pPerChannel', pPerChannel);
  checkPositiveRange('simulateLowResolution: scale', scale);
  const scaled = new Set(checkSpatialAxes('simulateLowResolution: axes', axes));
  createSample(sample, 'simulateLowResolution: sample');
  if (!random.chance(p)) return sample;
  const C = sample.channels;
  const chosen = Array.from({ length: C }, () => random.chance(pPerChannel));
  const factors = chosen.map((on) => (on ? random.uniform(scale[0], scale[1]) : 1));
  if (!chosen.some(Boolean)) return sample;
  const shape = sample.shape;
  const image = sample.image.slice();
  const plane = new Float32Array(image.length / C);
  factors.forEach((s, c) => {
    if (!chosen[c]) return;
    const size = (a: number) => (scaled.has(a) ? Math.max(1, Math.round(s * shape[a])) : shape[a]);
    const low: Shape3 = [size(0), size(1), size(2)];
    for (let i = 0, j = c; i < plane.length; i++, j += C) plane[i] = image[j];
    const down = resizeVolume(plane, shape, 1, low, 'nearest');
    const up = resizeVolume(down, low, 1, shape, 'linear');
    for (let i = 0, j = c; i < up.length; i++, j += C) image[j] = up[i];
  });
  return { ...sample, image };
}
