import { mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../initBackend';
import { randomArray } from '../testing/random';
import { fileIOHandler } from './fileIOHandler';

let root: string;

beforeAll(async () => {
  tf.env().set('IS_TEST', true);
  await initBackend({ backend: 'cpu' });
  root = await mkdtemp(join(tmpdir(), 'tf-backend-io-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function buildModel(): tf.LayersModel {
  const model = tf.sequential({
    layers: [
      tf.layers.conv3d({
        inputShape: [4, 4, 4, 2],
        filters: 3,
        kernelSize: 3,
        padding: 'same',
        activation: 'relu',
      }),
      tf.layers.conv3dTranspose({ filters: 2, kernelSize: 2, strides: 2, padding: 'same' }),
    ],
  });
  const initial = model.getWeights().map((w, i) => tf.tensor(randomArray(w.size, 60 + i), w.shape));
  model.setWeights(initial);
  tf.dispose(initial);
  return model;
}

const bytesOf = (t: tf.Tensor) => new Uint8Array((t.dataSync() as Float32Array).slice().buffer);

describe('file:// save → load round trip', () => {
  it('is bit-exact: weights, model JSON and predictions', async () => {
    const model = buildModel();
    const first = join(root, 'first');
    const second = join(root, 'second');
    await model.save(`file://${first}`);
    const loaded = await tf.loadLayersModel(`file://${join(first, 'model.json')}`);

    const original = model.getWeights();
    const restored = loaded.getWeights();
    expect(restored.map((w) => w.shape)).toEqual(original.map((w) => w.shape));
    restored.forEach((w, i) => expect(bytesOf(w)).toEqual(bytesOf(original[i])));

    const x = tf.tensor5d(randomArray(2 * 4 * 4 * 4 * 2, 70), [2, 4, 4, 4, 2]);
    const expected = model.predict(x) as tf.Tensor;
    const actual = loaded.predict(x) as tf.Tensor;
    expect(bytesOf(actual)).toEqual(bytesOf(expected));

    // Saving the loaded model again gives the same files, byte for byte.
    await loaded.save(`file://${second}`);
    expect(await readFile(join(second, 'model.json'), 'utf8')).toBe(
      await readFile(join(first, 'model.json'), 'utf8'),
    );
    expect(await readFile(join(second, 'weights.bin'))).toEqual(await readFile(join(first, 'weights.bin')));
    expect((await readdir(first)).sort()).toEqual(['model.json', 'weights.bin']);

    tf.dispose([x, expected, actual]);
    model.dispose();
    loaded.dispose();
  });

  it('loads from the folder as well as from its model.json', async () => {
    const folder = join(root, 'by-folder');
    const model = buildModel();
    await model.save(fileIOHandler(folder));
    const loaded = await tf.loadLayersModel(fileIOHandler(folder));
    expect(bytesOf(loaded.getWeights()[0])).toEqual(bytesOf(model.getWeights()[0]));
    model.dispose();
    loaded.dispose();
  });

  it('overwrites an earlier save in place', async () => {
    const folder = join(root, 'overwrite');
    const a = buildModel();
    const b = buildModel();
    const shifted = b.getWeights().map((w) => tf.add(w, 1));
    b.setWeights(shifted);
    tf.dispose(shifted);
    await a.save(`file://${folder}`);
    await b.save(`file://${folder}`);
    const loaded = await tf.loadLayersModel(`file://${folder}/model.json`);
    expect(bytesOf(loaded.getWeights()[0])).toEqual(bytesOf(b.getWeights()[0]));
    expect((await readdir(folder)).sort()).toEqual(['model.json', 'weights.bin']);
    [a, b, loaded].forEach((m) => m.dispose());
  });
});

describe('file:// load errors name the path and the problem', () => {
  async function savedModelFolder(name: string): Promise<string> {
    const folder = join(root, name);
    const model = buildModel();
    await model.save(`file://${folder}`);
    model.dispose();
    return folder;
  }

  it('missing model', async () => {
    const missing = join(root, 'nothing-here', 'model.json');
    await expect(tf.loadLayersModel(`file://${missing}`)).rejects.toThrow(`no model at ${missing}`);
  });

  it('invalid JSON', async () => {
    const folder = await savedModelFolder('bad-json');
    await writeFile(join(folder, 'model.json'), '{"modelTopology": ');
    await expect(tf.loadLayersModel(`file://${folder}/model.json`)).rejects.toThrow(
      `${join(folder, 'model.json')} is not valid JSON`,
    );
  });

  it('JSON without a model topology', async () => {
    const folder = await savedModelFolder('no-topology');
    await writeFile(join(folder, 'model.json'), '{"weightsManifest": []}');
    await expect(tf.loadLayersModel(`file://${folder}`)).rejects.toThrow(
      `${join(folder, 'model.json')} has no 'modelTopology' object`,
    );
  });

  it('weights file of the wrong size', async () => {
    const folder = await savedModelFolder('short-weights');
    const weights = join(folder, 'weights.bin');
    const size = (await readFile(weights)).byteLength;
    await truncate(weights, size - 4);
    await expect(tf.loadLayersModel(`file://${folder}/model.json`)).rejects.toThrow(
      `weights ${weights} hold ${size - 4} bytes but ${join(folder, 'model.json')} describes ${size}`,
    );
  });

  it('missing weights file', async () => {
    const folder = await savedModelFolder('no-weights');
    const weights = join(folder, 'weights.bin');
    await rm(weights);
    await expect(tf.loadLayersModel(`file://${folder}/model.json`)).rejects.toThrow(
      `cannot read weights ${weights} listed in ${join(folder, 'model.json')}`,
    );
  });

  it('a manifest path that leaves the model folder', async () => {
    const folder = await savedModelFolder('escape');
    const modelPath = join(folder, 'model.json');
    const json = JSON.parse(await readFile(modelPath, 'utf8'));
    json.weightsManifest[0].paths = ['../../secret.bin'];
    await writeFile(modelPath, JSON.stringify(json));
    await expect(tf.loadLayersModel(`file://${modelPath}`)).rejects.toThrow(
      `weights path '../../secret.bin' in ${modelPath} leaves the model folder`,
    );
  });
});
