import { preprocessCase } from '@nnunet-ts/preprocessing';
import { slidingWindowInference, type WindowPredictor } from '@nnunet-ts/sliding-window';
import { tf } from '@nnunet-ts/tf-backend';
import { restorePrediction, type ModelPlan } from '@nnunet-ts/trainer';
import type { Volume } from '@nnunet-ts/volume';

export interface SegmentVolumeOptions {
  /** what the model was exported with (`readModelPlan`) */
  plan: ModelPlan;
  predict: WindowPredictor;
  /** the image's file name, for error messages */
  name?: string;
  /** neighbouring windows' shared fraction (default 0.5, as `nnunet predict`) */
  overlap?: number;
  batchSize?: number;
  tta?: boolean;
  onProgress?: (windowsDone: number, windowsTotal: number) => void;
}

/**
 * Segments an image in any JavaScript runtime the way `nnunet predict` does (packages/trainer), from
 * the same package functions: the plan's preprocessing (crop to the nonzero box, resample, normalize),
 * blended sliding-window inference, softmax, and `restorePrediction` (probabilities back onto the
 * image's grid, then argmax). The page's web worker passes a tfjs predictor on WebGL, wasm or cpu.
 */
export async function segmentVolume(
  image: Volume<'float32'>,
  options: SegmentVolumeOptions,
): Promise<Volume<'uint8'>> {
  const { plan, predict, name = 'image', ...windows } = options;
  const { image: input, meta } = preprocessCase({ id: name, image, source: { images: [name] } }, plan.plan, {
    configuration: plan.configuration,
    mode: 'test',
    // only recorded in the case metadata, which stays here; hashing would need node:crypto
    planHash: '',
  });
  const logits = await slidingWindowInference(input, meta.shape, predict, {
    patchSize: plan.plan.patchSize,
    inChannels: meta.channels,
    outChannels: plan.classes,
    // overlap, batchSize, tta and onProgress as given: sliding-window's defaults for those left out
    ...windows,
  });
  return restorePrediction(meta, softmax(logits, plan.classes), plan.classes);
}

/** Voxels per softmax block: whole volumes would outgrow WebGL's textures. */
const SOFTMAX_BLOCK_VOXELS = 1 << 20;

/** Softmax over the classes of channels-last logits, with tfjs, block by block. */
function softmax(logits: Float32Array, classes: number): Float32Array {
  const probabilities = new Float32Array(logits.length);
  const step = SOFTMAX_BLOCK_VOXELS * classes;
  for (let start = 0; start < logits.length; start += step) {
    const block = logits.subarray(start, Math.min(start + step, logits.length));
    const values = tf.tidy(() =>
      tf.softmax(tf.tensor2d(block, [block.length / classes, classes])).dataSync(),
    );
    probabilities.set(values, start);
  }
  return probabilities;
}
