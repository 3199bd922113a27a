import { tf } from '@nnunet-ts/tf-backend';

/** The seed decays trainable variables whose name does not contain "norm" (not the norm scales and offsets). */
const isDecayed = (variable: tf.Variable) => variable.trainable && !/norm/i.test(variable.name);

/**
 * The seed's L2 penalty: `decay · Σ sum(v²) / 2` over the trainable variables whose name does not
 * contain "norm" (normalisation scales and offsets are not decayed).
 */
export function l2WeightDecay(variables: readonly tf.Variable[], decay: number): tf.Scalar {
  return tf.tidy(() => {
    const decayed = variables.filter(isDecayed);
    if (decay === 0 || decayed.length === 0) return tf.scalar(0);
    const squares = tf.addN(decayed.map((v) => tf.sum(tf.square(v))));
    return tf.mul(squares, decay / 2) as tf.Scalar;
  });
}

/**
 * The gradient of `l2WeightDecay` is `coefficient · v` per variable: `decay` for the variables it
 * penalises, 0 for the others. An optimiser adds it in its update, outside the autograd graph.
 */
export function l2WeightDecayCoefficients(variables: readonly tf.Variable[], decay: number): number[] {
  return variables.map((v) => (isDecayed(v) ? decay : 0));
}
