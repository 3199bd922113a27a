import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../initBackend';
import { CONV3D_CASES, describeCase, DILATED_CONV3D_CASE, sizeOf } from '../../testing/convCases';
import { maxScaledError } from '../../testing/finiteDifferences';
import { randomArray } from '../../testing/random';
import { referenceConv, referenceGeometry } from '../../testing/referenceConv';

const TOLERANCE = 1e-5;

beforeAll(async () => {
  tf.env().set('IS_TEST', true);
  await initBackend({ backend: 'wasm' });
});

describe('wasm Conv3D (im2col + matMul)', () => {
  it.each([...CONV3D_CASES, DILATED_CONV3D_CASE].map((spec) => [describeCase(spec), spec] as const))(
    'matches the brute-force convolution: %s',
    (_, spec) => {
      const xValues = randomArray(sizeOf(spec.inShape), 101);
      const filterValues = randomArray(sizeOf(spec.filterShape), 102);
      const y = tf.tidy(() =>
        tf.conv3d(
          tf.tensor5d(xValues, spec.inShape),
          tf.tensor5d(filterValues, spec.filterShape),
          spec.strides,
          spec.pad,
          'NDHWC',
          spec.dilations,
        ),
      );
      expect(y.shape).toEqual(referenceGeometry(spec).outShape);
      expect(maxScaledError(y.dataSync(), referenceConv(spec, xValues, filterValues))).toBeLessThan(
        TOLERANCE,
      );
      y.dispose();
    },
  );
});
