import { tf } from '@nnunet-ts/tf-backend';
import type { BenchmarkStep } from './BenchmarkStep';
import type { SyntheticBatch } from './syntheticBatch';

/** The seed's predict benchmark: a plain forward pass on the patch batch (no sliding window, no TTA). */
export function predictStep(model: tf.LayersModel, batch: SyntheticBatch): BenchmarkStep {
  return {
    async run() {
      const output = tf.tidy(() => {
        const outputs = model.apply(batch.image, { training: false }) as tf.Tensor | tf.Tensor[];
        return Array.isArray(outputs) ? outputs[0]! : outputs;
      });
      // reading the logits waits for the forward pass to finish on any backend
      await output.data();
      output.dispose();
    },
    dispose: () => undefined,
  };
}
