import { tf } from '@nnunet-ts/tf-backend';
import { diceCrossEntropyLoss, type DiceCrossEntropyOptions } from './diceCrossEntropyLoss';
import { deepSupervisionWeights } from './deepSupervisionWeights';

export interface DeepSupervisionLossOptions extends DiceCrossEntropyOptions {
  /** NVIDIA's weights that sum to 0.933 instead of 1 */
  seedCompatibleWeights?: boolean;
}

/**
 * Weighted sum of the Dice + CE loss of every output, full resolution first. As in the seed, every
 * output is at full resolution (heads upsampled by the network), so all share the same labels.
 */
export function deepSupervisionLoss(
  labels: tf.Tensor,
  outputs: readonly tf.Tensor[],
  options: DeepSupervisionLossOptions,
): tf.Scalar {
  const weights = deepSupervisionWeights(outputs.length, { seedCompatible: options.seedCompatibleWeights });
  return tf.tidy(() =>
    tf.addN(outputs.map((logits, i) => tf.mul(diceCrossEntropyLoss(labels, logits, options), weights[i]!))),
  ) as tf.Scalar;
}
