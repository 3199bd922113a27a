// Issue 5: where the native addon was not built (no C++ compiler at install time), `auto` falls back
// to wasm and says why, `native` fails naming the reason, and a U-Net training step still runs and
// takes the same step as pure tfjs. The real kernels-native code runs, from a copy of the package
// that has no build/ folder, so its own "addon missing" check is what is tested.
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackendLoaders } from './BackendLoaders';
import { createBackendInitializer } from './initBackend';
import { randomArray } from './testing/random';

const require = createRequire(import.meta.url);
const copy = mkdtempSync(join(tmpdir(), 'kernels-native-unbuilt-'));

/** kernels-native as installed where the native build failed: its sources and no build/Release addon. */
function unbuiltKernelsNative(): BackendLoaders['kernelsNative'] {
  const root = dirname(require.resolve('@nnunet-ts/kernels-native/package.json'));
  for (const entry of ['package.json', 'src'])
    cpSync(join(root, entry), join(copy, entry), { recursive: true });
  // the copy resolves tfjs to the workspace's one copy, so kernels register where tf-backend looks
  const nodeModules = dirname(dirname(dirname(require.resolve('@tensorflow/tfjs-core/package.json'))));
  symlinkSync(nodeModules, join(copy, 'node_modules'), 'dir');
  const entry = join(copy, 'src', 'index.ts');
  return () => import(/* @vite-ignore */ entry);
}

const missing = (name: string) => () => Promise.reject(new Error(`Cannot find package '${name}'`));
const init = createBackendInitializer({
  tfjsNodeGpu: missing('@tensorflow/tfjs-node-gpu'),
  tfjsNode: missing('@tensorflow/tfjs-node'),
  kernelsNative: unbuiltKernelsNative(),
});
const ADDON_MISSING = /nnunet_kernels\.node is missing: the native build failed or did not run/;

beforeAll(() => {
  tf.env().set('IS_TEST', true);
});

afterAll(() => {
  rmSync(copy, { recursive: true, force: true });
});

describe('without the native addon', () => {
  it('auto falls back to wasm and reports why native was passed over', async () => {
    const lines: string[] = [];
    const report = await init({ log: (line) => lines.push(line) });
    expect(report).toMatchObject({ backend: 'wasm', tfjsBackend: 'wasm' });
    const native = report.attempts.find((a) => a.backend === 'native');
    expect(native?.ok).toBe(false);
    expect(native?.reason).toMatch(ADDON_MISSING);
    expect(lines.some((line) => line.startsWith('tf-backend: native unavailable:'))).toBe(true);
    expect(report.reason).toContain('first available of');
  });

  it("native on request throws with kernels-native's reason", async () => {
    await expect(init({ backend: 'native' })).rejects.toThrow(ADDON_MISSING);
  });
});

// A small 3D U-Net: two convolutions, a strided one down, a transposed one up, the skip concatenated,
// a 1×1×1 head, softmax cross-entropy.
const INPUT: [number, number, number, number, number] = [2, 6, 6, 6, 2];
const CLASSES = 3;

function buildUNet(): tf.LayersModel {
  const input = tf.input({ shape: INPUT.slice(1) });
  const conv = (filters: number, kernelSize: number, strides = 1) =>
    tf.layers.conv3d({ filters, kernelSize, strides, padding: 'same' });
  const skip = tf.layers.leakyReLU({ alpha: 0.01 }).apply(conv(4, 3).apply(input)) as tf.SymbolicTensor;
  const down = tf.layers.leakyReLU({ alpha: 0.01 }).apply(conv(6, 3, 2).apply(skip)) as tf.SymbolicTensor;
  const up = tf.layers
    .conv3dTranspose({ filters: 4, kernelSize: 2, strides: 2, padding: 'same' })
    .apply(down) as tf.SymbolicTensor;
  const merged = tf.layers.concatenate().apply([skip, up]) as tf.SymbolicTensor;
  const head = tf.layers.conv3d({ filters: CLASSES, kernelSize: 1, activation: 'softmax' });
  const model = tf.model({ inputs: input, outputs: head.apply(merged) as tf.SymbolicTensor });
  const initial = model.getWeights().map((w, i) => tf.tensor(randomArray(w.size, 70 + i), w.shape));
  model.setWeights(initial);
  tf.dispose(initial);
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy' });
  return model;
}

/** One training step: the loss before it and how much each weight moved. */
async function trainingStep(): Promise<{ loss: number; deltas: Float32Array[] }> {
  const model = buildUNet();
  const voxels = INPUT.slice(1, 4).reduce((a, b) => a * b, 1) * INPUT[0];
  const x = tf.tensor5d(randomArray(voxels * INPUT[4], 80), INPUT);
  const labels = Array.from(randomArray(voxels, 81), (v) => Math.floor((v + 1) * 1.5) % CLASSES);
  const y = tf.oneHot(tf.tensor1d(labels, 'int32'), CLASSES).reshape([...INPUT.slice(0, 4), CLASSES]);
  const before = model.getWeights().map((w) => w.dataSync() as Float32Array);
  const loss = (await model.trainOnBatch(x, y)) as number;
  const deltas = model
    .getWeights()
    .map((w, i) => (w.dataSync() as Float32Array).map((v, j) => v - before[i]![j]!));
  tf.dispose([x, y]);
  model.dispose();
  return { loss, deltas };
}

it('a U-Net training step runs on the fallback and matches pure tfjs (cpu) to 1e-4', async () => {
  const fallback = await init();
  expect(fallback.backend).toBe('wasm');
  const onFallback = await trainingStep();
  await init({ backend: 'cpu' });
  const reference = await trainingStep();
  expect(onFallback.loss).toBeCloseTo(reference.loss, 5);
  reference.deltas.forEach((expected, i) => {
    const actual = onFallback.deltas[i]!;
    const scale = Math.max(...expected.map(Math.abs));
    const error = Math.max(...expected.map((v, j) => Math.abs(v - actual[j]!)));
    expect(scale, `weight ${i} moves`).toBeGreaterThan(0);
    expect(error, `weight ${i}`).toBeLessThan(1e-4 * scale);
  });
});
