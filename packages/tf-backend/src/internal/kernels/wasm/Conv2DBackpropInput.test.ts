import * as tf from '@tensorflow/tfjs';
import type { NamedAttrMap } from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../initBackend';
import { conv2DBackpropInputWasmConfig } from './Conv2DBackpropInput';
import { CONV2D_GRID, onCpuAndWasm, relativeError, valuesOf } from './conv2DGrid.fixture';

let results: Awaited<ReturnType<typeof onCpuAndWasm>>;

beforeAll(async () => {
  tf.env().set('IS_TEST', true);
  results = await onCpuAndWasm(tf.Conv2DBackpropInput, (c) => ({
    inputs: {
      dy: [valuesOf(c.outShape, 21), c.outShape],
      filter: [valuesOf(c.filterShape, 22), c.filterShape],
    },
    attrs: { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', inputShape: c.inShape },
  }));
});

describe('wasm Conv2DBackpropInput (col2im + matMul)', () => {
  it('replaces the stock kernel', () => {
    expect(tf.getKernel(tf.Conv2DBackpropInput, 'wasm')).toBe(conv2DBackpropInputWasmConfig);
  });

  it.each(CONV2D_GRID.map((c, i) => [c.label, i] as const))('matches tfjs cpu to 1e-4: %s', (_, i) => {
    const { c, cpu, wasm } = results[i]!;
    expect(wasm.length).toBe(c.inShape.reduce((a, b) => a * b, 1));
    expect(relativeError(wasm, cpu)).toBeLessThan(1e-4);
  });

  it('rejects NCHW with an error naming the kernel', async () => {
    await initBackend({ backend: 'wasm' });
    const run = () =>
      tf.tidy(() =>
        tf
          .engine()
          .runKernel(tf.Conv2DBackpropInput, { dy: tf.zeros([1, 2, 4, 4]), filter: tf.zeros([3, 3, 2, 2]) }, {
            strides: 1,
            pad: 'same',
            dataFormat: 'NCHW',
            inputShape: [1, 2, 4, 4],
          } as unknown as NamedAttrMap),
      );
    expect(run).toThrow(/Conv2DBackpropInput \(wasm\): only dataFormat 'NHWC'/);
  });
});
