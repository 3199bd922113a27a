import * as tf from '@tensorflow/tfjs';
import type { Tensor4D, Tensor5D } from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from './initBackend';
import { as2D, CONV2D_CASES, CONV3D_CASES, describeCase, sizeOf } from './testing/convCases';
import { dot, finiteDifferenceGradient, maxScaledError } from './testing/finiteDifferences';
import { nativeKernelsAvailable } from './testing/nativeKernelsAvailable';
import { randomArray } from './testing/random';
import { referenceConv, referenceGeometry, type ReferenceConvSpec } from './testing/referenceConv';

// tfjs float32 gradients against float64 central differences of the brute-force reference
// (the loss is linear in each argument, so the differences are exact up to rounding).
const TOLERANCE = 1e-4;

const nativeAvailable = await nativeKernelsAvailable();

beforeAll(() => {
  tf.env().set('IS_TEST', true);
});

/** Gradients of L(x, w) = Σ R ⊙ conv(x, w): from tfjs and from finite differences. */
function gradients(spec: ReferenceConvSpec, conv: (x: tf.Tensor, w: tf.Tensor) => tf.Tensor, seed: number) {
  const xValues = randomArray(sizeOf(spec.inShape), seed);
  const filterValues = randomArray(sizeOf(spec.filterShape), seed + 1);
  const outShape = referenceGeometry(spec).outShape;
  const weights = randomArray(sizeOf(outShape), seed + 2);
  const [gradX, gradFilter] = tf.tidy(() => {
    const x = tf.tensor(xValues, spec.inShape);
    const w = tf.tensor(filterValues, spec.filterShape);
    const r = tf.tensor(weights, outShape);
    return tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(r, tf.reshape(conv(a, b), outShape))))([
      x,
      w,
    ]);
  });
  const result = {
    x: maxScaledError(
      gradX.dataSync(),
      finiteDifferenceGradient((x) => dot(weights, referenceConv(spec, x, filterValues)), xValues),
    ),
    filter: maxScaledError(
      gradFilter.dataSync(),
      finiteDifferenceGradient((w) => dot(weights, referenceConv(spec, xValues, w)), filterValues),
    ),
  };
  tf.dispose([gradX, gradFilter]);
  return result;
}

// `native` (kernels-native on tfjs cpu) is reported as skipped where its addon is not built.
for (const backend of ['cpu', 'wasm', 'native'] as const) {
  describe.skipIf(backend === 'native' && !nativeAvailable)(`convolution gradients on ${backend}`, () => {
    beforeAll(async () => {
      await initBackend({ backend });
    });

    it.each(CONV3D_CASES.map((spec) => [describeCase(spec), spec] as const))(
      'conv3d matches finite differences: %s',
      (_, spec) => {
        const errors = gradients(
          spec,
          (x, w) => tf.conv3d(x as Tensor5D, w as Tensor5D, spec.strides, spec.pad),
          21,
        );
        expect(errors.x).toBeLessThan(TOLERANCE);
        expect(errors.filter).toBeLessThan(TOLERANCE);
      },
    );

    it.each(CONV2D_CASES.map((spec) => [describeCase(spec), spec] as const))(
      'conv2d (Conv2DBackpropFilter) matches finite differences: %s',
      (_, spec) => {
        const { inShape, filterShape, strides } = as2D(spec);
        const errors = gradients(
          spec,
          (x, w) =>
            tf.conv2d(
              tf.reshape(x, inShape) as Tensor4D,
              tf.reshape(w, filterShape) as Tensor4D,
              strides,
              spec.pad,
            ),
          31,
        );
        expect(errors.x).toBeLessThan(TOLERANCE);
        expect(errors.filter).toBeLessThan(TOLERANCE);
      },
    );
  });
}
