import { describe, expect, it } from 'vitest';
import { initBackend, tf } from '@nnunet-ts/tf-backend';
import { slidingWindowInference } from './slidingWindowInference';
import { tfjsWindowPredictor } from './tfjsWindowPredictor';

await initBackend({ backend: 'cpu' });

describe('tfjsWindowPredictor', () => {
  it('a whole-volume window gives model.predict, and windows cover the rest consistently', async () => {
    const input = tf.input({ shape: [null, null, null, 2] });
    const conv = tf.layers.conv3d({ filters: 3, kernelSize: 1, kernelInitializer: 'glorotNormal' });
    const model = tf.model({ inputs: input, outputs: conv.apply(input) as tf.SymbolicTensor });
    const shape = [4, 6, 5];
    const x = tf.randomNormal([1, ...shape, 2], 0, 1, 'float32', 3);
    const volume = x.dataSync() as Float32Array;
    const direct = (model.predict(x) as tf.Tensor).dataSync();
    const whole = await slidingWindowInference(volume, shape, tfjsWindowPredictor(model, shape, 2), {
      patchSize: shape,
      inChannels: 2,
      outChannels: 3,
    });
    expect(Array.from(whole)).toEqual(Array.from(direct).map((v) => expect.closeTo(v, 5)));
    // a pointwise model gives the same result through any window grid
    const windowed = await slidingWindowInference(volume, shape, tfjsWindowPredictor(model, [2, 4, 4], 2), {
      patchSize: [2, 4, 4],
      inChannels: 2,
      outChannels: 3,
      batchSize: 4,
      tta: true,
    });
    expect(Array.from(windowed)).toEqual(Array.from(direct).map((v) => expect.closeTo(v, 5)));
    x.dispose();
    model.dispose();
  });
});
