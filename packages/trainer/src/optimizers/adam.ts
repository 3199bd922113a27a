import { tf } from '@nnunet-ts/tf-backend';
import type { Optimizer } from './Optimizer';
import { SlotStore, StepCounter } from './SlotStore';
import {
  assignValues,
  readValues,
  usesTypedArrayUpdates,
  type FusedUpdateOption,
} from './internal/typedArrayUpdate';

export interface AdamOptions extends FusedUpdateOption {
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
 * The step's update of every element, `w ← w − scale · m / (√(v · vScale) + ε)`, or
 * `w ← w − scale · m` while RAdam's variance is unreliable (`adaptive` false).
 */
interface AdamRule {
  scale: number;
  vScale: number;
  adaptive: boolean;
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

  function ruleAt(t: number, learningRate: number): AdamRule {
    const biasCorrection1 = 1 - beta1 ** t;
    const biasCorrection2 = 1 - beta2 ** t;
    if (!rectified) {
      return {
        scale: (learningRate * Math.sqrt(biasCorrection2)) / biasCorrection1,
        vScale: 1,
        adaptive: true,
      };
    }
    const rhoT = rhoInfinity - (2 * t * beta2 ** t) / biasCorrection2;
    if (rhoT <= smaThreshold) return { scale: learningRate / biasCorrection1, vScale: 1, adaptive: false };
    const rectification = Math.sqrt(
      ((rhoT - 4) * (rhoT - 2) * rhoInfinity) / ((rhoInfinity - 4) * (rhoInfinity - 2) * rhoT),
    );
    return {
      scale: (learningRate * rectification) / biasCorrection1,
      vScale: 1 / biasCorrection2,
      adaptive: true,
    };
  }

  function fusedUpdate(
    variable: tf.Variable,
    gradient: tf.Tensor,
    m: tf.Variable,
    v: tf.Variable,
    decay: number,
    rule: AdamRule,
  ) {
    const w = readValues(variable);
    const g = readValues(gradient);
    const m0 = readValues(m);
    const v0 = readValues(v);
    const n = w.length;
    const [wNew, mNew, vNew] = [new Float32Array(n), new Float32Array(n), new Float32Array(n)];
    // constants in locals and one loop per rule: V8 then keeps the loop free of loads and branches
    const [b1, b2, c1, c2, eps] = [beta1, beta2, 1 - beta1, 1 - beta2, epsilon];
    const { scale, vScale } = rule;
    if (rule.adaptive) {
      for (let j = 0; j < n; j++) {
        const wj = w[j]!;
        const gj = g[j]! + decay * wj;
        const mj = b1 * m0[j]! + c1 * gj;
        const vj = b2 * v0[j]! + c2 * gj * gj;
        mNew[j] = mj;
        vNew[j] = vj;
        wNew[j] = wj - (scale * mj) / (Math.sqrt(vj * vScale) + eps);
      }
    } else {
      for (let j = 0; j < n; j++) {
        const wj = w[j]!;
        const gj = g[j]! + decay * wj;
        const mj = b1 * m0[j]! + c1 * gj;
        mNew[j] = mj;
        vNew[j] = b2 * v0[j]! + c2 * gj * gj;
        wNew[j] = wj - scale * mj;
      }
    }
    assignValues([m], mNew);
    assignValues([v], vNew);
    assignValues([variable], wNew);
  }

  function tensorUpdate(
    variable: tf.Variable,
    gradient: tf.Tensor,
    m: tf.Variable,
    v: tf.Variable,
    decay: number,
    rule: AdamRule,
  ) {
    tf.tidy(() => {
      const g = decay === 0 ? gradient : tf.add(gradient, tf.mul(variable, decay));
      const mNew = tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1));
      const vNew = tf.add(tf.mul(v, beta2), tf.mul(tf.square(g), 1 - beta2));
      m.assign(mNew);
      v.assign(vNew);
      const update = rule.adaptive
        ? tf.div(
            tf.mul(mNew, rule.scale),
            tf.add(tf.sqrt(rule.vScale === 1 ? vNew : tf.mul(vNew, rule.vScale)), epsilon),
          )
        : tf.mul(mNew, rule.scale);
      variable.assign(tf.sub(variable, update));
    });
  }

  return {
    name,
    step(variables, gradients, learningRate, weightDecay = []) {
      const rule = ruleAt(counter.next(), learningRate);
      const update = usesTypedArrayUpdates(options.fused) ? fusedUpdate : tensorUpdate;
      variables.forEach((variable, i) => {
        const m = slots.get('m', i, variable);
        const v = slots.get('v', i, variable);
        update(variable, gradients[i]!, m, v, weightDecay[i] ?? 0, rule);
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
