import { tf } from '@nnunet-ts/tf-backend';
import type { WindowPredictor } from './slidingWindowInference';

/**
 * Adapts a tfjs model to a `WindowPredictor`: windows go in as `[count, ...patch, channels]`, the
 * first output (the full-resolution one, when the model has deep-supervision heads) comes out.
 */
export function tfjsWindowPredictor(
  model: tf.LayersModel,
  patchSize: readonly number[],
  inChannels: number,
): WindowPredictor {
  return async (windows, count) => {
    const output = tf.tidy(() => {
      const x = tf.tensor(windows, [count, ...patchSize, inChannels]);
      const y = model.predict(x);
      return Array.isArray(y) ? y[0]! : y;
    });
    try {
      return (await output.data()) as Float32Array;
    } finally {
      output.dispose();
    }
  };
}
