import { tf } from '@nnunet-ts/tf-backend';
import { deepSupervisionLoss, l2WeightDecayCoefficients } from '@nnunet-ts/losses-metrics';
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
  /**
   * Data parallelism: averages the gradients (and the loss) over the ranks between computing them
   * and the optimiser step; the step then returns a promise. Returns new tensors; the step disposes them.
   */
  reduceGradients?: GradientReducer;
}

/** What a data-parallel step does between the gradients and the update (see `DataParallel`). */
export type GradientReducer = (
  gradients: tf.Tensor[],
  loss: number,
) => Promise<{ gradients: tf.Tensor[]; loss: number }>;

export type TrainStep = (batch: TensorBatchSource, learningRate: number) => number;
export type AsyncTrainStep = (batch: TensorBatchSource, learningRate: number) => Promise<number>;

/**
 * One optimisation step: forward in training mode, Dice + CE over every output (deep-supervision
 * heads included), gradients of the trainable weights, optimiser update. The seed's L2 penalty
 * (`l2WeightDecay`) is not in the autograd graph: its gradient, `weightDecay · w` on non-norm weights,
 * is linear in the weights, so the optimiser adds it in its own pass over them instead of a dozen
 * kernel passes over every weight. Returns the loss without the weight decay, as the seed logs it.
 */
export function createTrainStep(
  options: TrainStepOptions & { reduceGradients: GradientReducer },
): AsyncTrainStep;
export function createTrainStep(options: TrainStepOptions & { reduceGradients?: undefined }): TrainStep;
export function createTrainStep(
  options: TrainStepOptions,
): (batch: TensorBatchSource, learningRate: number) => number | Promise<number>;
export function createTrainStep(options: TrainStepOptions) {
  const { model, optimizer, classes, weightDecay = 1e-4, reduceGradients } = options;
  // a LayerVariable reads as the tf.Variable behind it
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const decay = l2WeightDecayCoefficients(variables, weightDecay);
  return (batch: TensorBatchSource, learningRate: number): number | Promise<number> => {
    const [x, y] = tf.tidy(() => [
      tf.tensor(batch.image, [...batch.shape, batch.channels]),
      tf.tensor(Int32Array.from(batch.label), [...batch.shape], 'int32'),
    ]);
    const { value, grads } = tf.variableGrads(() => {
      const outputs = model.apply(x, { training: true }) as tf.Tensor | tf.Tensor[];
      return deepSupervisionLoss(y, Array.isArray(outputs) ? outputs : [outputs], {
        classes,
        batchReduction: options.batchReduction,
        includeBackground: options.includeBackground,
        seedCompatibleWeights: options.seedCompatibleWeights,
      });
    }, variables);
    const lossValue = value.dataSync()[0]!;
    tf.dispose([x, y, value]);
    const gradients = variables.map((v) => grads[v.name]!);
    if (!reduceGradients) {
      optimizer.step(variables, gradients, learningRate, decay);
      tf.dispose(gradients);
      return lossValue;
    }
    return reduceGradients(gradients, lossValue)
      .finally(() => tf.dispose(gradients))
      .then((reduced) => {
        try {
          optimizer.step(variables, reduced.gradients, learningRate, decay);
        } finally {
          tf.dispose(reduced.gradients);
        }
        return reduced.loss;
      });
  };
}
