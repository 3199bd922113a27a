import * as tf from '@tensorflow/tfjs';
import type { NamedAttrMap, Tensor } from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../initBackend';
import { as2D, CONV2D_CASES, describeCase, sizeOf } from '../../testing/convCases';
import { maxScaledError } from '../../testing/finiteDifferences';
import { randomArray } from '../../testing/random';
import { referenceConvBackpropFilter, referenceGeometry } from '../../testing/referenceConv';
import { CONV2D_GRID, onCpuAndWasm, relativeError, valuesOf } from './conv2DGrid.fixture';

const TOLERANCE = 1e-5;

let stockMissing: boolean;
let onGrid: Awaited<ReturnType<typeof onCpuAndWasm>>;

beforeAll(async () => {
  tf.env().set('IS_TEST', true);
  stockMissing = tf.getKernel(tf.Conv2DBackpropFilter, 'wasm') === undefined;
  onGrid = await onCpuAndWasm(tf.Conv2DBackpropFilter, (c) => ({
    inputs: { x: [valuesOf(c.inShape, 31), c.inShape], dy: [valuesOf(c.outShape, 32), c.outShape] },
    attrs: { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', filterShape: c.filterShape },
  }));
  await initBackend({ backend: 'wasm' });
});

describe('wasm Conv2DBackpropFilter', () => {
  it('is missing from stock tfjs-backend-wasm 4.22 (why it is added)', () => {
    expect(stockMissing).toBe(true);
  });

  it.each(CONV2D_CASES.map((spec) => [describeCase(spec), spec] as const))(
    'matches the brute-force filter gradient: %s',
    (_, spec) => {
      const { inShape, filterShape, strides } = as2D(spec);
      const [n, , oh, ow, co] = referenceGeometry(spec).outShape;
      const xValues = randomArray(sizeOf(inShape), 7);
      const dyValues = randomArray(n * oh * ow * co, 8);
      const dw = tf.tidy(
        () =>
          tf
            .engine()
            .runKernel(
              tf.Conv2DBackpropFilter,
              { x: tf.tensor4d(xValues, inShape), dy: tf.tensor4d(dyValues, [n, oh, ow, co]) },
              { strides, pad: spec.pad, dataFormat: 'NHWC', filterShape } as unknown as NamedAttrMap,
            ) as Tensor,
      );
      expect(dw.shape).toEqual(filterShape);
      expect(
        maxScaledError(dw.dataSync(), referenceConvBackpropFilter(spec, xValues, dyValues)),
      ).toBeLessThan(TOLERANCE);
      dw.dispose();
    },
  );

  it.each(CONV2D_GRID.map((c, i) => [c.label, i] as const))('matches tfjs cpu to 1e-4: %s', (_, i) => {
    const { c, cpu, wasm } = onGrid[i]!;
    expect(wasm.length).toBe(c.filterShape.reduce((a, b) => a * b, 1));
    expect(relativeError(wasm, cpu)).toBeLessThan(1e-4);
  });

  it('rejects NCHW with an error naming the kernel', () => {
    const run = () =>
      tf.tidy(() =>
        tf
          .engine()
          .runKernel(tf.Conv2DBackpropFilter, { x: tf.zeros([1, 2, 4, 4]), dy: tf.zeros([1, 2, 4, 4]) }, {
            strides: 1,
            pad: 'same',
            dataFormat: 'NCHW',
            filterShape: [3, 3, 2, 2],
          } as unknown as NamedAttrMap),
      );
    expect(run).toThrow(/Conv2DBackpropFilter \(wasm\): only dataFormat 'NHWC'/);
  });
});
