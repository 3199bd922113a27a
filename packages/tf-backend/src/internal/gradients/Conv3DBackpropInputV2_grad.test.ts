import * as tf from '@tensorflow/tfjs';
import type { Tensor5D } from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../initBackend';
import { CONV3D_CASES, describeCase, sizeOf } from '../testing/convCases';
import { dot, finiteDifferenceGradient, maxScaledError } from '../testing/finiteDifferences';
import { nativeKernelsAvailable } from '../testing/nativeKernelsAvailable';
import { randomArray } from '../testing/random';
import { referenceConvBackpropInput, referenceGeometry } from '../testing/referenceConv';

// tfjs computes in float32, the finite differences in float64 on the brute-force reference
// (exact up to rounding: the loss is linear in each argument). 1e-4 leaves room for float32
// accumulation over a few hundred terms and nothing more.
const TOLERANCE = 1e-4;

const nativeAvailable = await nativeKernelsAvailable();

beforeAll(() => {
  tf.env().set('IS_TEST', true);
});

it('tfjs 4.22 itself has no gradient for Conv3DBackpropInputV2 until initBackend registers one', async () => {
  expect(tf.getGradient(tf.Conv3DBackpropInputV2)).toBeUndefined();
  await initBackend({ backend: 'cpu' });
  expect(tf.getGradient(tf.Conv3DBackpropInputV2)).toBeDefined();
});

// `native` (kernels-native on tfjs cpu) is reported as skipped where its addon is not built.
for (const backend of ['cpu', 'wasm', 'native'] as const) {
  describe.skipIf(backend === 'native' && !nativeAvailable)(`conv3dTranspose gradients on ${backend}`, () => {
    beforeAll(async () => {
      await initBackend({ backend });
    });

    it.each(CONV3D_CASES.map((spec) => [describeCase(spec), spec] as const))(
      'match finite differences: %s',
      (_, spec) => {
        // L(dy, w) = Σ R ⊙ conv3dTranspose(dy, w) for a fixed random R.
        const dyShape = referenceGeometry(spec).outShape;
        const dyValues = randomArray(sizeOf(dyShape), 11);
        const filterValues = randomArray(sizeOf(spec.filterShape), 12);
        const weights = randomArray(sizeOf(spec.inShape), 13);
        const [gradDy, gradFilter] = tf.tidy(() => {
          const r = tf.tensor5d(weights, spec.inShape);
          const loss = (dy: tf.Tensor, filter: tf.Tensor) =>
            tf.sum(
              tf.mul(
                r,
                tf.conv3dTranspose(dy as Tensor5D, filter as Tensor5D, spec.inShape, spec.strides, spec.pad),
              ),
            );
          return tf.grads(loss)([
            tf.tensor5d(dyValues, dyShape),
            tf.tensor5d(filterValues, spec.filterShape),
          ]);
        });
        const numericDy = finiteDifferenceGradient(
          (dy) => dot(weights, referenceConvBackpropInput(spec, dy, filterValues)),
          dyValues,
        );
        const numericFilter = finiteDifferenceGradient(
          (filter) => dot(weights, referenceConvBackpropInput(spec, dyValues, filter)),
          filterValues,
        );
        expect(maxScaledError(gradDy.dataSync(), numericDy)).toBeLessThan(TOLERANCE);
        expect(maxScaledError(gradFilter.dataSync(), numericFilter)).toBeLessThan(TOLERANCE);
        tf.dispose([gradDy, gradFilter]);
      },
    );
  });
}
