import * as tf from '@tensorflow/tfjs';
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../initBackend';
import { CONV3D_CASES, describeCase, sizeOf } from '../../testing/convCases';
import { maxScaledError } from '../../testing/finiteDifferences';
import { randomArray } from '../../testing/random';
import { referenceConvBackpropInput, referenceGeometry } from '../../testing/referenceConv';

// Tolerance: float32 sums of at most a few hundred products of values in [-1, 1).
const TOLERANCE = 1e-5;

let stock: KernelConfig;

beforeAll(async () => {
  tf.env().set('IS_TEST', true);
  // Taken before initBackend replaces it; its setup (wasm function binding) is run by hand below.
  stock = tf.getKernel(tf.Conv3DBackpropInputV2, 'wasm');
  await initBackend({ backend: 'wasm' });
  stock.setupFunc?.(tf.backend());
});

describe('wasm Conv3DBackpropInputV2', () => {
  it('stock tfjs-backend-wasm 4.22 kernel returns wrong values (why it is replaced)', () => {
    const spec = CONV3D_CASES[0];
    const dyShape = referenceGeometry(spec).outShape;
    const dyValues = randomArray(sizeOf(dyShape), 1);
    const filterValues = randomArray(sizeOf(spec.filterShape), 2);
    const backend = tf.backend() as BackendWasm;
    const dy = tf.tensor5d(dyValues, dyShape);
    const filter = tf.tensor5d(filterValues, spec.filterShape);
    const out = stock.kernelFunc({
      inputs: { dy, filter },
      attrs: { strides: spec.strides, pad: spec.pad, inputShape: spec.inShape },
      backend,
    }) as TensorInfo;
    const stockValues = backend.readSync(out.dataId) as Float32Array;
    backend.disposeData(out.dataId);
    tf.dispose([dy, filter]);
    const expected = referenceConvBackpropInput(spec, dyValues, filterValues);
    expect(maxScaledError(stockValues, expected)).toBeGreaterThan(0.1);
  });

  it.each(CONV3D_CASES.map((spec) => [describeCase(spec), spec] as const))(
    'replacement matches the brute-force transposed convolution: %s',
    (_, spec) => {
      const dyShape = referenceGeometry(spec).outShape;
      const dyValues = randomArray(sizeOf(dyShape), 3);
      const filterValues = randomArray(sizeOf(spec.filterShape), 4);
      const dx = tf.tidy(() =>
        tf.conv3dTranspose(
          tf.tensor5d(dyValues, dyShape),
          tf.tensor5d(filterValues, spec.filterShape),
          spec.inShape,
          spec.strides,
          spec.pad,
        ),
      );
      expect(dx.shape).toEqual(spec.inShape);
      const expected = referenceConvBackpropInput(spec, dyValues, filterValues);
      expect(maxScaledError(dx.dataSync(), expected)).toBeLessThan(TOLERANCE);
      dx.dispose();
    },
  );
});
