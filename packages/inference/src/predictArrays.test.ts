import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthesizeDataset } from '@nnunet-ts/datasets';
import { readNifti } from '@nnunet-ts/io-nifti';
import { MODEL_PLAN_VERSION } from '@nnunet-ts/plans';
import { preprocessDataset } from '@nnunet-ts/preprocessing';
import { initBackend } from '@nnunet-ts/tf-backend';
import { buildUNet } from '@nnunet-ts/unet-model';
import type { Volume } from '@nnunet-ts/volume';
import { loadModelEnsemble } from './loadModelEnsemble';
import type { ModelEnsemble } from './modelEnsemble';
import { saveModelFolder } from './modelFolder';
import { predictArrays } from './predictArrays';
import { predictFolder } from './predictFolder';

const dir = mkdtempSync(join(tmpdir(), 'nnunet-predict-arrays-'));
const data = join(dir, 'Task00_Phantom');
const modelFolder = join(dir, 'model');
let image: Volume;
let written: Volume;
let ensemble: ModelEnsemble;

beforeAll(async () => {
  await initBackend();
  // anisotropic: the image is resampled for the network and the probabilities back
  await synthesizeDataset(data, { cases: 2, testCases: 1, shape: '22,18,12', anisotropic: true, seed: 9 });
  const { plans, plan } = await preprocessDataset({ data, results: join(dir, 'results'), nJobs: 1 });
  const topology = { ...plan!.topology, filters: plan!.topology.filters.map(() => 4) };
  const classes = Object.keys(plans!.labels).length;
  const model = buildUNet({ topology, inChannels: 1, classes, seed: 11 });
  await saveModelFolder(modelFolder, model, {
    version: MODEL_PLAN_VERSION,
    datasetName: plans!.datasetName,
    configuration: '3d_fullres',
    plan: { ...plan!, topology },
    channelNames: plans!.channelNames,
    labels: plans!.labels,
    classes,
    fold: 0,
  });
  model.dispose();
  // what `nnunet predict -i imagesTs` writes
  const input = join(data, 'imagesTs');
  const [file] = await predictFolder({ models: [modelFolder], input, output: join(dir, 'predicted') });
  written = (await readNifti(file!)).volume;
  image = (await readNifti(join(input, readdirSync(input)[0]!), { as: 'float32' })).volume;
  ensemble = await loadModelEnsemble([modelFolder]);
}, 300_000);

afterAll(() => {
  ensemble?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('predictArrays', () => {
  it('gives the label map nnunet predict writes, bit for bit, in either axis order', async () => {
    const labels = written.data as Uint8Array;
    // a random network must still say more than one thing for the comparison to mean something
    expect(new Set(labels).size).toBeGreaterThan(1);
    const [nI, nJ, nK] = image.shape;
    const [sI, sJ, sK] = image.spacing;
    const nifti = await predictArrays(ensemble, image.data as Float32Array, {
      shape: [nI, nJ, nK],
      spacing: [sI, sJ, sK],
      axisOrder: 'nifti',
    });
    expect(nifti).toEqual(labels);
    // the same bytes named z first, as numpy holds SimpleITK's array; any numeric array is taken
    const zyx = await predictArrays(ensemble, Float64Array.from(image.data as Float32Array), {
      shape: [nK, nJ, nI],
      spacing: [sK, sJ, sI],
      axisOrder: 'zyx',
    });
    expect(zyx).toEqual(labels);
  });

  it('gives another answer when the axis order is wrong: it cannot be guessed', async () => {
    const [nI, nJ, nK] = image.shape;
    const [sI, sJ, sK] = image.spacing;
    const wrong = await predictArrays(ensemble, image.data as Float32Array, {
      shape: [nI, nJ, nK],
      spacing: [sI, sJ, sK],
      axisOrder: 'zyx',
    });
    expect(wrong).not.toEqual(written.data);
  });

  it('names the problem with the arguments', async () => {
    const values = new Float32Array(24);
    const call = (options: object) =>
      predictArrays(ensemble, values, { shape: [2, 3, 4], spacing: [1, 1, 1], ...options } as never);
    await expect(call({ axisOrder: undefined })).rejects.toThrow(
      "predictArrays: axisOrder must be 'nifti' (i fastest) or 'zyx' (x fastest), got undefined",
    );
    await expect(call({ axisOrder: 'zyx', shape: [2, 3] })).rejects.toThrow(
      'predictArrays: shape must be three positive integers, got [2,3]',
    );
    await expect(call({ axisOrder: 'nifti', spacing: [1, 0, 1] })).rejects.toThrow(
      'predictArrays: spacing must be three positive numbers, got [1,0,1]',
    );
    await expect(call({ axisOrder: 'nifti', shape: [2, 3, 5] })).rejects.toThrow(
      'predictArrays: data has 24 values; shape [2, 3, 5] × 1 channel(s) needs 30',
    );
  });
});
