import * as tf from '@tensorflow/tfjs';
import type { KernelConfig, NamedAttrMap, Tensor, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../initBackend';
import { CONV3D_CASES, describeCase, sizeOf } from '../../testing/convCases';
import { maxScaledError } from '../../testing/finiteDifferences';
import { randomArray } from '../../testing/random';
import {
  referenceConvBackpropFilter,
  referenceGeometry,
  type ReferenceConvSpec,
} from '../../testing/referenceConv';

const TOLERANCE = 1e-5;

let stock: KernelConfig;

beforeAll(async () => {
  tf.env().set('IS_TEST', true);
  stock = tf.getKernel(tf.Conv3DBackpropFilterV2, 'wasm');
  await initBackend({ backend: 'wasm' });
  stock.setupFunc?.(tf.backend());
});

function inputsFor(spec: ReferenceConvSpec) {
  const dyShape = referenceGeometry(spec).outShape;
  const xValues = randomArray(sizeOf(spec.inShape), 5);
  const dyValues = randomArray(sizeOf(dyShape), 6);
  const attrs = { strides: spec.strides, pad: spec.pad, filterShape: spec.filterShape };
  return {
    dyShape,
    xValues,
    dyValues,
    attrs,
    expected: referenceConvBackpropFilter(spec, xValues, dyValues),
  };
}

describe('wasm Conv3DBackpropFilterV2', () => {
  it('stock tfjs-backend-wasm 4.22 kernel is right for stride 1 but wrong for stride 2 (why it is replaced)', () => {
    const backend = tf.backend() as BackendWasm;
    const errors = [CONV3D_CASES[0], CONV3D_CASES[2]].map((spec) => {
      const { dyShape, xValues, dyValues, attrs, expected } = inputsFor(spec);
      const x = tf.tensor5d(xValues, spec.inShape);
      const dy = tf.tensor5d(dyValues, dyShape);
      const out = stock.kernelFunc({ inputs: { x, dy }, attrs, backend }) as TensorInfo;
      const values = backend.readSync(out.dataId) as Float32Array;
      backend.disposeData(out.dataId);
      tf.dispose([x, dy]);
      return maxScaledError(values, expected);
    });
    expect(errors[0]).toBeLessThan(TOLERANCE);
    expect(errors[1]).toBeGreaterThan(0.1);
  });

  it.each(CONV3D_CASES.map((spec) => [describeCase(spec), spec] as const))(
    'replacement matches the brute-force filter gradient: %s',
    (_, spec) => {
      const { dyShape, xValues, dyValues, attrs, expected } = inputsFor(spec);
      const dw = tf.tidy(
        () =>
          tf
            .engine()
            .runKernel(
              tf.Conv3DBackpropFilterV2,
              { x: tf.tensor5d(xValues, spec.inShape), dy: tf.tensor5d(dyValues, dyShape) },
              attrs as unknown as NamedAttrMap,
            ) as Tensor,
      );
      expect(dw.shape).toEqual(spec.filterShape);
      expect(maxScaledError(dw.dataSync(), expected)).toBeLessThan(TOLERANCE);
      dw.dispose();
    },
  );
});
