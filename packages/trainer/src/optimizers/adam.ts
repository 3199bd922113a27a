import { tf } from '@nnunet-ts/tf-backend';
import type { Optimizer } from './Optimizer';
import { SlotStore, StepCounter } from './SlotStore';

export interface AdamOptions {
  beta1?: number;
  beta2?: number;
  /** Keras default 1e-7, as the seed */
  epsilon?: number;
  /** tfa RectifiedAdam: variance rectification, plain momentum update while the variance is unreliable */
  rectified?: boolean;
  /** RAdam switches to the adaptive update once ρ_t exceeds this (tfa default 5) */
  smaThreshold?: number;
}

/**
 * Adam as Keras computes it (bias correction folded into the step size), and RAdam (`rectified`)
 * as TensorFlow Addons' RectifiedAdam without warm-up.
 */
export function adam(options: AdamOptions = {}): Optimizer {
  const { beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7, rectified = false, smaThreshold = 5 } = options;
  const name = rectified ? 'radam' : 'adam';
  const slots = new SlotStore(name);
  const counter = new StepCounter(`${name}/iterations`);
  const rhoInfinity = 2 / (1 - beta2) - 1;
  return {
    name,
    step(variables, gradients, learningRate) {
      const t = counter.next();
      const biasCorrection1 = 1 - beta1 ** t;
      const biasCorrection2 = 1 - beta2 ** t;
      const rhoT = rhoInfinity - (2 * t * beta2 ** t) / biasCorrection2;
      const rectification = Math.sqrt(
        ((rhoT - 4) * (rhoT - 2) * rhoInfinity) / ((rhoInfinity - 4) * (rhoInfinity - 2) * rhoT),
      );
      variables.forEach((variable, i) => {
        const g = gradients[i]!;
        const m = slots.get('m', i, variable);
        const v = slots.get('v', i, variable);
        tf.tidy(() => {
          const mNew = tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1));
          const vNew = tf.add(tf.mul(v, beta2), tf.mul(tf.square(g), 1 - beta2));
          m.assign(mNew);
          v.assign(vNew);
          let update: tf.Tensor;
          if (!rectified) {
            const stepSize = (learningRate * Math.sqrt(biasCorrection2)) / biasCorrection1;
            update = tf.mul(tf.div(mNew, tf.add(tf.sqrt(vNew), epsilon)), stepSize);
          } else if (rhoT > smaThreshold) {
            const vHat = tf.sqrt(tf.div(vNew, biasCorrection2));
            update = tf.mul(
              tf.div(tf.div(mNew, biasCorrection1), tf.add(vHat, epsilon)),
              learningRate * rectification,
            );
          } else {
            update = tf.mul(tf.div(mNew, biasCorrection1), learningRate);
          }
          variable.assign(tf.sub(variable, update));
        });
      });
    },
    state: () => new Map([...slots.entries(), ...counter.entries()]),
    loadState(state) {
      slots.load(state);
      counter.load(state);
    },
    dispose() {
      slots.dispose();
      counter.dispose();
    },
  };
}
