import { preprocessCase, restoreLabel, type ConfigurationPlan } from '@nnunet-ts/preprocessing';
import { slidingWindowInference, type WindowPredictor } from '@nnunet-ts/sliding-window';
import type { Volume } from '@nnunet-ts/volume';
import { argmaxChannels } from './argmaxChannels';

export interface SegmentVolumeOptions {
  /** the plan the model was trained with (`readModelPlan`) */
  plan: ConfigurationPlan;
  predict: WindowPredictor;
  /** classes the model outputs, background included */
  classes: number;
  /** the image's file name, for error messages */
  name?: string;
  /** neighbouring windows' shared fraction (default 0.5) */
  overlap?: number;
  batchSize?: number;
  tta?: boolean;
  onProgress?: (windowsDone: number, windowsTotal: number) => void;
}

/**
 * Segments an image in any JavaScript runtime: the plan's preprocessing (packages/preprocessing:
 * crop to the nonzero box, resample to the plan's spacing, normalize), blended sliding-window
 * inference, argmax, and back onto the image's grid (`restoreLabel`). The page's web worker passes a
 * tfjs WebGL predictor; a Node caller `tfjsWindowPredictor`.
 */
export async function segmentVolume(
  image: Volume<'float32'>,
  options: SegmentVolumeOptions,
): Promise<Volume<'uint8'>> {
  const { plan, predict, classes, name = 'image' } = options;
  const { image: input, meta } = preprocessCase({ id: name, image, source: { images: [name] } }, plan, {
    configuration: `${plan.dim}d`,
    mode: 'test',
    planHash: '',
  });
  const logits = await slidingWindowInference(input, meta.shape, predict, {
    patchSize: plan.patchSize,
    inChannels: meta.channels,
    outChannels: classes,
    ...(options.overlap !== undefined && { overlap: options.overlap }),
    ...(options.batchSize !== undefined && { batchSize: options.batchSize }),
    ...(options.tta !== undefined && { tta: options.tta }),
    ...(options.onProgress && { onProgress: options.onProgress }),
  });
  // the labels are a Uint8Array, so the restored volume holds one too
  return restoreLabel(meta, argmaxChannels(logits, classes)) as Volume<'uint8'>;
}
