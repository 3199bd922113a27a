import type { tf } from '@nnunet-ts/tf-backend';
import { adam, createTrainStep } from '@nnunet-ts/trainer';
import type { BenchmarkStep } from './BenchmarkStep';
import type { SyntheticBatch } from './syntheticBatch';

/** The seed's defaults: Adam at 3e-4, L2 weight decay 1e-4 on non-norm weights. */
const LEARNING_RATE = 3e-4;
const WEIGHT_DECAY = 1e-4;

/**
 * The trainer's training step on one batch (`createTrainStep`, the seed's step): forward in training
 * mode, Dice + cross-entropy over every output (deep-supervision heads included), gradients, Adam
 * with the weight decay folded into its update.
 */
export function trainStep(model: tf.LayersModel, batch: SyntheticBatch, classes: number): BenchmarkStep {
  const optimizer = adam();
  const step = createTrainStep({ model, optimizer, classes, weightDecay: WEIGHT_DECAY });
  // the trainer takes its batches as typed arrays, as its loader makes them
  const source = {
    image: batch.image.dataSync() as Float32Array,
    label: batch.label.dataSync() as Int32Array,
    shape: batch.label.shape,
    channels: batch.image.shape.at(-1)!,
  };
  return {
    run() {
      // the step reads its loss back, as the seed's float(loss) waits for the whole step
      step(source, LEARNING_RATE);
      return Promise.resolve();
    },
    dispose: () => optimizer.dispose(),
  };
}
