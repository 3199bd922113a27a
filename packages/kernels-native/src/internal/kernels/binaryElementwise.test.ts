import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { loadNativeAddon } from '../nativeAddon';
import { testableIsas, withIsa } from '../testing/kernelHarness';
import { binaryElementwiseConfigs } from './binaryElementwise';

const addon = loadNativeAddon();

const shapes: [number[], number[]][] = [
  [
    [2, 3, 4, 5],
    [2, 3, 4, 5],
  ],
  [[2, 3, 4, 5], []],
  [[], [2, 3, 4, 5]],
  [[2, 3, 4, 5], [5]],
  [
    [1, 1, 5],
    [2, 3, 4, 5],
  ],
  [
    [2, 3, 4, 5],
    [1, 1, 1, 5],
  ],
  [
    [2, 3, 4, 5],
    [2, 1, 4, 5],
  ], // not a fast case: tfjs's kernel runs
  [
    [4, 1],
    [4, 3],
  ],
  [
    [2, 3, 4, 5],
    [2, 3, 4, 1],
  ],
  [
    [2, 3, 4, 1],
    [2, 3, 4, 5],
  ],
  [
    [2, 3, 4, 5],
    [3, 4, 1],
  ], // not a fast case: ranks differ
  // large enough for several chunks on the threads, channels not a multiple of 8
  [
    [2, 40, 30, 33],
    [2, 40, 30, 33],
  ],
  [[2, 40, 30, 33], [33]],
  [
    [2, 40, 30, 33],
    [2, 40, 30, 1],
  ],
  [[], [2, 40, 30, 33]],
];
const ops = [tf.add, tf.sub, tf.mul, tf.div, tf.greater] as const;

describe.skipIf(!addon)('binary elementwise kernels', () => {
  it.each(testableIsas(addon!))(
    'give what tfjs gives for every op and shape pairing, including the ones they hand back (%s)',
    async (isa) => {
      await tf.setBackend('cpu');
      const make = (shape: number[], seed: number) => tf.randomNormal(shape, 0, 2, 'float32', seed);
      const run = () =>
        shapes.flatMap(([sa, sb], i) =>
          ops.map((op) => {
            // seeds from 1: tfjs treats seed 0 as no seed
            const r = op(make(sa, i + 1), make(sb, i + 101));
            return { shape: r.shape, dtype: r.dtype, values: Array.from(r.dataSync()) };
          }),
        );
      const expected = run();
      const configs = binaryElementwiseConfigs(addon!);
      const stock = configs.map((c) => tf.getKernel(c.kernelName, 'cpu')!);
      for (const c of configs) {
        tf.unregisterKernel(c.kernelName, 'cpu');
        tf.registerKernel(c);
      }
      try {
        expect(withIsa(addon!, isa, run)).toEqual(expected);
        // int32 is handed back to tfjs too
        expect(
          Array.from(tf.add(tf.tensor([1, 2], [2], 'int32'), tf.tensor([3, 4], [2], 'int32')).dataSync()),
        ).toEqual([4, 6]);
      } finally {
        for (const c of stock) {
          tf.unregisterKernel(c.kernelName, 'cpu');
          tf.registerKernel(c);
        }
      }
    },
  );
});
