import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';

import { loadNativeAddon } from '../nativeAddon';
import { randomValues, relativeError, runKernel, testableIsas, withIsa } from '../testing/kernelHarness';
import { leakyReluConfig } from './LeakyRelu';
import { LeakyReluGrad, leakyReluGradConfig, leakyReluGradientConfig } from './LeakyReluGrad';

tf.env().set('IS_TEST', true);
const addon = loadNativeAddon();

// Odd sizes, channels not multiples of 8, batch > 1, and one large enough for several threads' chunks.
const SHAPES = [[1], [7], [2, 5, 3], [3, 7, 6, 5, 11], [2, 33, 17, 9, 13], [2, 64, 48, 40]];

/** Values with exact zeros among them, where LeakyReLU's gradient takes the alpha side. */
function inputValues(size: number, seed: number): Float32Array {
  const values = randomValues(size, seed);
  for (let i = 0; i < size; i += 17) values[i] = 0;
  return values;
}

describe.skipIf(!addon)('LeakyRelu and LeakyReluGrad native kernels', () => {
  const tfjsKernel = tf.getKernel('LeakyRelu', 'cpu');
  const forward = leakyReluConfig(addon!);
  const backward = leakyReluGradConfig(addon!);

  for (const isa of testableIsas(addon!)) {
    it(`match tfjs's LeakyRelu kernel and gradient (Greater + Select + Multiply) on every shape (${isa})`, () => {
      withIsa(addon!, isa, () => {
        SHAPES.forEach((shape, i) => {
          const size = shape.reduce((a, b) => a * b, 1);
          const x = { shape, values: inputValues(size, 10 + i) };
          const dy = { shape, values: randomValues(size, 20 + i) };
          for (const alpha of [0.01, 0.2]) {
            const expected = runKernel(tfjsKernel, { x }, { alpha });
            const actual = runKernel(forward, { x }, { alpha });
            expect(actual.shape).toEqual(shape);
            expect(relativeError(actual.values, expected.values), `forward [${shape}]`).toBeLessThan(1e-6);
            // tfjs's gradient, through its ops on the stock kernels
            const reference = tf.tidy(() => {
              const [xt, dyt] = [tf.tensor(x.values, shape), tf.tensor(dy.values, shape)];
              return tf
                .grad((t: tf.Tensor) => tf.leakyRelu(t, alpha))(xt, dyt)
                .dataSync() as Float32Array;
            });
            const gradient = runKernel(backward, { dy, x }, { alpha });
            expect(relativeError(gradient.values, reference), `gradient [${shape}]`).toBeLessThan(1e-6);
          }
        });
      });
    });
  }

  it("the gradient config calls LeakyReluGrad where the backend has it, else tfjs's gradient", () => {
    const stock = tf.getGradient('LeakyRelu');
    const x = tf.tensor([-2, 0, 3, -0.5]);
    const grad = () =>
      Array.from(
        tf
          .grad((t: tf.Tensor) => tf.leakyRelu(t, 0.1))(x)
          .dataSync(),
      );
    const expected = grad();
    const calls: number[] = [];
    const counting = {
      ...backward,
      kernelFunc: (params: Parameters<typeof backward.kernelFunc>[0]) => {
        calls.push(1);
        return backward.kernelFunc(params);
      },
    };
    tf.registerGradient(leakyReluGradientConfig());
    try {
      expect(grad()).toEqual(expected); // no LeakyReluGrad kernel registered: tfjs's gradient
      expect(calls).toHaveLength(0);
      tf.registerKernel(counting);
      expect(grad()).toEqual(expected);
      expect(calls).toHaveLength(1);
    } finally {
      if (tf.getKernel(LeakyReluGrad, 'cpu')) tf.unregisterKernel(LeakyReluGrad, 'cpu');
      tf.registerGradient(stock);
      x.dispose();
    }
  });
});
