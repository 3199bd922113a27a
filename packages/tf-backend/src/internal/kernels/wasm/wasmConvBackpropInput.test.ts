import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { beforeAll, expect, it } from 'vitest';
import { initBackend } from '../../initBackend';
import { CONV3D_CASES, describeCase, sizeOf } from '../../testing/convCases';
import { maxScaledError } from '../../testing/finiteDifferences';
import { randomArray } from '../../testing/random';
import { referenceConvBackpropInput, referenceGeometry } from '../../testing/referenceConv';
import { columnRows, columnWidth, geometryFromConv3DInfo } from './ConvGeometry';
import { wasmConvBackpropInput } from './wasmConvBackpropInput';

beforeAll(async () => {
  tf.env().set('IS_TEST', true);
  await initBackend({ backend: 'wasm' });
});

it.each(CONV3D_CASES.map((spec) => [describeCase(spec), spec] as const))(
  'scattering many small row blocks gives the brute-force result and frees every block: %s',
  (_, spec) => {
    const backend = tf.backend() as BackendWasm;
    const dyShape = referenceGeometry(spec).outShape;
    const dyValues = randomArray(sizeOf(dyShape), 91);
    const filterValues = randomArray(sizeOf(spec.filterShape), 92);
    const g = geometryFromConv3DInfo(
      tf.backend_util.computeConv3DInfo(spec.inShape, spec.filterShape, spec.strides, 1, spec.pad),
    );
    expect(Math.ceil(columnRows(g) / 3)).toBeGreaterThan(1);
    const dy = tf.tensor5d(dyValues, dyShape);
    const filter = tf.tensor5d(filterValues, spec.filterShape);
    const dataIds = backend.numDataIds();
    const dx = wasmConvBackpropInput(backend, dy, filter, g, spec.inShape, 3 * columnWidth(g));
    expect(backend.numDataIds()).toBe(dataIds + 1);
    const values = backend.readSync(dx.dataId) as Float32Array;
    backend.disposeData(dx.dataId);
    tf.dispose([dy, filter]);
    expect(maxScaledError(values, referenceConvBackpropInput(spec, dyValues, filterValues))).toBeLessThan(
      1e-5,
    );
  },
);
