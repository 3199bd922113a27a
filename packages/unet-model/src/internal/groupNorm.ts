import { tf } from '@nnunet-ts/tf-backend';
import { groupNormBackward, groupNormForward } from './groupNormArrays';

/** Backends whose tensors live in main memory, where typed-array loops beat composite tensor ops. */
const HOST_MEMORY_BACKENDS = new Set(['cpu', 'wasm', 'tensorflow']);

/**
 * Group normalisation of a channels-last tensor `[N, ...spatial, C]` with per-channel scale and
 * offset. On host-memory backends it is one op with an analytic gradient computed on typed arrays
 * (the composite version spends most of a U-Net training step in tfjs's broadcasting kernels);
 * on GPU backends it is built from tensor ops.
 */
export function groupNorm(
  x: tf.Tensor,
  gamma: tf.Tensor,
  beta: tf.Tensor,
  groups: number,
  epsilon: number,
): tf.Tensor {
  const batch = x.shape[0]!;
  const channels = x.shape[x.rank - 1]!;
  if (!HOST_MEMORY_BACKENDS.has(tf.getBackend())) return composite(x, gamma, beta, groups, epsilon);
  const op = tf.customGrad((input, scale, offset) => {
    const [xs, gs, bs] = [input as tf.Tensor, scale as tf.Tensor, offset as tf.Tensor];
    const gammaValues = gs.dataSync();
    const forward = groupNormForward(
      xs.dataSync(),
      gammaValues,
      bs.dataSync(),
      batch,
      channels,
      groups,
      epsilon,
    );
    return {
      value: tf.tensor(forward.y, xs.shape),
      gradFunc: (dy: tf.Tensor | tf.Tensor[]) => {
        const upstream = Array.isArray(dy) ? dy[0]! : dy;
        const g = groupNormBackward(upstream.dataSync(), forward, gammaValues, batch, channels, groups);
        return [tf.tensor(g.dx, xs.shape), tf.tensor(g.dgamma, [channels]), tf.tensor(g.dbeta, [channels])];
      },
    };
  });
  return op(x, gamma, beta);
}

/** The same normalisation from tensor ops (used where tensors live on a GPU, and as the test reference). */
export function composite(
  x: tf.Tensor,
  gamma: tf.Tensor,
  beta: tf.Tensor,
  groups: number,
  epsilon: number,
): tf.Tensor {
  return tf.tidy(() => {
    const channels = x.shape[x.rank - 1]!;
    const grouped = x.reshape([x.shape[0]!, -1, groups, channels / groups]);
    const { mean, variance } = tf.moments(grouped, [1, 3], true);
    const normalised = tf.div(tf.sub(grouped, mean), tf.sqrt(tf.add(variance, epsilon))).reshape(x.shape);
    return tf.add(tf.mul(normalised, gamma), beta);
  });
}
