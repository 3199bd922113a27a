import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';

import { loadNativeAddon } from '../nativeAddon';
import { randomValues } from '../testing/kernelHarness';
import { concatConfig } from './Concat';

const addon = loadNativeAddon();

// [input shapes, axis]: the skip concatenation along channels, every other axis, three inputs,
// odd sizes, a negative axis, large inputs, and int32 and empty inputs (handed to tfjs).
const CASES: { shapes: number[][]; axis: number; dtype?: 'int32' }[] = [
  {
    shapes: [
      [2, 5, 7, 3, 6],
      [2, 5, 7, 3, 6],
    ],
    axis: 4,
  },
  {
    shapes: [
      [2, 5, 7, 3, 6],
      [2, 5, 7, 3, 5],
    ],
    axis: -1,
  },
  {
    shapes: [
      [2, 5, 7, 3],
      [2, 1, 7, 3],
      [2, 4, 7, 3],
    ],
    axis: 1,
  },
  {
    shapes: [
      [1, 3],
      [4, 3],
    ],
    axis: 0,
  },
  { shapes: [[7], [9]], axis: 0 },
  {
    shapes: [
      [2, 30, 20, 10, 24],
      [2, 30, 20, 10, 13],
    ],
    axis: 4,
  },
  {
    shapes: [
      [2, 3],
      [2, 4],
    ],
    axis: 1,
    dtype: 'int32',
  },
  {
    shapes: [
      [2, 0],
      [2, 4],
    ],
    axis: 1,
  },
];

describe.skipIf(!addon)('Concat', () => {
  it('gives what tfjs gives for every axis, several inputs, large inputs, and the cases it hands back', async () => {
    await tf.setBackend('cpu');
    const run = () =>
      CASES.map(({ shapes, axis, dtype }, i) =>
        tf.tidy(() => {
          const inputs = shapes.map((shape, k) => {
            const values = randomValues(
              shape.reduce((a, b) => a * b, 1),
              10 * i + k + 1,
            );
            return tf.tensor(dtype ? values.map((v) => Math.round(v * 100)) : values, shape, dtype);
          });
          const result = tf.concat(inputs, axis);
          return { shape: result.shape, dtype: result.dtype, values: Array.from(result.dataSync()) };
        }),
      );
    const expected = run();
    const stock = tf.getKernel('Concat', 'cpu')!;
    const config = concatConfig(addon!); // before unregistering: it hands back to the stock kernel
    tf.unregisterKernel('Concat', 'cpu');
    tf.registerKernel(config);
    try {
      expect(run()).toEqual(expected);
    } finally {
      tf.unregisterKernel('Concat', 'cpu');
      tf.registerKernel(stock);
    }
  });
});
