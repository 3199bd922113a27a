import { tf } from '@nnunet-ts/tf-backend';

/**
 * The seed's L2 penalty: `decay · Σ sum(v²) / 2` over the trainable variables whose name does not
 * contain "norm" (normalisation scales and offsets are not decayed).
 */
export function l2WeightDecay(variables: readonly tf.Variable[], decay: number): tf.Scalar {
  return tf.tidy(() => {
    const decayed = variables.filter((v) => v.trainable && !/norm/i.test(v.name));
    if (decay === 0 || decayed.length === 0) return tf.scalar(0);
    const squares = tf.addN(decayed.map((v) => tf.sum(tf.square(v))));
    return tf.mul(squares, decay / 2) as tf.Scalar;
  });
}
