import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';

import { loadNativeAddon } from '../nativeAddon';
import { randomValues, relativeError, runKernel, testableIsas, withIsa } from '../testing/kernelHarness';
import { unaryElementwiseConfigs } from './unaryElementwise';

tf.env().set('IS_TEST', true);
const addon = loadNativeAddon();

const SHAPES = [[], [1], [7], [2, 5, 7, 3, 4], [2, 33, 17, 9, 3], [2, 40, 30, 33]];

describe.skipIf(!addon)('Exp and Neg native kernels', () => {
  const configs = unaryElementwiseConfigs(addon!);

  for (const isa of testableIsas(addon!)) {
    it(`match tfjs's kernels on every shape (${isa})`, () => {
      withIsa(addon!, isa, () => {
        for (const config of configs) {
          const stock = tf.getKernel(config.kernelName, 'cpu');
          SHAPES.forEach((shape, i) => {
            const size = shape.reduce((a, b) => a * b, 1);
            // exp over [-30, 30]: results from 1e-13 to 1e13
            const x = { shape, values: randomValues(size, 90 + i).map((v) => 30 * v) };
            const expected = runKernel(stock, { x }, {});
            const actual = runKernel(config, { x }, {});
            expect(actual.shape).toEqual(shape);
            // relative to each value, not to the largest: exp spans many orders of magnitude
            const worst = Math.max(
              0,
              ...Array.from(actual.values, (v, k) => relativeError([v], [expected.values[k]!])),
            );
            expect(worst, `${config.kernelName} [${shape}]`).toBeLessThan(1e-6);
          });
        }
      });
    });
  }

  it("hands int32 to tfjs's kernel", () => {
    tf.tidy(() => {
      const neg = configs.find((c) => c.kernelName === 'Neg')!;
      const x = tf.tensor([1, -2], [2], 'int32');
      const info = neg.kernelFunc({ inputs: { x }, backend: tf.backend(), attrs: {} });
      const result = Array.isArray(info) ? info[0]! : info;
      expect(result.dtype).toBe('int32');
      expect(Array.from(tf.backend().readSync(result.dataId) as Int32Array)).toEqual([-1, 2]);
      tf.backend().disposeData(result.dataId);
    });
  });
});
