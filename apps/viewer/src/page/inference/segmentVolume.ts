import { slidingWindowInference, type WindowPredictor } from '@nnunet-ts/sliding-window';
import type { Volume } from '@nnunet-ts/volume';
import { argmaxChannels } from './argmaxChannels';
import type { CasePreprocessor } from './CasePreprocessor';
import { gridPreprocessor } from './gridPreprocessor';
import type { ModelPlan } from './ModelPlan';

export interface SegmentVolumeOptions {
  plan: ModelPlan;
  predict: WindowPredictor;
  /** classes the model outputs, background included */
  classes: number;
  /** neighbouring windows' shared fraction (default 0.5) */
  overlap?: number;
  batchSize?: number;
  tta?: boolean;
  preprocess?: CasePreprocessor;
  onProgress?: (windowsDone: number, windowsTotal: number) => void;
}

/**
 * Segments an image the way `nnunet predict` does, in any JavaScript runtime: preprocessing (the
 * seam), blended sliding-window inference, argmax, and back to the image's grid. The browser passes
 * a tfjs WebGL predictor from a web worker; a Node caller `tfjsWindowPredictor`.
 */
export async function segmentVolume(image: Volume, options: SegmentVolumeOptions): Promise<Volume<'uint8'>> {
  const { plan, predict, classes, preprocess = gridPreprocessor } = options;
  const input = preprocess(image, plan);
  const logits = await slidingWindowInference(input.data, input.shape, predict, {
    patchSize: plan.patchSize,
    inChannels: input.channels,
    outChannels: classes,
    ...(options.overlap !== undefined && { overlap: options.overlap }),
    ...(options.batchSize !== undefined && { batchSize: options.batchSize }),
    ...(options.tta !== undefined && { tta: options.tta }),
    ...(options.onProgress && { onProgress: options.onProgress }),
  });
  return input.restore(argmaxChannels(logits, classes));
}
