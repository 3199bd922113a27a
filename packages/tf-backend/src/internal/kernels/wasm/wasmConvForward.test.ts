import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { beforeAll, expect, it } from 'vitest';
import { initBackend } from '../../initBackend';
import { CONV3D_CASES, describeCase, DILATED_CONV3D_CASE, sizeOf } from '../../testing/convCases';
import { maxScaledError } from '../../testing/finiteDifferences';
import { randomArray } from '../../testing/random';
import { referenceConv } from '../../testing/referenceConv';
import { columnRows, columnWidth, geometryFromConv3DInfo } from './ConvGeometry';
import { wasmConvForward } from './wasmConvForward';

beforeAll(async () => {
  tf.env().set('IS_TEST', true);
  await initBackend({ backend: 'wasm' });
});

it.each([...CONV3D_CASES, DILATED_CONV3D_CASE].map((spec) => [describeCase(spec), spec] as const))(
  'many small row blocks give the brute-force result and free every block: %s',
  (_, spec) => {
    const backend = tf.backend() as BackendWasm;
    const xValues = randomArray(sizeOf(spec.inShape), 111);
    const filterValues = randomArray(sizeOf(spec.filterShape), 112);
    const info = tf.backend_util.computeConv3DInfo(
      spec.inShape,
      spec.filterShape,
      spec.strides,
      spec.dilations ?? 1,
      spec.pad,
    );
    const g = geometryFromConv3DInfo(info);
    // Blocks of 3 rows: several blocks (and often a short last one) for every case here.
    expect(Math.ceil(columnRows(g) / 3)).toBeGreaterThan(1);
    const x = tf.tensor5d(xValues, spec.inShape);
    const filter = tf.tensor5d(filterValues, spec.filterShape);
    const dataIds = backend.numDataIds();
    const y = wasmConvForward(backend, x, filter, g, info.outShape, 3 * columnWidth(g));
    expect(backend.numDataIds()).toBe(dataIds + 1);
    const values = backend.readSync(y.dataId) as Float32Array;
    backend.disposeData(y.dataId);
    tf.dispose([x, filter]);
    expect(maxScaledError(values, referenceConv(spec, xValues, filterValues))).toBeLessThan(1e-5);
  },
);
