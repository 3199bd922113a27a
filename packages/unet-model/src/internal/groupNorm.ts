import { tf } from '@nnunet-ts/tf-backend';
import { groupNormBackward, groupNormForward } from './groupNormArrays';

/** Backends whose tensors live in main memory, where typed-array loops beat composite tensor ops. */
const HOST_MEMORY_BACKENDS = new Set(['cpu', 'wasm', 'tensorflow']);

/**
 * Kernels that @nnunet-ts/kernels-native registers on 'cpu' for backend 'native' (see its
 * GroupNorm.ts for the contract): GroupNorm(x, gamma, beta; groups, epsilon) → y, mean, invStd
 * and GroupNormGrad(dy, x, gamma, mean, invStd; groups) → dx, dgamma, dbeta. unet-model may not
 * depend on kernels-native, so the contract is by name.
 */
const GROUP_NORM = 'GroupNorm';
const GROUP_NORM_GRAD = 'GroupNormGrad';

/**
 * Group normalisation of a channels-last tensor `[N, ...spatial, C]` with per-channel scale and
 * offset. On host-memory backends it is one op with an analytic gradient: the GroupNorm kernels
 * where the backend has them (native, threaded), else loops on typed arrays (the composite
 * version spends most of a U-Net training step in tfjs's broadcasting kernels); on GPU backends it
 * is built from tensor ops.
 */
export function groupNorm(
  x: tf.Tensor,
  gamma: tf.Tensor,
  beta: tf.Tensor,
  groups: number,
  epsilon: number,
): tf.Tensor {
  const backend = tf.getBackend();
  if (!HOST_MEMORY_BACKENDS.has(backend)) return composite(x, gamma, beta, groups, epsilon);
  const batch = x.shape[0]!;
  const channels = x.shape[x.rank - 1]!;
  const kernels =
    tf.getKernel(GROUP_NORM, backend) !== undefined && tf.getKernel(GROUP_NORM_GRAD, backend) !== undefined;
  const forward = (xs: tf.Tensor, gs: tf.Tensor, bs: tf.Tensor): tf.Tensor[] => {
    if (kernels)
      return tf
        .engine()
        .runKernel(GROUP_NORM, { x: xs, gamma: gs, beta: bs }, { groups, epsilon }) as tf.Tensor[];
    const r = groupNormForward(xs.dataSync(), gs.dataSync(), bs.dataSync(), batch, channels, groups, epsilon);
    return [
      tf.tensor(r.y, xs.shape),
      tf.tensor(r.mean, [batch, groups]),
      tf.tensor(r.invStd, [batch, groups]),
    ];
  };
  const backward = (dy: tf.Tensor, [xs, gs, mean, invStd]: tf.Tensor[]): tf.Tensor[] => {
    const inputs = { dy, x: xs!, gamma: gs!, mean: mean!, invStd: invStd! };
    if (kernels) return tf.engine().runKernel(GROUP_NORM_GRAD, inputs, { groups }) as tf.Tensor[];
    const [d, xv, gv, mv, sv] = [dy, xs!, gs!, mean!, invStd!].map((t) => t.dataSync());
    const g = groupNormBackward(d!, xv!, gv!, mv!, sv!, batch, channels, groups);
    return [tf.tensor(g.dx, xs!.shape), tf.tensor(g.dgamma, [channels]), tf.tensor(g.dbeta, [channels])];
  };
  const op = tf.customGrad((input, scale, offset, save) => {
    const [y, mean, invStd] = forward(input as tf.Tensor, scale as tf.Tensor, offset as tf.Tensor);
    (save as tf.GradSaveFunc)([input as tf.Tensor, scale as tf.Tensor, mean!, invStd!]);
    return {
      value: y!,
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) =>
        backward(Array.isArray(dy) ? dy[0]! : dy, saved),
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
