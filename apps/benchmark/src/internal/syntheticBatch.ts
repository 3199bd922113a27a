import { tf } from '@nnunet-ts/tf-backend';

export interface SyntheticBatch {
  /** `[batch, ...patch, inChannels]`, standard normal, as a z-scored image */
  image: tf.Tensor;
  /** `[batch, ...patch]` int32 class indices, uniform over the classes */
  label: tf.Tensor;
}

/** A seeded random batch of channels-last patches: the timing does not depend on the values. */
export function syntheticBatch(options: {
  batchSize: number;
  patchSize: readonly number[];
  inChannels: number;
  classes: number;
  seed: number;
}): SyntheticBatch {
  const { batchSize, patchSize, inChannels, classes, seed } = options;
  const shape = [batchSize, ...patchSize];
  return {
    image: tf.randomNormal([...shape, inChannels], 0, 1, 'float32', seed),
    label: tf.randomUniform(shape, 0, classes, 'int32', seed + 1),
  };
}
