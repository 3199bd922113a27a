import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { beforeAll, expect, it } from 'vitest';
import { initBackend } from '../../initBackend';
import { CONV3D_CASES, describeCase, sizeOf } from '../../testing/convCases';
import { maxScaledError } from '../../testing/finiteDifferences';
import { randomArray } from '../../testing/random';
import { referenceConvBackpropFilter, referenceGeometry } from '../../testing/referenceConv';
import { columnRows, columnWidth, geometryFromConv3DInfo } from './ConvGeometry';
import { wasmConvBackpropFilter } from './wasmConvBackpropFilter';

beforeAll(async () => {
  tf.env().set('IS_TEST', true);
  await initBackend({ backend: 'wasm' });
});

it.each(CONV3D_CASES.map((spec) => [describeCase(spec), spec] as const))(
  'summing over many small row blocks gives the brute-force result and frees every block: %s',
  (_, spec) => {
    const backend = tf.backend() as BackendWasm;
    const dyShape = referenceGeometry(spec).outShape;
    const xValues = randomArray(sizeOf(spec.inShape), 81);
    const dyValues = randomArray(sizeOf(dyShape), 82);
    const g = geometryFromConv3DInfo(
      tf.backend_util.computeConv3DInfo(spec.inShape, spec.filterShape, spec.strides, 1, spec.pad),
    );
    // Blocks of 3 rows: several blocks (and often a short last one) for every case here.
    expect(Math.ceil(columnRows(g) / 3)).toBeGreaterThan(1);
    const x = tf.tensor5d(xValues, spec.inShape);
    const dy = tf.tensor5d(dyValues, dyShape);
    const dataIds = backend.numDataIds();
    const dw = wasmConvBackpropFilter(backend, x, dy, g, spec.filterShape, 3 * columnWidth(g));
    expect(backend.numDataIds()).toBe(dataIds + 1);
    const values = backend.readSync(dw.dataId) as Float32Array;
    backend.disposeData(dw.dataId);
    tf.dispose([x, dy]);
    expect(maxScaledError(values, referenceConvBackpropFilter(spec, xValues, dyValues))).toBeLessThan(1e-5);
  },
);
