import { configurationHash } from '@nnunet-ts/preprocessing';
import {
  slidingWindowInference,
  tfjsWindowPredictor,
  type SlidingWindowOptions,
} from '@nnunet-ts/sliding-window';
import { loadUNet } from '@nnunet-ts/unet-model';
import type { ModelPlan } from './ModelPlan';

/** How the sliding windows of a prediction run (as `slidingWindowInference` takes them). */
export type InferenceOptions = Pick<SlidingWindowOptions, 'overlap' | 'blend' | 'tta' | 'batchSize'>;

/** One or more model folders of the same plan, predicting together (a fold ensemble). */
export interface ModelEnsemble {
  /** the plan of the first model (all share its configuration) */
  readonly plan: ModelPlan;
  /**
   * Softmax probabilities of a preprocessed case, channels-last `[...shape, classes]`, averaged over
   * the models; `image` is channels-last `[...shape, channels]`.
   */
  probabilities(
    image: Float32Array,
    shape: readonly number[],
    channels: number,
    onWindows?: (done: number, total: number) => void,
  ): Promise<Float32Array>;
  dispose(): void;
}

/** Loads model folders written by `train`; models trained with another plan than the first are refused. */
export async function loadModelEnsemble(
  folders: readonly string[],
  inference: InferenceOptions = {},
): Promise<ModelEnsemble> {
  if (folders.length === 0) throw new Error('predict needs at least one model folder');
  const loaded = await Promise.all(folders.map((folder) => loadUNet<ModelPlan>(folder)));
  const plan = loaded[0]!.plan;
  const mismatch = loaded.findIndex(
    (m) => configurationHash(m.plan.plan) !== configurationHash(plan.plan) || m.plan.classes !== plan.classes,
  );
  if (mismatch >= 0) {
    for (const { model } of loaded) model.dispose();
    throw new Error(
      `${folders[mismatch]} was trained with another plan than ${folders[0]}: they cannot be ensembled`,
    );
  }
  const { classes, plan: configuration } = plan;
  return {
    plan,
    async probabilities(image, shape, channels, onWindows) {
      const voxels = image.length / channels;
      const mean = new Float32Array(voxels * classes);
      for (const { model } of loaded) {
        const predictor = tfjsWindowPredictor(model, configuration.patchSize, channels);
        const logits = await slidingWindowInference(image, shape, predictor, {
          patchSize: configuration.patchSize,
          inChannels: channels,
          outChannels: classes,
          overlap: inference.overlap,
          blend: inference.blend,
          tta: inference.tta,
          batchSize: inference.batchSize,
          onProgress: onWindows,
        });
        softmaxInPlace(logits, classes);
        for (let i = 0; i < logits.length; i++) mean[i]! += logits[i]! / loaded.length;
      }
      return mean;
    },
    dispose() {
      for (const { model } of loaded) model.dispose();
    },
  };
}

/** Softmax over the last axis of channels-last logits, in place. */
function softmaxInPlace(values: Float32Array, channels: number): void {
  for (let v = 0; v < values.length; v += channels) {
    let max = -Infinity;
    for (let c = 0; c < channels; c++) max = Math.max(max, values[v + c]!);
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += values[v + c] = Math.exp(values[v + c]! - max);
    for (let c = 0; c < channels; c++) values[v + c]! /= sum;
  }
}
