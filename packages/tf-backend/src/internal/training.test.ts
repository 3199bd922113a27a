import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from './initBackend';
import { nativeKernelsAvailable } from './testing/nativeKernelsAvailable';
import { randomArray } from './testing/random';

// A tiny encoder/decoder: conv3d (stride 2) down, conv3dTranspose (k=2, s=2) up, as in a U-Net.
const INPUT: [number, number, number, number, number] = [2, 4, 4, 4, 1];

function buildModel(): tf.Sequential {
  const model = tf.sequential({
    layers: [
      tf.layers.conv3d({
        inputShape: INPUT.slice(1),
        filters: 3,
        kernelSize: 3,
        strides: 2,
        padding: 'same',
      }),
      tf.layers.conv3dTranspose({ filters: 1, kernelSize: 2, strides: 2, padding: 'same' }),
    ],
  });
  const initial = model.getWeights().map((w, i) =>
    tf.tensor(
      randomArray(w.size, 40 + i).map((v) => v * 0.5),
      w.shape,
    ),
  );
  model.setWeights(initial);
  tf.dispose(initial);
  model.compile({ optimizer: tf.train.sgd(0.05), loss: 'meanSquaredError' });
  return model;
}

interface StepResult {
  lossBefore: number;
  lossAfter: number;
  before: Float32Array[];
  after: Float32Array[];
  tensorCounts: number[];
}

/** One SGD step on `backend`, then two more to watch the tensor count. */
type Backend = 'cpu' | 'wasm' | 'native';

// `native` (kernels-native on tfjs cpu) is reported as skipped where its addon is not built.
const nativeAvailable = await nativeKernelsAvailable();
const skipped = (backend: Backend) => backend === 'native' && !nativeAvailable;

async function trainOnBackend(backend: Backend): Promise<StepResult> {
  await initBackend({ backend });
  const model = buildModel();
  const x = tf.tensor5d(randomArray(2 * 64, 50), INPUT);
  const y = tf.tensor5d(randomArray(2 * 64, 51), INPUT);
  const weightValues = () => model.getWeights().map((w) => w.dataSync() as Float32Array);
  const before = weightValues();
  const lossBefore = (await model.trainOnBatch(x, y)) as number;
  const after = weightValues();
  const evaluated = model.evaluate(x, y) as tf.Scalar;
  const lossAfter = evaluated.dataSync()[0];
  evaluated.dispose();
  const tensorCounts = [tf.memory().numTensors];
  for (let step = 0; step < 3; step++) {
    await model.trainOnBatch(x, y);
    tensorCounts.push(tf.memory().numTensors);
  }
  tf.dispose([x, y]);
  model.dispose();
  return { lossBefore, lossAfter, before, after, tensorCounts };
}

const results: Partial<Record<Backend, StepResult>> = {};

beforeAll(async () => {
  tf.env().set('IS_TEST', true);
  for (const backend of ['cpu', 'wasm', 'native'] as const) {
    if (!skipped(backend)) results[backend] = await trainOnBackend(backend);
  }
});

afterAll(() => {
  tf.disposeVariables();
});

for (const backend of ['cpu', 'wasm', 'native'] as const) {
  describe.skipIf(skipped(backend))(`a conv3d + conv3dTranspose model on ${backend}`, () => {
    it('lowers the loss in one step', () => {
      const r = results[backend]!;
      expect(r.lossAfter).toBeLessThan(r.lossBefore);
    });

    it('keeps tf.memory().numTensors stable across training steps', () => {
      const counts = results[backend]!.tensorCounts;
      expect(new Set(counts).size).toBe(1);
    });
  });
}

for (const backend of ['wasm', 'native'] as const) {
  it.skipIf(skipped(backend))(
    `takes the same step on ${backend} as on cpu (weight changes agree to 1e-4 of their size)`,
    () => {
      const cpu = results.cpu!;
      const other = results[backend]!;
      expect(other.before).toEqual(cpu.before);
      expect(other.lossBefore).toBeCloseTo(cpu.lossBefore, 5);
      for (let i = 0; i < cpu.after.length; i++) {
        let largestChange = 0;
        let largestDisagreement = 0;
        for (let j = 0; j < cpu.after[i].length; j++) {
          const cpuDelta = cpu.after[i][j] - cpu.before[i][j];
          const otherDelta = other.after[i][j] - other.before[i][j];
          largestChange = Math.max(largestChange, Math.abs(cpuDelta));
          largestDisagreement = Math.max(largestDisagreement, Math.abs(cpuDelta - otherDelta));
        }
        expect(largestChange, `weight ${i} changes`).toBeGreaterThan(0);
        expect(largestDisagreement, `weight ${i}`).toBeLessThan(1e-4 * largestChange);
      }
    },
  );
}
