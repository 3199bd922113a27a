import type { tf } from '@nnunet-ts/tf-backend';
import { evaluateCase } from '@nnunet-ts/losses-metrics';
import { slidingWindowInference, tfjsWindowPredictor } from '@nnunet-ts/sliding-window';
import type { InferenceOptions } from '@nnunet-ts/inference';

/** A whole preprocessed case: channels-last image `[...shape, channels]` and its label map. */
export interface ValidationCase {
  id: string;
  image: Float32Array;
  label: ArrayLike<number>;
  shape: readonly number[];
  channels: number;
}

export interface ValidationOptions extends InferenceOptions {
  /** the model's patch: 3 axes for a 3D model, 2 for a 2D model run slice by slice */
  patchSize: readonly number[];
  classes: number;
  /**
   * Data parallelism: each rank is given its share of the cases, and the per-class Dice sums and
   * case counts are added up over the ranks with this before the means are taken.
   */
  allreduceSum?: (values: Float32Array) => Promise<Float32Array>;
}

export interface ValidationResult {
  /** mean Dice per foreground class over the cases (index 0 is class 1) */
  perClass: number[];
  /** mean over foreground classes: what the best checkpoint is chosen by */
  meanForeground: number;
  cases: number;
}

/**
 * Full sliding-window Dice on validation cases, as the seed evaluates during training: argmax of
 * the blended logits against the label, per class; a class absent from both counts as 1.
 */
export async function validationDice(
  model: tf.LayersModel,
  cases: AsyncIterable<ValidationCase> | Iterable<ValidationCase>,
  options: ValidationOptions,
): Promise<ValidationResult> {
  const { patchSize, classes } = options;
  const foreground = Array.from({ length: classes - 1 }, (_, i) => i + 1);
  const sums = new Float64Array(classes - 1);
  let count = 0;
  for await (const validationCase of cases) {
    const logits = await slidingWindowInference(
      validationCase.image,
      validationCase.shape,
      tfjsWindowPredictor(model, patchSize, validationCase.channels),
      {
        patchSize,
        inChannels: validationCase.channels,
        outChannels: classes,
        overlap: options.overlap,
        blend: options.blend,
        tta: options.tta,
        batchSize: options.batchSize,
      },
    );
    const prediction = argmaxChannels(logits, classes);
    const metrics = evaluateCase(prediction, validationCase.label, { classes: foreground, empty: 'one' });
    foreground.forEach((c, i) => (sums[i]! += metrics[String(c)]!.Dice));
    count++;
  }
  let totals: ArrayLike<number> = sums;
  if (options.allreduceSum) {
    const shared = await options.allreduceSum(Float32Array.of(...sums, count));
    count = shared[shared.length - 1]!;
    totals = shared.subarray(0, -1);
  }
  if (count === 0) throw new Error('validation needs at least one case');
  const perClass = Array.from(totals, (s) => s / count);
  return { perClass, meanForeground: perClass.reduce((a, b) => a + b, 0) / perClass.length, cases: count };
}

/** Index of the largest value of each voxel's channel vector (first one on ties). */
export function argmaxChannels(values: Float32Array, channels: number): Uint8Array {
  const out = new Uint8Array(values.length / channels);
  for (let v = 0; v < out.length; v++) {
    let best = 0;
    for (let c = 1; c < channels; c++) if (values[v * channels + c]! > values[v * channels + best]!) best = c;
    out[v] = best;
  }
  return out;
}
