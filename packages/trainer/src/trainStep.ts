import { tf } from '@nnunet-ts/tf-backend';
import { deepSupervisionLoss, l2WeightDecay } from '@nnunet-ts/losses-metrics';
import type { Optimizer } from './optimizers/Optimizer';

/** A training batch: channels-last image `[B, ...patch, C]` and labels `[B, ...patch]`. */
export interface TensorBatchSource {
  image: Float32Array;
  label: Uint8Array | Uint16Array | Int32Array;
  /** `[B, ...patch]` */
  shape: readonly number[];
  channels: number;
}

export interface TrainStepOptions {
  model: tf.LayersModel;
  optimizer: Optimizer;
  classes: number;
  /** `--loss-batch-reduction` (seed default true) */
  batchReduction?: boolean;
  /** `--loss-include-background` (seed default false) */
  includeBackground?: boolean;
  /** `--weight-decay`: the seed's L2 penalty on non-norm weights (default 1e-4) */
  weightDecay?: number;
  /** NVIDIA's deep-supervision weights that sum to 0.933 */
  seedCompatibleWeights?: boolean;
}

/**
 * One optimisation step: forward in training mode, Dice + CE over every output (deep-supervision
 * heads included), plus the L2 penalty, gradients of the trainable weights, optimiser update.
 * Returns the loss without the weight decay, as the seed logs it.
 */
export function createTrainStep(options: TrainStepOptions) {
  const { model, optimizer, classes, weightDecay = 1e-4 } = options;
  // a LayerVariable reads as the tf.Variable behind it
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  return (batch: TensorBatchSource, learningRate: number): number => {
    const [x, y] = tf.tidy(() => [
      tf.tensor(batch.image, [...batch.shape, batch.channels]),
      tf.tensor(Int32Array.from(batch.label), [...batch.shape], 'int32'),
    ]);
    let lossValue = 0;
    const { value, grads } = tf.variableGrads(() => {
      const outputs = model.apply(x, { training: true }) as tf.Tensor | tf.Tensor[];
      const loss = deepSupervisionLoss(y, Array.isArray(outputs) ? outputs : [outputs], {
        classes,
        batchReduction: options.batchReduction,
        includeBackground: options.includeBackground,
        seedCompatibleWeights: options.seedCompatibleWeights,
      });
      lossValue = loss.dataSync()[0]!;
      return tf.add(loss, l2WeightDecay(variables, weightDecay)) as tf.Scalar;
    }, variables);
    optimizer.step(
      variables,
      variables.map((v) => grads[v.name]!),
      learningRate,
    );
    tf.dispose([x, y, value, ...Object.values(grads)]);
    return lossValue;
  };
}
