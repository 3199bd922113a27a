import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend, type tf } from '@nnunet-ts/tf-backend';
import { nvidiaTopology } from '@nnunet-ts/plans';
import { buildUNet } from '@nnunet-ts/unet-model';
import { createLogger, dlloggerBackend, readDllogger } from '@nnunet-ts/logging';
import { adam } from './optimizers/adam';
import { BEST_CHECKPOINT, LAST_CHECKPOINT, runTraining, type TrainingData } from './runTraining';

await initBackend({ backend: 'cpu' });
const dir = mkdtempSync(join(tmpdir(), 'nnunet-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const size = 8;
const topology = { ...nvidiaTopology([size, size, size], [1, 1, 1]), filters: [4, 8] };

function sample(seed: number) {
  let state = seed;
  const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const image = Float32Array.from({ length: size ** 3 }, () => next() * 2 - 1);
  const label = Uint8Array.from(image, (v) => (v > 0.2 ? 1 : 0));
  return { image, label };
}

/** Deterministic per (epoch, step), as the data-loader is per (seed, epoch). */
const data: TrainingData = {
  async *epoch(epoch) {
    for (let step = 0; ; step++) {
      const { image, label } = sample(100 * epoch + step + 1);
      yield { image, label, shape: [1, size, size, size], channels: 1 };
    }
  },
  async *validation() {
    for (const seed of [901, 902]) {
      const { image, label } = sample(seed);
      yield { id: `case${seed}`, image, label, shape: [size, size, size], channels: 1 };
    }
  },
};

/** The same data, but the process "dies" in the middle of epoch `epoch`. */
const crashingIn = (epoch: number): TrainingData => ({
  ...data,
  async *epoch(n) {
    let step = 0;
    for await (const batch of data.epoch(n)) {
      if (n === epoch && step++ === 1) throw new Error('killed');
      yield batch;
    }
  },
});

async function train(ckptDir: string, epochs: number, resume: boolean, source: TrainingData = data) {
  const net = buildUNet({ topology, inChannels: 1, classes: 2, seed: 4 });
  const logPath = join(ckptDir, 'dllogger.json');
  const logger = createLogger({ backends: [dlloggerBackend({ path: logPath, append: resume })], rank: 0 });
  const run = runTraining({
    model: net,
    optimizer: adam(),
    data: source,
    classes: 2,
    epochs,
    stepsPerEpoch: 3,
    schedule: { scheduler: 'poly', learningRate: 5e-3, endLearningRate: 1e-5 },
    skipEval: 1,
    patchSize: [size, size, size],
    ckptStrategy: 'last_and_best',
    ckptDir,
    resume,
    seed: 12,
    logger,
  });
  try {
    return { summary: await run, model: net, logPath };
  } finally {
    await logger.close();
  }
}

describe('runTraining', () => {
  it('trains, evaluates after skip-eval, keeps best and last checkpoints, and logs the seed keys', async () => {
    const ckptDir = join(dir, 'full');
    const { summary, logPath } = await train(ckptDir, 3, false);
    expect(summary).toMatchObject({ step: 9, epoch: 3, seed: 12 });
    expect(summary.bestDice).toBeGreaterThan(0);
    expect(existsSync(join(ckptDir, LAST_CHECKPOINT))).toBe(true);
    expect(existsSync(join(ckptDir, BEST_CHECKPOINT))).toBe(true);
    const { records } = await readDllogger(logPath);
    const epochs = records.filter((r) => r.type === 'LOG' && Array.isArray(r.step) && r.step.length === 2);
    expect(epochs).toHaveLength(3);
    expect(epochs[0]!.type === 'LOG' && epochs[0]!.data).not.toHaveProperty('dice');
    expect(epochs[1]!.type === 'LOG' && epochs[1]!.data).toHaveProperty('dice');
    expect(epochs[2]!.type === 'LOG' && epochs[2]!.data).toHaveProperty('L1');
    expect(epochs[2]!.type === 'LOG' && epochs[2]!.data).toHaveProperty('throughput_train');
    const final = records.at(-1)!;
    expect(final.type === 'LOG' && final.step).toEqual([]);
    expect(final.type === 'LOG' && final.data).toHaveProperty('dice');
  });

  it('an interrupted run resumed from its last checkpoint ends where an uninterrupted one does', async () => {
    const straight = await train(join(dir, 'straight'), 3, false);
    const ckptDir = join(dir, 'interrupted');
    await expect(train(ckptDir, 3, false, crashingIn(2))).rejects.toThrow('killed');
    const resumed = await train(ckptDir, 3, true);
    expect(resumed.summary).toMatchObject({ step: 9, epoch: 3 });
    const weights = (m: tf.LayersModel) => m.getWeights().map((w) => Array.from(w.dataSync()));
    expect(weights(resumed.model)).toEqual(weights(straight.model));
    expect(resumed.summary.bestDice).toBe(straight.summary.bestDice);
  });
});
