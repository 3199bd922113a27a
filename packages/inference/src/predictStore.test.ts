import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crossValidationSplits, synthesizeDataset, writeSplits } from '@nnunet-ts/datasets';
import { readNifti } from '@nnunet-ts/io-nifti';
import { MODEL_PLAN_VERSION, type ModelPlan } from '@nnunet-ts/plans';
import { openStore, preprocessDataset, readNpy, type PreprocessedStore } from '@nnunet-ts/preprocessing';
import { initBackend } from '@nnunet-ts/tf-backend';
import { buildUNet } from '@nnunet-ts/unet-model';
import { saveModelFolder } from './modelFolder';
import { predictStore, storePredictionCases } from './predictStore';

const dir = mkdtempSync(join(tmpdir(), 'nnunet-predict-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const data = join(dir, 'Task00_Phantom');
const results = join(dir, 'results');
let trainingStore = '';
let testStore = '';
let modelFolder = '';
let modelPlan: ModelPlan;

/** A tiny untrained U-Net of the dataset's plan, saved as `train` saves its model folder. */
async function saveTinyModel(folder: string, plan: ModelPlan, seed = 7): Promise<void> {
  const topology = { ...plan.plan.topology, filters: plan.plan.topology.filters.map(() => 4) };
  const model = buildUNet({ topology, inChannels: 1, classes: plan.classes, seed });
  await saveModelFolder(folder, model, { ...plan, plan: { ...plan.plan, topology } });
  model.dispose();
}

beforeAll(async () => {
  await initBackend();
  // the training store pads cases to the patch: prediction must take the padding off again
  await synthesizeDataset(data, { cases: 4, testCases: 1, shape: '20,18,12', anisotropic: true, seed: 5 });
  const training = await preprocessDataset({ data, results, nJobs: 1 });
  const test = await preprocessDataset({ data, results, nJobs: 1, execMode: 'test' });
  trainingStore = training.storeDir!;
  testStore = test.storeDir!;
  const plans = training.plans!;
  modelPlan = {
    version: MODEL_PLAN_VERSION,
    datasetName: plans.datasetName,
    configuration: '3d_fullres',
    plan: plans.configurations['3d_fullres']!,
    channelNames: plans.channelNames,
    labels: plans.labels,
    classes: Object.keys(plans.labels).length,
    fold: 0,
  };
  modelFolder = join(dir, 'model');
  await saveTinyModel(modelFolder, modelPlan);
}, 300_000);

/**
 * A case's written prediction: the label map on the original image's grid with its header geometry,
 * `{id}.npy` float32 [C, k, j, i] summing to 1 per voxel, whose argmax is the label map.
 */
async function expectCasePrediction(store: PreprocessedStore, output: string, id: string, classes: number) {
  const meta = await store.readMeta(id);
  const original = (await readNifti(meta.source.images[0]!)).volume;
  const labels = (await readNifti(join(output, `${id}.nii.gz`))).volume;
  expect(labels.shape).toEqual(original.shape);
  labels.affine.forEach((row, r) => row.forEach((v, c) => expect(v).toBeCloseTo(original.affine[r]![c]!, 6)));
  const npy = await readNpy(join(output, `${id}.npy`));
  const [I, J, K] = original.shape;
  expect(npy.dtype).toBe('float32');
  expect(npy.shape).toEqual([classes, K, J, I]);
  const p = npy.data as Float32Array;
  const voxels = I * J * K;
  const labelData = labels.data as ArrayLike<number>;
  let worstSum = 0;
  let mismatches = 0;
  for (let k = 0; k < K; k++)
    for (let j = 0; j < J; j++)
      for (let i = 0; i < I; i++) {
        const v = i + I * (j + J * k);
        let sum = 0;
        let best = 0;
        for (let c = 0; c < classes; c++) {
          sum += p[c * voxels + v]!;
          if (p[c * voxels + v]! > p[best * voxels + v]!) best = c;
        }
        worstSum = Math.max(worstSum, Math.abs(sum - 1));
        if (best !== labelData[v]) mismatches++;
      }
  expect(worstSum).toBeLessThan(1e-5);
  expect(mismatches).toBe(0);
}

describe('predictStore (the seed’s --exec-mode predict on a preprocessed store)', () => {
  it('picks the fold’s validation cases of a training store, all cases of a test store', async () => {
    const store = await openStore(trainingStore);
    const kfold = crossValidationSplits(store.caseIds, { folds: 2 });
    expect(await storePredictionCases(store, { fold: 1, nfolds: 2 })).toEqual(kfold[1]!.val);
    // the split training wrote wins over a fresh KFold
    const splitsFile = join(dir, 'splits.json');
    await writeSplits(splitsFile, [
      { train: store.caseIds.slice(1), val: store.caseIds.slice(0, 1) },
      { train: store.caseIds.slice(0, 1), val: store.caseIds.slice(1) },
    ]);
    expect(await storePredictionCases(store, { fold: 0, nfolds: 2, splitsFile })).toEqual([store.caseIds[0]]);
    await expect(storePredictionCases(store, { fold: 2, nfolds: 2 })).rejects.toThrow(
      /--fold 2 does not exist/,
    );
    const test = await openStore(testStore);
    expect(await storePredictionCases(test, { fold: 1 })).toEqual(test.caseIds);
  });

  it('writes {case}.npy softmax [C, k, j, i] and the label map in the original geometry; --continue redoes nothing', async () => {
    const output = join(dir, 'preds_val');
    const options = {
      models: [modelFolder],
      store: trainingStore,
      output,
      fold: 0,
      nfolds: 2,
      saveProbabilities: true,
    };
    const written = await predictStore(options);
    const store = await openStore(trainingStore);
    const expected = crossValidationSplits(store.caseIds, { folds: 2 })[0]!.val;
    expect(written).toEqual(expected.map((id) => join(output, `${id}.nii.gz`)));

    for (const id of expected) await expectCasePrediction(store, output, id, modelPlan.classes);

    const mtimes = expected.map((id) => statSync(join(output, `${id}.npy`)).mtimeMs);
    const skipped: boolean[] = [];
    const again = await predictStore({
      ...options,
      continuePrediction: true,
      onCase: (_id, _done, _total, wasSkipped) => skipped.push(wasSkipped),
    });
    expect(again).toEqual([]);
    expect(skipped).toEqual(expected.map(() => true));
    expect(expected.map((id) => statSync(join(output, `${id}.npy`)).mtimeMs)).toEqual(mtimes);
  }, 300_000);

  it('predicts every case of a test store, and refuses a model of another plan', async () => {
    const output = join(dir, 'preds_test');
    const written = await predictStore({ models: [modelFolder], store: testStore, output });
    const test = await openStore(testStore);
    expect(written).toEqual(test.caseIds.map((id) => join(output, `${id}.nii.gz`)));

    const other = join(dir, 'other-model');
    const spacing = modelPlan.plan.spacing.map((s) => s * 2);
    await saveTinyModel(other, { ...modelPlan, plan: { ...modelPlan.plan, spacing } });
    await expect(predictStore({ models: [other], store: testStore, output })).rejects.toThrow(
      /preprocessed with another plan than .*other-model/,
    );
  }, 300_000);

  it('runs a 2D model slice by slice on a 2d store', async () => {
    const run = await preprocessDataset({ data, results, nJobs: 1, dim: 2 });
    const folder = join(dir, 'model-2d');
    await saveTinyModel(folder, { ...modelPlan, configuration: '2d', plan: run.plan! });
    const output = join(dir, 'preds_2d');
    const options = { models: [folder], store: run.storeDir!, output, nfolds: 2, saveProbabilities: true };
    const written = await predictStore(options);
    const store = await openStore(run.storeDir!);
    const expected = crossValidationSplits(store.caseIds, { folds: 2 })[0]!.val;
    expect(written).toHaveLength(expected.length);
    for (const id of expected) await expectCasePrediction(store, output, id, modelPlan.classes);
  }, 300_000);

  it('averages the softmax of several models (a fold ensemble)', async () => {
    const second = join(dir, 'model-seed-8');
    await saveTinyModel(second, modelPlan, 8);
    const probabilities = async (models: string[], name: string) => {
      const output = join(dir, name);
      await predictStore({ models, store: testStore, output, saveProbabilities: true });
      const test = await openStore(testStore);
      return (await readNpy(join(output, `${test.caseIds[0]}.npy`))).data as Float32Array;
    };
    const a = await probabilities([modelFolder], 'ensemble-a');
    const b = await probabilities([second], 'ensemble-b');
    const both = await probabilities([modelFolder, second], 'ensemble-ab');
    let worst = 0;
    let apart = 0;
    for (let i = 0; i < both.length; i++) {
      worst = Math.max(worst, Math.abs(both[i]! - (a[i]! + b[i]!) / 2));
      apart = Math.max(apart, Math.abs(a[i]! - b[i]!));
    }
    expect(apart).toBeGreaterThan(1e-2); // the two models do differ
    expect(worst).toBeLessThan(1e-6);
  }, 300_000);
});
