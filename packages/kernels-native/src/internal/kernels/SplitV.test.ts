import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { loadNativeAddon } from '../nativeAddon';
import { splitVConfig } from './SplitV';

const addon = loadNativeAddon();

describe.skipIf(!addon)('SplitV', () => {
  it('gives what tfjs gives for every axis, sizes with -1, numbers of pieces, large inputs, and int32', async () => {
    await tf.setBackend('cpu');
    const cases: { shape: number[]; splits: number | number[]; axis: number; dtype: 'float32' | 'int32' }[] =
      [
        { shape: [2, 3, 4, 5, 6], splits: [2, 4], axis: -1, dtype: 'float32' },
        { shape: [2, 3, 4, 5, 6], splits: [1, -1], axis: 1, dtype: 'float32' },
        { shape: [3, 7], splits: 1, axis: 0, dtype: 'int32' },
        { shape: [4, 6, 2], splits: 3, axis: 1, dtype: 'float32' },
        { shape: [2, 30, 20, 10, 24], splits: [13, 11], axis: 4, dtype: 'float32' },
        { shape: [2, 30, 20, 10, 24], splits: [1, 0, -1], axis: 0, dtype: 'float32' },
      ];
    const x = (shape: number[], dtype: 'float32' | 'int32') =>
      tf.tensor(
        Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => i * 1.5),
        shape,
        dtype,
      );
    const expected = cases.map(({ shape, splits, axis, dtype }) =>
      tf
        .split(x(shape, dtype), splits, axis)
        .map((t) => ({ shape: t.shape, values: Array.from(t.dataSync()) })),
    );
    const stock = tf.getKernel('SplitV', 'cpu')!;
    const config = splitVConfig(addon!); // before unregistering: it hands back to the stock kernel
    tf.unregisterKernel('SplitV', 'cpu');
    tf.registerKernel(config);
    try {
      cases.forEach(({ shape, splits, axis, dtype }, i) => {
        const got = tf
          .split(x(shape, dtype), splits, axis)
          .map((t) => ({ shape: t.shape, values: Array.from(t.dataSync()) }));
        expect(got).toEqual(expected[i]);
      });
    } finally {
      tf.unregisterKernel('SplitV', 'cpu');
      tf.registerKernel(stock);
    }
  });
});
