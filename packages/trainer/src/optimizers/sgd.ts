import { tf } from '@nnunet-ts/tf-backend';
import type { Optimizer } from './Optimizer';
import { SlotStore } from './SlotStore';
import {
  assignValues,
  readValues,
  usesTypedArrayUpdates,
  type FusedUpdateOption,
} from './internal/typedArrayUpdate';

export interface SgdOptions extends FusedUpdateOption {
  /** `--momentum` (seed 0.99) */
  momentum?: number;
  /** Nesterov momentum (nnU-Net v2's recipe) */
  nesterov?: boolean;
}

/**
 * SGD with momentum as Keras computes it: v ← μ·v − lr·g; w ← w + v
 * (Nesterov: w ← w + μ·v − lr·g).
 */
export function sgd({ momentum = 0.99, nesterov = false, fused }: SgdOptions = {}): Optimizer {
  const slots = new SlotStore('sgd');

  function fusedUpdate(
    variable: tf.Variable,
    gradient: tf.Tensor,
    velocity: tf.Variable | undefined,
    decay: number,
    lr: number,
  ) {
    const w = readValues(variable);
    const g = readValues(gradient);
    const wNew = new Float32Array(w.length);
    if (!velocity) {
      for (let j = 0; j < w.length; j++) wNew[j] = w[j]! - lr * (g[j]! + decay * w[j]!);
    } else {
      const v0 = readValues(velocity);
      const vNew = new Float32Array(w.length);
      for (let j = 0; j < w.length; j++) {
        const step = lr * (g[j]! + decay * w[j]!);
        const vj = momentum * v0[j]! - step;
        vNew[j] = vj;
        wNew[j] = w[j]! + (nesterov ? momentum * vj - step : vj);
      }
      assignValues([velocity], vNew);
    }
    assignValues([variable], wNew);
  }

  function tensorUpdate(
    variable: tf.Variable,
    gradient: tf.Tensor,
    velocity: tf.Variable | undefined,
    decay: number,
    lr: number,
  ) {
    tf.tidy(() => {
      const step = tf.mul(decay === 0 ? gradient : tf.add(gradient, tf.mul(variable, decay)), lr);
      if (!velocity) {
        variable.assign(tf.sub(variable, step));
        return;
      }
      const v = tf.sub(tf.mul(velocity, momentum), step);
      velocity.assign(v);
      variable.assign(tf.add(variable, nesterov ? tf.sub(tf.mul(v, momentum), step) : v));
    });
  }

  return {
    name: 'sgd',
    step(variables, gradients, learningRate, weightDecay = []) {
      const update = usesTypedArrayUpdates(fused) ? fusedUpdate : tensorUpdate;
      variables.forEach((variable, i) => {
        // plain SGD keeps no velocity
        const velocity = momentum === 0 ? undefined : slots.get('velocity', i, variable);
        update(variable, gradients[i]!, velocity, weightDecay[i] ?? 0, learningRate);
      });
    },
    state: () => slots.entries(),
    loadState: (state) => slots.load(state),
    dispose: () => slots.dispose(),
  };
}
