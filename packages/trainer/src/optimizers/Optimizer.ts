import type { tf } from '@nnunet-ts/tf-backend';

/**
 * An optimiser whose whole state is a list of named tensors, so that a checkpoint can hold it and a
 * resumed run continues bit for bit. The learning rate is passed at every step (schedules are pure
 * functions of the step, see `learningRateAt`).
 */
export interface Optimizer {
  readonly name: string;
  /**
   * Updates the variables from their gradients. `weightDecay[i]` (default 0) is the coefficient of an
   * L2 penalty's gradient, `weightDecay[i] · variables[i]`, added to `gradients[i]` in the update:
   * the penalty stays out of the autograd graph (see `l2WeightDecayCoefficients`).
   */
  step(
    variables: readonly tf.Variable[],
    gradients: readonly tf.Tensor[],
    learningRate: number,
    weightDecay?: readonly number[],
  ): void;
  /** state tensors with stable names (they stay owned by the optimiser) */
  state(): Map<string, tf.Tensor>;
  /** replaces the state with copies of the given tensors; missing names are an error */
  loadState(state: ReadonlyMap<string, tf.Tensor>): void;
  dispose(): void;
}
