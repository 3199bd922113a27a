import { deepSupervisionLoss, l2WeightDecay } from '@nnunet-ts/losses-metrics';
import { tf } from '@nnunet-ts/tf-backend';
import type { BenchmarkStep } from './BenchmarkStep';
import type { SyntheticBatch } from './syntheticBatch';

/** The seed's defaults: Adam at 3e-4, L2 weight decay 1e-4 on non-norm weights. */
const LEARNING_RATE = 3e-4;
const WEIGHT_DECAY = 1e-4;

/**
 * The seed's training step on one batch: forward in training mode, Dice + cross-entropy over
 * every output (deep-supervision heads included) plus weight decay, gradients, Adam update.
 */
export function trainStep(model: tf.LayersModel, batch: SyntheticBatch, classes: number): BenchmarkStep {
  const optimizer = tf.train.adam(LEARNING_RATE);
  const variables = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
  return {
    async run() {
      const loss = optimizer.minimize(
        () => {
          const outputs = model.apply(batch.image, { training: true }) as tf.Tensor | tf.Tensor[];
          const heads = Array.isArray(outputs) ? outputs : [outputs];
          const segmentation = deepSupervisionLoss(batch.label, heads, { classes });
          return tf.add(segmentation, l2WeightDecay(variables, WEIGHT_DECAY)) as tf.Scalar;
        },
        true,
        variables,
      )!;
      // reading the loss waits for the whole step, as the seed's float(loss) does
      await loss.data();
      loss.dispose();
    },
    dispose: () => optimizer.dispose(),
  };
}
