import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';

import { loadNativeAddon } from '../nativeAddon';
import { randomValues, relativeError, runKernel, testableIsas, withIsa } from '../testing/kernelHarness';
import { sumConfig } from './Sum';

tf.env().set('IS_TEST', true);
const addon = loadNativeAddon();

// [shape, axes]: leading (bias gradient), middle (Dice sums over space), trailing, all, one axis,
// odd sizes, and sizes that split into several chunks and column blocks.
const CASES: [number[], number[]][] = [
  [
    [2, 5, 7, 3, 6],
    [0, 1, 2, 3],
  ],
  [
    [2, 5, 7, 3, 6],
    [1, 2, 3],
  ],
  [
    [2, 5, 7, 3, 6],
    [3, 4],
  ],
  [
    [2, 5, 7, 3, 6],
    [0, 1, 2, 3, 4],
  ],
  [[3, 11], [1]],
  [[3, 11], [0]],
  [[7], [0]],
  [
    [2, 64, 48, 40, 5],
    [0, 1, 2, 3],
  ],
  [
    [2, 96, 48, 4],
    [1, 2],
  ],
  [[3, 9000], [0]],
  [
    [2, 3, 4, 5],
    [3, 1, 2],
  ],
];

describe.skipIf(!addon)('Sum native kernel', () => {
  const tfjsKernel = tf.getKernel('Sum', 'cpu');
  const config = sumConfig(addon!);

  for (const isa of testableIsas(addon!)) {
    it(`matches tfjs's Sum over adjacent axes, with and without keepDims (${isa})`, () => {
      withIsa(addon!, isa, () => {
        CASES.forEach(([shape, axis], i) => {
          const size = shape.reduce((a, b) => a * b, 1);
          const x = { shape, values: randomValues(size, 70 + i) };
          for (const keepDims of [false, true]) {
            const expected = runKernel(tfjsKernel, { x }, { axis, keepDims });
            const actual = runKernel(config, { x }, { axis, keepDims });
            expect(actual.shape, `[${shape}] over [${axis}]`).toEqual(expected.shape);
            expect(relativeError(actual.values, expected.values), `[${shape}] over [${axis}]`).toBeLessThan(
              1e-5,
            );
          }
        });
      });
    });
  }

  it("hands axes that are not adjacent and int32 to tfjs's kernel", () => {
    const x = { shape: [2, 3, 4, 5], values: randomValues(120, 3) };
    const attrs = { axis: [0, 2], keepDims: false };
    expect(runKernel(config, { x }, attrs)).toEqual(runKernel(tfjsKernel, { x }, attrs));
    tf.tidy(() => {
      const ints = tf.tensor([1, 2, 3, 4], [2, 2], 'int32');
      const result = config.kernelFunc({ inputs: { x: ints }, backend: tf.backend(), attrs: { axis: [0] } });
      const info = Array.isArray(result) ? result[0]! : result;
      expect(info.dtype).toBe('int32');
      expect(Array.from(tf.backend().readSync(info.dataId) as Int32Array)).toEqual([4, 6]);
      tf.backend().disposeData(info.dataId);
    });
  });
});
