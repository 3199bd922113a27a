import * as tf from '@tensorflow/tfjs';
import { expect, it } from 'vitest';
import { weightDataByteLength } from './weightDataByteLength';

it('matches what tf.io.encodeWeights produces, for numeric, bool and string weights', async () => {
  const tensors = {
    a: tf.zeros([2, 3]),
    b: tf.tensor([1, 2, 3], [3], 'int32'),
    c: tf.tensor([true, false], [2], 'bool'),
    d: tf.tensor(['ab', 'çé', ''], [3], 'string'),
  };
  const { data, specs } = await tf.io.encodeWeights(tensors);
  expect(weightDataByteLength(specs, data)).toBe(data.byteLength);
  tf.dispose(Object.values(tensors));
});

it('counts quantized weights at their stored width', () => {
  const specs: tf.io.WeightsManifestEntry[] = [
    { name: 'q8', shape: [4, 5], dtype: 'float32', quantization: { dtype: 'uint8', scale: 1, min: 0 } },
    { name: 'q16', shape: [3], dtype: 'float32', quantization: { dtype: 'float16' } },
  ];
  expect(weightDataByteLength(specs, new ArrayBuffer(0))).toBe(20 + 6);
});

it('reports a size past the end when string lengths run off the data', () => {
  const specs: tf.io.WeightsManifestEntry[] = [{ name: 's', shape: [2], dtype: 'string' }];
  const data = new Uint32Array([3]).buffer; // one length prefix, no bytes, no second value
  expect(weightDataByteLength(specs, data)).toBeGreaterThan(data.byteLength);
});
