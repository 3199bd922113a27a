import { describe, expect, it } from 'vitest';
import { initBackend, tf } from '@nnunet-ts/tf-backend';
import { l2WeightDecay, l2WeightDecayCoefficients } from './l2WeightDecay';

await initBackend({ backend: 'cpu' });

describe('l2WeightDecayCoefficients', () => {
  it("gives the penalty's gradient as coefficient · weight, 0 for norm and frozen variables", () => {
    const variables = [
      tf.variable(tf.tensor([1, -2, 3]), true, 'decayCoefficients/conv/kernel'),
      tf.variable(tf.tensor([0.5, 4]), true, 'decayCoefficients/instance_norm/gamma'),
      tf.variable(tf.tensor([2]), false, 'decayCoefficients/frozen/bias'),
    ];
    const coefficients = l2WeightDecayCoefficients(variables, 1e-3);
    expect(coefficients).toEqual([1e-3, 0, 0]);
    const { grads } = tf.variableGrads(() => l2WeightDecay(variables, 1e-3), variables.slice(0, 2));
    expect(Array.from(grads[variables[0]!.name]!.dataSync())).toEqual(
      [1, -2, 3].map((w) => expect.closeTo(coefficients[0]! * w, 9)),
    );
    // the penalty does not reach the norm scale at all
    expect(grads[variables[1]!.name]).toBeUndefined();
    tf.dispose([...variables, ...Object.values(grads)]);
  });
});
