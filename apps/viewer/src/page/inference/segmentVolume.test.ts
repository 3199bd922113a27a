import { initBackend, tf } from '@nnunet-ts/tf-backend';
import { tfjsWindowPredictor } from '@nnunet-ts/sliding-window';
import { buildUNet } from '@nnunet-ts/unet-model';
import { createVolume, type Mat4 } from '@nnunet-ts/volume';
import { describe, expect, it } from 'vitest';
import { segmentVolume } from './segmentVolume';

await initBackend({ backend: 'cpu' });

const affine: Mat4 = [
  [-2, 0, 0, 5],
  [0, 2, 0, -5],
  [0, 0, 1.5, 7],
  [0, 0, 0, 1],
];

describe('segmentVolume', () => {
  it('labels each voxel with the class its windows predict, on the image grid', async () => {
    // a predictor whose logits for a voxel depend on that voxel alone: class 1 where the input is
    // above 0, class 2 above 10; blending windows keeps that exactly
    const shape: [number, number, number] = [13, 9, 7];
    const data = Float32Array.from({ length: 13 * 9 * 7 }, (_, n) => ((n * 37) % 29) - 8);
    const image = createVolume({ data, shape, affine });
    let calls = 0;
    const progress: number[][] = [];
    const labels = await segmentVolume(image, {
      plan: { patchSize: [4, 4, 8], spacing: [1.5, 2, 2] },
      classes: 3,
      batchSize: 3,
      predict: (windows, count) => {
        calls += count;
        const out = new Float32Array(windows.length * 3);
        windows.forEach((x, v) => out.set([0, x > 0 ? 1 : -1, x > 10 ? 2 : -2], v * 3));
        return out;
      },
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(labels.shape).toEqual(shape);
    expect(labels.affine).toEqual(affine);
    expect([...labels.data]).toEqual([...data].map((x) => (x > 10 ? 2 : x > 0 ? 1 : 0)));
    // windows over [D, H, W] = [7, 9, 13] with patch [4, 4, 8] and overlap 0.5, per axis
    // ceil((size - patch) / (patch / 2)) + 1: 3 × 4 × 3
    expect(calls).toBe(36);
    expect(progress.at(-1)).toEqual([36, 36]);
  });

  it('gives what the model predicts on the whole image when one window covers it (tfjs, cpu)', async () => {
    const model = buildUNet({
      topology: {
        kernels: [
          [3, 3, 3],
          [3, 3, 3],
        ],
        strides: [
          [1, 1, 1],
          [2, 2, 2],
        ],
        filters: [4, 8],
        patchSize: [4, 8, 8],
      },
      inChannels: 1,
      classes: 3,
      seed: 7,
    });
    const shape: [number, number, number] = [8, 8, 4];
    const data = Float32Array.from({ length: 256 }, (_, n) => Math.sin(n * 0.7) + Math.cos(n * 0.13));
    const image = createVolume({ data, shape, affine });
    const labels = await segmentVolume(image, {
      plan: { patchSize: [4, 8, 8], spacing: [1.5, 2, 2] },
      classes: 3,
      predict: tfjsWindowPredictor(model, [4, 8, 8], 1),
    });
    // NIfTI order (i fastest) is row-major [D, H, W] = [k, j, i]: the tensor is the data as it is
    const direct = tf.tidy(() => (model.predict(tf.tensor(data, [1, 4, 8, 8, 1])) as tf.Tensor).argMax(-1));
    const expected = await direct.data();
    direct.dispose();
    model.dispose();
    expect([...labels.data]).toEqual([...expected]);
    // a random network still has to say more than one thing for this test to mean something
    expect(new Set(labels.data).size).toBeGreaterThan(1);
  });
});
