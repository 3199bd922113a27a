import { initBackend, tf } from '@nnunet-ts/tf-backend';
import { tfjsWindowPredictor } from '@nnunet-ts/sliding-window';
import { buildUNet } from '@nnunet-ts/unet-model';
import { createVolume, type Mat4 } from '@nnunet-ts/volume';
import { describe, expect, it } from 'vitest';
import { segmentVolume } from './segmentVolume';
import { testModelPlan, testPlan } from './testPlan.fixture';

await initBackend({ backend: 'cpu' });

/** Voxel size (2, 2, 1.5) mm, i pointing left: network spacing [D, H, W] = [1.5, 2, 2]. */
const affine: Mat4 = [
  [-2, 0, 0, 5],
  [0, 2, 0, -5],
  [0, 0, 1.5, 7],
  [0, 0, 0, 1],
];

/** A predictor whose logits at a voxel depend on that voxel alone: class 1 above 0, class 2 above 10. */
function thresholdPredictor(seen: { min: number; max: number; windows: number }) {
  return (windows: Float32Array, count: number) => {
    seen.windows += count;
    const out = new Float32Array(windows.length * 3);
    windows.forEach((x, v) => {
      seen.min = Math.min(seen.min, x);
      seen.max = Math.max(seen.max, x);
      out.set([0, x > 0 ? 1 : -1, x > 10 ? 2 : -2], v * 3);
    });
    return out;
  };
}

describe('segmentVolume', () => {
  it('labels each voxel with the class its windows predict, on the image grid', async () => {
    const shape: [number, number, number] = [13, 9, 7];
    // no zero: the nonzero crop keeps the whole image
    const data = Float32Array.from({ length: 13 * 9 * 7 }, (_, n) => ((n * 37) % 29) - 8.5);
    const image = createVolume({ data, shape, affine });
    const seen = { min: Infinity, max: -Infinity, windows: 0 };
    const progress: number[][] = [];
    const labels = await segmentVolume(image, {
      plan: testModelPlan(testPlan([4, 4, 8], [1.5, 2, 2]), 3),
      batchSize: 3,
      predict: thresholdPredictor(seen),
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(labels.shape).toEqual(shape);
    expect(labels.affine).toEqual(affine);
    expect([...labels.data]).toEqual([...data].map((x) => (x > 10 ? 2 : x > 0 ? 1 : 0)));
    // windows over [D, H, W] = [7, 9, 13] with patch [4, 4, 8] and overlap 0.5, per axis
    // ceil((size - patch) / (patch / 2)) + 1: 3 × 4 × 3
    expect(seen.windows).toBe(36);
    expect(progress.at(-1)).toEqual([36, 36]);
  });

  it("normalizes with the plan's scheme before predicting", async () => {
    const data = Float32Array.from({ length: 8 * 8 * 4 }, (_, n) => 1 + ((n * 53) % 3000));
    const image = createVolume({ data, shape: [8, 8, 4], affine });
    const seen = { min: Infinity, max: -Infinity, windows: 0 };
    await segmentVolume(image, {
      plan: testModelPlan(
        testPlan([4, 8, 8], [1.5, 2, 2], [{ scheme: 'ct', clip: [500, 1500], mean: 1000, std: 250 }]),
        3,
      ),
      predict: thresholdPredictor(seen),
    });
    // clipped to [500, 1500], then (x - 1000) / 250
    expect([seen.min, seen.max]).toEqual([-2, 2]);
  });

  it('resamples to the plan spacing and back to the image grid', async () => {
    // a half space, x < 12 mm in world i, on 2 mm voxels; the plan wants 1 mm in-plane
    const shape: [number, number, number] = [12, 10, 6];
    const data = Float32Array.from({ length: 12 * 10 * 6 }, (_, n) => (n % 12 < 6 ? 20 : 5));
    const image = createVolume({ data, shape, affine });
    const seen = { min: Infinity, max: -Infinity, windows: 0 };
    const labels = await segmentVolume(image, {
      plan: testModelPlan(testPlan([4, 8, 8], [1.5, 1, 1]), 3),
      predict: thresholdPredictor(seen),
    });
    expect(labels.shape).toEqual(shape);
    expect(labels.affine).toEqual(affine);
    // windows over the resampled [6, 20, 24]: 2 × 4 × 5
    expect(seen.windows).toBe(40);
    expect([...labels.data]).toEqual([...data].map((x) => (x === 20 ? 2 : 1)));
  });

  it('gives what the model predicts on the whole image when one window covers it (tfjs, cpu)', async () => {
    const plan = testPlan([4, 8, 8], [1.5, 2, 2]);
    const model = buildUNet({ topology: plan.topology, inChannels: 1, classes: 3, seed: 7 });
    const shape: [number, number, number] = [8, 8, 4];
    const data = Float32Array.from({ length: 256 }, (_, n) => 3 + Math.sin(n * 0.7) + Math.cos(n * 0.13));
    const image = createVolume({ data, shape, affine });
    const labels = await segmentVolume(image, {
      plan: testModelPlan(plan, 3),
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
