import { tf } from '@nnunet-ts/tf-backend';
import type { Optimizer } from './Optimizer';
import { SlotStore } from './SlotStore';

export interface SgdOptions {
  /** `--momentum` (seed 0.99) */
  momentum?: number;
  /** Nesterov momentum (nnU-Net v2's recipe) */
  nesterov?: boolean;
}

/**
 * SGD with momentum as Keras computes it: v ← μ·v − lr·g; w ← w + v
 * (Nesterov: w ← w + μ·v − lr·g).
 */
export function sgd({ momentum = 0.99, nesterov = false }: SgdOptions = {}): Optimizer {
  const slots = new SlotStore('sgd');
  return {
    name: 'sgd',
    step(variables, gradients, learningRate) {
      variables.forEach((variable, i) => {
        const g = gradients[i]!;
        tf.tidy(() => {
          if (momentum === 0) {
            variable.assign(tf.sub(variable, tf.mul(g, learningRate)));
            return;
          }
          const velocity = slots.get('velocity', i, variable);
          const v = tf.sub(tf.mul(velocity, momentum), tf.mul(g, learningRate));
          velocity.assign(v);
          const delta = nesterov ? tf.sub(tf.mul(v, momentum), tf.mul(g, learningRate)) : v;
          variable.assign(tf.add(variable, delta));
        });
      });
    },
    state: () => slots.entries(),
    loadState: (state) => slots.load(state),
    dispose: () => slots.dispose(),
  };
}
