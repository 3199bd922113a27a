import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend, tf } from '@nnunet-ts/tf-backend';
import { nvidiaTopology } from '@nnunet-ts/plans';
import { buildUNet } from '@nnunet-ts/unet-model';
import { deepSupervisionLoss, l2WeightDecay, l2WeightDecayCoefficients } from '@nnunet-ts/losses-metrics';
import { createTrainStep } from './trainStep';
import { adam } from './optimizers/adam';
import { learningRateAt } from './learningRateSchedule';
import { loadTrainingCheckpoint, saveTrainingCheckpoint } from './trainingCheckpoint';

await initBackend({ backend: 'cpu' });
const dir = mkdtempSync(join(tmpdir(), 'nnunet-train-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const size = 8;
const topology = { ...nvidiaTopology([size, size, size], [1, 1, 1]), filters: [4, 8] };
const makeModel = () => buildUNet({ topology, inChannels: 1, classes: 2, deepSupervision: false, seed: 3 });

/** Batch `i` of a deterministic synthetic stream: what a seeded loader gives for (seed, step). */
function batch(i: number) {
  let state = 1000 + i;
  const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const image = Float32Array.from({ length: 2 * size ** 3 }, () => next() * 2 - 1);
  const label = Uint8Array.from(image, (v) => (v > 0.3 ? 1 : 0));
  return { image, label, shape: [2, size, size, size], channels: 1 };
}

const schedule = { scheduler: 'cosine' as const, learningRate: 3e-3, totalSteps: 6 };
const weightsOf = (model: tf.LayersModel) => model.getWeights().map((w) => Array.from(w.dataSync()));

describe('training steps and resume', () => {
  it('an interrupted and resumed run ends with bit-identical weights', async () => {
    const straightModel = makeModel();
    const straightStep = createTrainStep({ model: straightModel, optimizer: adam(), classes: 2 });
    const straightLosses = [0, 1, 2, 3, 4, 5].map((i) => straightStep(batch(i), learningRateAt(i, schedule)));

    const firstModel = makeModel();
    const firstOptimizer = adam();
    const firstStep = createTrainStep({ model: firstModel, optimizer: firstOptimizer, classes: 2 });
    for (const i of [0, 1, 2]) firstStep(batch(i), learningRateAt(i, schedule));
    const path = join(dir, 'last.ckpt');
    await saveTrainingCheckpoint(path, firstModel, firstOptimizer, {
      step: 3,
      epoch: 1,
      bestDice: Number.NaN,
      seed: 7,
    });
    firstModel.dispose();
    firstOptimizer.dispose();

    // a new model (other layer names in this process) and optimiser, as after a restart
    const resumedModel = makeModel();
    const resumedOptimizer = adam();
    const progress = await loadTrainingCheckpoint(path, resumedModel, resumedOptimizer);
    expect(progress).toMatchObject({ step: 3, epoch: 1, seed: 7 });
    expect(progress.bestDice).toBeNaN();
    const resumedStep = createTrainStep({ model: resumedModel, optimizer: resumedOptimizer, classes: 2 });
    const resumedLosses = [3, 4, 5].map((i) => resumedStep(batch(i), learningRateAt(i, schedule)));

    expect(resumedLosses).toEqual(straightLosses.slice(3));
    expect(weightsOf(resumedModel)).toEqual(weightsOf(straightModel));
    expect(straightLosses[5]).toBeLessThan(straightLosses[0]!);
  });

  it("folds the L2 decay into the update: the same weights as the seed's step, penalty in the loss and autograd", () => {
    const weightDecay = 0.05; // large, so that a wrong decay term would show
    const model = makeModel();
    const step = createTrainStep({ model, optimizer: adam(), classes: 2, weightDecay });
    const seedModel = makeModel();
    const seedOptimizer = adam({ fused: false });
    const variables = seedModel.trainableWeights.map((w) => w.read() as tf.Variable);
    expect(new Set(l2WeightDecayCoefficients(variables, weightDecay))).toEqual(new Set([0, weightDecay]));
    const seedStep = (i: number) => {
      const { image, label, shape } = batch(i);
      const x = tf.tensor(image, [...shape, 1]);
      const y = tf.tensor(Int32Array.from(label), shape, 'int32');
      const { value, grads } = tf.variableGrads(() => {
        const loss = deepSupervisionLoss(y, [seedModel.apply(x, { training: true }) as tf.Tensor], {
          classes: 2,
        });
        return tf.add(loss, l2WeightDecay(variables, weightDecay)) as tf.Scalar;
      }, variables);
      seedOptimizer.step(
        variables,
        variables.map((v) => grads[v.name]!),
        3e-3,
      );
      tf.dispose([x, y, value, ...Object.values(grads)]);
    };
    for (const i of [0, 1, 2]) {
      step(batch(i), 3e-3);
      seedStep(i);
    }
    const [ours, seeds] = [weightsOf(model), weightsOf(seedModel)];
    const largest = Math.max(...ours.flatMap((w, i) => w.map((value, j) => Math.abs(value - seeds[i]![j]!))));
    expect(largest).toBeLessThan(1e-6);
  });

  it('keeps the tensor count stable across steps', () => {
    const model = makeModel();
    const step = createTrainStep({ model, optimizer: adam(), classes: 2 });
    step(batch(0), 1e-3);
    const after = tf.memory().numTensors;
    for (const i of [1, 2, 3]) step(batch(i), 1e-3);
    expect(tf.memory().numTensors).toBe(after);
  });

  it('refuses a checkpoint of another architecture or optimiser', async () => {
    const model = makeModel();
    const optimizer = adam();
    createTrainStep({ model, optimizer, classes: 2 })(batch(0), 1e-3);
    const path = join(dir, 'other.ckpt');
    await saveTrainingCheckpoint(path, model, optimizer, { step: 1, epoch: 0, bestDice: 0.5, seed: 1 });
    const bigger = buildUNet({
      topology: { ...topology, filters: [4, 16] },
      inChannels: 1,
      classes: 2,
      seed: 1,
    });
    await expect(loadTrainingCheckpoint(path, bigger, adam())).rejects.toThrow(/weight .* has shape/);
    await expect(loadTrainingCheckpoint(path, makeModel(), adam({ rectified: true }))).rejects.toThrow(
      /trained with adam, this run uses radam/,
    );
  });
});
