import { describe, expect, it } from 'vitest';
import { initBackend, tf } from '@nnunet-ts/tf-backend';
import { composite, groupNorm } from './groupNorm';

await initBackend({ backend: 'cpu' });

describe('groupNorm on typed arrays', () => {
  for (const [label, shape, groups] of [
    ['instance norm, 3D', [2, 3, 4, 5, 6], 6],
    ['group norm, 2D', [2, 5, 7, 8], 2],
  ] as const) {
    it(`${label}: values and gradients equal the composite tensor ops`, () => {
      const x = tf.randomNormal([...shape], 3, 2, 'float32', 1);
      const channels = shape[shape.length - 1];
      const gamma = tf.randomNormal([channels], 1, 0.3, 'float32', 2);
      const beta = tf.randomNormal([channels], 0, 0.3, 'float32', 3);
      const weights = tf.randomNormal([...shape], 0, 1, 'float32', 4);
      const loss = (f: typeof groupNorm) => (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) =>
        tf.sum(tf.mul(f(a, b, c, groups, 1e-5), weights));
      const fast = tf.grads(loss(groupNorm))([x, gamma, beta]);
      const reference = tf.grads(loss(composite))([x, gamma, beta]);
      const close = (a: tf.Tensor, b: tf.Tensor) =>
        expect(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]).toBeLessThan(
          1e-4 * Math.max(1, tf.max(tf.abs(b)).dataSync()[0]!),
        );
      close(groupNorm(x, gamma, beta, groups, 1e-5), composite(x, gamma, beta, groups, 1e-5));
      fast.forEach((g, i) => close(g, reference[i]!));
    });
  }
});
