import { initBackend, tf } from '@nnunet-ts/tf-backend';
import { tfjsWindowPredictor } from '@nnunet-ts/sliding-window';
import { buildUNet } from '@nnunet-ts/unet-model';
import { createVolume, type Mat4 } from '@nnunet-ts/volume';
import { describe, expect, it } from 'vitest';
import { createModelEnsemble, type InferenceOptions } from './modelEnsemble';
import { predictProbabilities, predictVolume } from './predictVolume';
import { testMember, testModelPlan, testPlan } from './testPlan.fixture';
import type { ModelPlan } from '@nnunet-ts/plans';
import type { WindowPredictor } from '@nnunet-ts/sliding-window';

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

/** One model's ensemble: what the viewer's worker and `predictArrays` callers hold. */
const single = (plan: ModelPlan, predict: WindowPredictor, inference: InferenceOptions = {}) =>
  createModelEnsemble([testMember(plan, predict)], inference);

describe('predictVolume', () => {
  it('labels each voxel with the class its windows predict, on the image grid', async () => {
    const shape: [number, number, number] = [13, 9, 7];
    // no zero: the nonzero crop keeps the whole image
    const data = Float32Array.from({ length: 13 * 9 * 7 }, (_, n) => ((n * 37) % 29) - 8.5);
    const image = createVolume({ data, shape, affine });
    const seen = { min: Infinity, max: -Infinity, windows: 0 };
    const progress: number[][] = [];
    const ensemble = single(testModelPlan(testPlan([4, 4, 8], [1.5, 2, 2]), 3), thresholdPredictor(seen), {
      batchSize: 3,
    });
    const labels = await predictVolume(ensemble, image, {
      onWindows: (done, total) => progress.push([done, total]),
    });
    expect(labels.shape).toEqual(shape);
    expect(labels.affine).toEqual(affine);
    expect([...labels.data]).toEqual([...data].map((x) => (x > 10 ? 2 : x > 0 ? 1 : 0)));
    // windows over [D, H, W] = [7, 9, 13] with patch [4, 4, 8] and overlap 0.5, per axis
    // ceil((size - patch) / (patch / 2)) + 1: 3 × 4 × 3
    expect(seen.windows).toBe(36);
    expect(progress.at(-1)).toEqual([36, 36]);
  });

  it("gives the model's label values, as uint16 when one exceeds 255", async () => {
    const shape: [number, number, number] = [13, 9, 7];
    const data = Float32Array.from({ length: 13 * 9 * 7 }, (_, n) => ((n * 37) % 29) - 8.5);
    const plan = {
      ...testModelPlan(testPlan([4, 4, 8], [1.5, 2, 2]), 3),
      labels: { '0': 'background', '300': 'b', '1000': 'c' },
    };
    const ensemble = single(plan, thresholdPredictor({ min: 0, max: 0, windows: 0 }));
    expect(ensemble.labelMap.values).toEqual([0, 300, 1000]);
    const labels = await predictVolume(ensemble, createVolume({ data, shape, affine }));
    expect(labels.dtype).toBe('uint16');
    expect([...labels.data]).toEqual([...data].map((x) => (x > 10 ? 1000 : x > 0 ? 300 : 0)));
    // labels that do not name every output class cannot be written
    const short = { ...plan, labels: { '0': 'background', '300': 'b' } };
    expect(() => single(short, thresholdPredictor({ min: 0, max: 0, windows: 0 }))).toThrow(
      'test model: labels: 2 label values for 3 classes',
    );
  });

  it("normalizes with the plan's scheme before predicting", async () => {
    const data = Float32Array.from({ length: 8 * 8 * 4 }, (_, n) => 1 + ((n * 53) % 3000));
    const image = createVolume({ data, shape: [8, 8, 4], affine });
    const seen = { min: Infinity, max: -Infinity, windows: 0 };
    const plan = testPlan(
      [4, 8, 8],
      [1.5, 2, 2],
      [{ scheme: 'ct', clip: [500, 1500], mean: 1000, std: 250 }],
    );
    await predictVolume(single(testModelPlan(plan, 3), thresholdPredictor(seen)), image);
    // clipped to [500, 1500], then (x - 1000) / 250
    expect([seen.min, seen.max]).toEqual([-2, 2]);
  });

  it('resamples to the plan spacing and back to the image grid', async () => {
    // a half space, x < 12 mm in world i, on 2 mm voxels; the plan wants 1 mm in-plane
    const shape: [number, number, number] = [12, 10, 6];
    const data = Float32Array.from({ length: 12 * 10 * 6 }, (_, n) => (n % 12 < 6 ? 20 : 5));
    const image = createVolume({ data, shape, affine });
    const seen = { min: Infinity, max: -Infinity, windows: 0 };
    const ensemble = single(testModelPlan(testPlan([4, 8, 8], [1.5, 1, 1]), 3), thresholdPredictor(seen));
    const labels = await predictVolume(ensemble, image);
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
    const ensemble = single(testModelPlan(plan, 3), tfjsWindowPredictor(model, [4, 8, 8], 1));
    const labels = await predictVolume(ensemble, image);
    // NIfTI order (i fastest) is row-major [D, H, W] = [k, j, i]: the tensor is the data as it is
    const direct = tf.tidy(() => (model.predict(tf.tensor(data, [1, 4, 8, 8, 1])) as tf.Tensor).argMax(-1));
    const expected = await direct.data();
    direct.dispose();
    model.dispose();
    expect([...labels.data]).toEqual([...expected]);
    // a random network still has to say more than one thing for this test to mean something
    expect(new Set(labels.data).size).toBeGreaterThan(1);
  });

  it('ensembles folds in preprocessed space and configurations on the original grid', async () => {
    const shape: [number, number, number] = [12, 10, 6];
    const data = Float32Array.from({ length: 12 * 10 * 6 }, (_, n) => ((n * 37) % 29) - 8.5);
    const image = createVolume({ data, shape, affine });
    const seen = { min: Infinity, max: -Infinity, windows: 0 };
    // a second "fold": the same logits, sharper, so its softmax differs
    const sharper: WindowPredictor = async (windows, count) =>
      (await thresholdPredictor(seen)(windows, count)).map((x) => 3 * x);
    const native = testModelPlan(testPlan([4, 8, 8], [1.5, 2, 2]), 3);
    const fine = testModelPlan(testPlan([4, 8, 8], [1.5, 1, 1]), 3);
    const probabilities = async (...members: [ModelPlan, WindowPredictor][]) => {
      const ensemble = createModelEnsemble(members.map(([plan, predict]) => testMember(plan, predict)));
      return { groups: ensemble.groups.length, volume: await predictProbabilities(ensemble, image) };
    };
    const a = await probabilities([native, thresholdPredictor(seen)]);
    const b = await probabilities([native, sharper]);
    const c = await probabilities([fine, thresholdPredictor(seen)]);
    const folds = await probabilities([native, thresholdPredictor(seen)], [native, sharper]);
    const configurations = await probabilities(
      [native, thresholdPredictor(seen)],
      [fine, thresholdPredictor(seen)],
    );
    expect([folds.groups, configurations.groups]).toEqual([1, 2]);
    expect(configurations.volume.shape).toEqual(shape);
    expect(configurations.volume.channels).toBe(3);
    let worstFolds = 0;
    let worstConfigurations = 0;
    let apart = 0;
    for (let i = 0; i < a.volume.data.length; i++) {
      const [pa, pb, pc] = [a.volume.data[i]!, b.volume.data[i]!, c.volume.data[i]!];
      // equal on the original grid here: the groups were resampled with the same (linear) kernel
      worstFolds = Math.max(worstFolds, Math.abs(folds.volume.data[i]! - (pa + pb) / 2));
      worstConfigurations = Math.max(
        worstConfigurations,
        Math.abs(configurations.volume.data[i]! - (pa + pc) / 2),
      );
      apart = Math.max(apart, Math.abs(pa - pc), Math.abs(pa - pb));
    }
    expect(apart).toBeGreaterThan(0.05);
    expect(worstFolds).toBeLessThan(1e-5);
    expect(worstConfigurations).toBeLessThan(1e-6);
  });

  it('refuses to ensemble models of other classes or channels, naming both', () => {
    const plan = testModelPlan(testPlan([4, 8, 8], [1.5, 2, 2]), 3);
    const other = testModelPlan(testPlan([4, 8, 8], [1.5, 2, 2]), 4);
    const predictor = thresholdPredictor({ min: 0, max: 0, windows: 0 });
    expect(() =>
      createModelEnsemble([
        testMember(plan, predictor, 'a/model.json'),
        testMember(other, predictor, 'b/model.json'),
      ]),
    ).toThrow('b/model.json and a/model.json cannot be ensembled: their classes, labels or channels differ');
    expect(() => createModelEnsemble([])).toThrow('prediction needs at least one model');
  });
});
