import { tf } from '@nnunet-ts/tf-backend';
import type { Optimizer } from './Optimizer';
import { SlotStore, StepCounter } from './SlotStore';
import {
  assignValues,
  readValues,
  usesTypedArrayUpdates,
  type FusedUpdateOption,
} from './internal/typedArrayUpdate';

export interface LookaheadOptions extends FusedUpdateOption {
  /** fast steps between synchronisations (tfa default 6) */
  syncPeriod?: number;
  /** how far the slow weights move towards the fast ones (tfa default 0.5) */
  slowStepSize?: number;
}

/**
 * Lookahead (`--lookahead`, as TensorFlow Addons): the inner optimiser updates fast weights; every
 * `syncPeriod` steps the slow weights move towards them and the fast weights are reset to the slow.
 */
export function lookahead(
  inner: Optimizer,
  { syncPeriod = 6, slowStepSize = 0.5, fused }: LookaheadOptions = {},
): Optimizer {
  const slots = new SlotStore('lookahead');
  const counter = new StepCounter('lookahead/iterations');

  function fusedSync(variable: tf.Variable, slow: tf.Variable) {
    const w = readValues(variable);
    const s = readValues(slow);
    const updated = new Float32Array(w.length);
    for (let j = 0; j < w.length; j++) updated[j] = s[j]! + slowStepSize * (w[j]! - s[j]!);
    assignValues([slow, variable], updated);
  }

  function tensorSync(variable: tf.Variable, slow: tf.Variable) {
    tf.tidy(() => {
      const updated = tf.add(slow, tf.mul(tf.sub(variable, slow), slowStepSize));
      slow.assign(updated);
      variable.assign(updated);
    });
  }

  return {
    name: `lookahead(${inner.name})`,
    step(variables, gradients, learningRate, weightDecay) {
      // the slow copies start as the weights before the first fast step
      variables.forEach((variable, i) => slots.get('slow', i, variable, () => variable.clone()));
      inner.step(variables, gradients, learningRate, weightDecay);
      if (counter.next() % syncPeriod !== 0) return;
      const sync = usesTypedArrayUpdates(fused) ? fusedSync : tensorSync;
      variables.forEach((variable, i) => sync(variable, slots.get('slow', i, variable)));
    },
    state: () => new Map([...inner.state(), ...slots.entries(), ...counter.entries()]),
    loadState(state) {
      inner.loadState(state);
      slots.load(state);
      counter.load(state);
    },
    dispose() {
      inner.dispose();
      slots.dispose();
      counter.dispose();
    },
  };
}
