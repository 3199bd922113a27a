import { DEFAULT_OVERSAMPLING, type Augment, type PipelineConfig } from './Augment';
import { brightness } from './brightness';
import { contrast } from './contrast';
import { flip } from './flip';
import { gamma } from './gamma';
import { gaussianBlur } from './gaussianBlur';
import { gaussianNoise } from './gaussianNoise';
import { checkShape, createSample, type Shape3, type SpatialDims } from './Sample';
import { simulateLowResolution } from './simulateLowResolution';
import { spatialTransform } from './spatialTransform';
import { checkProbability } from './internal/checks';
import { cropStart } from './internal/cropStart';
import { spatialAxes } from './internal/spatialAxes';

/**
 * nnU-Net v2's training transforms (`--augment nnunet`), in its order: spatial transform (rotation and
 * scaling, p 0.2 each), Gaussian noise (p 0.1, σ U(0, 0.1)), blur (p 0.2, σ U(0.5, 1) per channel and axis,
 * each channel p 0.5), brightness (p 0.15, ×[0.75, 1.25] per channel), contrast (p 0.15, [0.75, 1.25]
 * around the mean, range kept), low resolution (p 0.25, U(0.5, 1), each channel p 0.5), inverted gamma
 * (p 0.1) and gamma (p 0.3), both U(0.7, 1.5) with stats kept, then mirroring (p 0.5 per axis).
 * The crop centre comes from the seed's foreground-biased crop, and the spatial transform samples the
 * patch straight from the case around it (nnU-Net crops an enlarged patch first; same result, less copying).
 */
export function nnunetPipeline(config: PipelineConfig): Augment {
  const { patch, dims = 3, oversampling = DEFAULT_OVERSAMPLING } = config;
  checkShape('nnunetPipeline: patch', patch);
  checkProbability('nnunetPipeline: oversampling', oversampling);
  const axes = spatialAxes(dims);
  const { inPlane, rotationDegrees } = nnunetRotation(patch, dims);
  const lowResAxes = inPlane ? [1, 2] : [0, 1, 2];
  return (sample, random, crop) => {
    createSample(sample, 'nnunetPipeline: sample');
    const start = cropStart('nnunetPipeline', sample, patch, random.fork(0), oversampling, crop);
    let s = spatialTransform(sample, random.fork(1), { patch, start, inPlane, rotationDegrees });
    s = gaussianNoise(s, random.fork(2), { p: 0.1, sigma: [0, 0.1] });
    s = gaussianBlur(s, random.fork(3), {
      p: 0.2,
      sigma: [0.5, 1],
      axes,
      pPerChannel: 0.5,
      independentChannels: true,
      independentAxes: true,
    });
    const aroundOne = { p: 0.15, factor: [0.75, 1.25], draw: 'aroundOne', perChannel: true } as const;
    s = brightness(s, random.fork(4), aroundOne);
    s = contrast(s, random.fork(5), { ...aroundOne, around: 'mean' });
    s = simulateLowResolution(s, random.fork(6), {
      p: 0.25,
      scale: [0.5, 1],
      pPerChannel: 0.5,
      axes: lowResAxes,
    });
    s = gamma(s, random.fork(7), { p: 0.1, invert: true });
    s = gamma(s, random.fork(8), { p: 0.3 });
    return flip(s, random.fork(9), { axes });
  };
}

/**
 * nnU-Net v2's rotation rule (`configure_rotation_dummyDA_mirroring_and_inital_patch_size`): 2D ±180°, or
 * ±15° when the patch's aspect ratio exceeds 1.5; 3D ±30°, or "dummy 2D" (in-plane ±180°) when
 * max(patch) / patch[0] > 3.
 */
export function nnunetRotation(
  patch: Shape3,
  dims: SpatialDims,
): { inPlane: boolean; rotationDegrees: [number, number] } {
  if (dims === 2) {
    const aspect = Math.max(patch[1], patch[2]) / Math.min(patch[1], patch[2]);
    return { inPlane: true, rotationDegrees: aspect > 1.5 ? [-15, 15] : [-180, 180] };
  }
  const dummy2d = Math.max(...patch) / patch[0] > 3;
  return { inPlane: dummy2d, rotationDegrees: dummy2d ? [-180, 180] : [-30, 30] };
}
