import { extractPatch } from './extractPatch';
import type { Random } from './random';
import { createSample, type Sample, type Shape3 } from './Sample';
import { checkPositiveRange, checkProbability } from './internal/checks';
import { resizeVolume } from './internal/resize';
import { checkSpatialAxes } from './internal/spatialAxes';

export interface ZoomOptions {
  /** Probability of zooming (default 0.15). */
  p?: number;
  /** Range of the crop fraction s (default [0.7, 1.0]): a centred s·shape crop is resized back. */
  scale?: readonly [number, number];
  /** Axes that are scaled (default [0, 1, 2]; [1, 2] for 2D slabs, whose depth is not scaled). */
  axes?: readonly number[];
}

/**
 * The seed's zoom-in: with probability p crop the centred box of round(s·n) voxels along each scaled
 * axis (s uniform in `scale`) and resize it back to the sample's shape, cubic (Catmull-Rom) for the image
 * and nearest for the label.
 */
export function zoom(sample: Sample, random: Random, options: ZoomOptions = {}): Sample {
  const { p = 0.15, scale = [0.7, 1.0], axes = [0, 1, 2] } = options;
  checkProbability('zoom: p', p);
  checkPositiveRange('zoom: scale', scale);
  if (scale[1] > 1)
    throw new RangeError(`zoom: scale must not exceed 1 (zoom-in only), got ${JSON.stringify(scale)}`);
  const scaled = new Set(checkSpatialAxes('zoom: axes', axes));
  createSample(sample, 'zoom: sample');
  if (!random.chance(p)) return sample;
  const s = random.uniform(scale[0], scale[1]);
  const shape = sample.shape;
  const size = (a: number) => (scaled.has(a) ? Math.max(1, Math.round(s * shape[a])) : shape[a]);
  const crop: Shape3 = [size(0), size(1), size(2)];
  const start = shape.map((n, a) => Math.floor((n - crop[a]) / 2));
  const cut = extractPatch(sample, start, crop);
  return {
    image: resizeVolume(cut.image, crop, sample.channels, shape, 'cubic'),
    label: resizeVolume(cut.label, crop, 1, shape, 'nearest'),
    shape,
    channels: sample.channels,
  };
}
