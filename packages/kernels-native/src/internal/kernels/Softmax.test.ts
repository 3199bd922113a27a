import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';

import { loadNativeAddon } from '../nativeAddon';
import { randomValues, relativeError, runKernel, testableIsas, withIsa } from '../testing/kernelHarness';
import { softmaxConfig } from './Softmax';

tf.env().set('IS_TEST', true);
const addon = loadNativeAddon();

const SHAPES = [[1], [5], [3, 7], [2, 5, 7, 3, 4], [2, 33, 17, 9, 3], [2, 64, 48, 40, 4], [4, 1000]];

describe.skipIf(!addon)('Softmax native kernel', () => {
  const tfjsKernel = tf.getKernel('Softmax', 'cpu');
  const config = softmaxConfig(addon!);

  for (const isa of testableIsas(addon!)) {
    it(`matches tfjs's Softmax over the last axis (${isa})`, () => {
      withIsa(addon!, isa, () => {
        SHAPES.forEach((shape, i) => {
          const size = shape.reduce((a, b) => a * b, 1);
          // logits spread over [-20, 20], so the max subtraction matters
          const logits = { shape, values: randomValues(size, 80 + i).map((v) => 20 * v) };
          for (const dim of [-1, shape.length - 1]) {
            const expected = runKernel(tfjsKernel, { logits }, { dim });
            const actual = runKernel(config, { logits }, { dim });
            expect(actual.shape).toEqual(shape);
            expect(relativeError(actual.values, expected.values), `[${shape}]`).toBeLessThan(1e-5);
          }
        });
      });
    });
  }
});
