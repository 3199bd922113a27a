import { tf } from '@nnunet-ts/tf-backend';

export interface DiceCrossEntropyOptions {
  /** number of classes, background included; the last axis of the logits */
  classes: number;
  /** Dice over all voxels of the batch at once (seed default true), else per sample then averaged */
  batchReduction?: boolean;
  /** keep the background class in the Dice term (seed default false) */
  includeBackground?: boolean;
  /** smoothing of the Dice ratio (seed: 1e-6) */
  epsilon?: number;
}

/**
 * The seed's loss: soft Dice on the softmax plus the mean softmax cross-entropy, weighted 1:1.
 * `logits` are channels-last `[N, ...spatial, C]`; `labels` are integer class maps `[N, ...spatial]`
 * (any numeric dtype). Returns a scalar.
 */
export function diceCrossEntropyLoss(
  labels: tf.Tensor,
  logits: tf.Tensor,
  { classes, batchReduction = true, includeBackground = false, epsilon = 1e-6 }: DiceCrossEntropyOptions,
): tf.Scalar {
  if (logits.shape[logits.rank - 1] !== classes) {
    throw new Error(`logits have ${logits.shape[logits.rank - 1]} channels, expected ${classes} classes`);
  }
  if (labels.rank !== logits.rank - 1 || labels.shape.some((size, axis) => size !== logits.shape[axis])) {
    throw new Error(
      `labels of shape [${labels.shape.join(', ')}] do not match logits of shape [${logits.shape.join(', ')}]`,
    );
  }
  return tf.tidy(() => {
    const oneHot = tf.oneHot(tf.cast(labels, 'int32').flatten(), classes).reshape(logits.shape).toFloat();
    const probabilities = tf.softmax(logits);
    const batch = logits.shape[0]!;
    // [N, voxels, C] so that the Dice sums run over voxels (and the batch, with batch reduction)
    const p = probabilities.reshape([batch, -1, classes]);
    const y = oneHot.reshape([batch, -1, classes]);
    const sumAxes = batchReduction ? [0, 1] : [1];
    const intersection = tf.sum(tf.mul(p, y), sumAxes);
    const denominator = tf.add(tf.sum(p, sumAxes), tf.sum(y, sumAxes));
    const dice = tf.div(tf.add(tf.mul(intersection, 2), epsilon), tf.add(denominator, epsilon));
    const scored = includeBackground ? dice : dice.slice([...Array(dice.rank - 1).fill(0), 1]);
    const diceLoss = tf.mean(tf.sub(1, scored));
    const crossEntropy = tf.losses.softmaxCrossEntropy(oneHot, logits);
    return tf.add(diceLoss, crossEntropy) as tf.Scalar;
  });
}
