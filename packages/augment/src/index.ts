// @nnunet-ts/augment: seeded augmentations on typed arrays (pure TypeScript, no tfjs, browser-safe).
export { Random } from './random';
export { createSample, type Sample, type Shape3, type SpatialDims } from './Sample';
export { sampleFromVolumes } from './sampleFromVolumes';
export { labelObjects, type LabelObject, type LabelObjects, type LabelObjectsOptions } from './labelObjects';
export { chooseCropBox, type CropBox } from './chooseCropBox';
export { extractPatch } from './extractPatch';
export { foregroundCrop, type ForegroundCropOptions } from './foregroundCrop';
export { zoom, type ZoomOptions } from './zoom';
export { flip, mirror, type FlipOptions } from './flip';
export { gaussianNoise, type GaussianNoiseOptions } from './gaussianNoise';
export { gaussianBlur, type GaussianBlurOptions } from './gaussianBlur';
export { brightness, type BrightnessOptions } from './brightness';
export { contrast, type ContrastOptions } from './contrast';
export { gamma, type GammaOptions } from './gamma';
export { simulateLowResolution, type SimulateLowResolutionOptions } from './simulateLowResolution';
export { spatialTransform, type SpatialTransformOptions } from './spatialTransform';
export type { FactorDraw } from './internal/drawFactor';
export type { ImageOrder, LabelMode } from './internal/warp';
export {
  DEFAULT_OVERSAMPLING,
  type Augment,
  type AugmentName,
  type CropChoice,
  type PipelineConfig,
} from './Augment';
export { nvidiaPipeline } from './nvidiaPipeline';
export { nnunetPipeline } from './nnunetPipeline';
export { createPipeline } from './createPipeline';
