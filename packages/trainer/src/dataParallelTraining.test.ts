import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { initBackend } from '@nnunet-ts/tf-backend';
import { spawn, spawnSync } from 'node:child_process';
import { mpiAvailability, runLauncher } from '@nnunet-ts/distributed';
import { createLogger, readDllogger } from '@nnunet-ts/logging';
import { readCheckpoint } from './checkpoint/checkpointFile';
import { adam } from './optimizers/adam';
import { sgd } from './optimizers/sgd';
import { LAST_CHECKPOINT, runTraining } from './runTraining';
import { createTrainStep } from './trainStep';
import type { DataParallelWorkerConfig } from './testing/dataParallelWorker';
import { tinyBatch, tinyShardedData, tinyUNet, weightsOf } from './testing/tinyTraining';

await initBackend({ backend: 'cpu' });
const dir = mkdtempSync(join(tmpdir(), 'nnunet-dp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Each rank is its own process (tfjs must not be shared between ranks), started by nnunet-run. */
const WORKER = [
  process.execPath,
  '--conditions=@nnunet-ts/source',
  '--import',
  'tsx',
  fileURLToPath(new URL('./testing/dataParallelWorker.ts', import.meta.url)),
];
/** collective timeout of the test jobs (nnunet-run --timeout), seconds */
const TIMEOUT_S = 30;

type Launch = (
  np: number,
  config: DataParallelWorkerConfig,
) => Promise<{ exitCode: number | null; stderr: string }>;

function configFileOf(config: DataParallelWorkerConfig): string {
  mkdirSync(config.dir, { recursive: true });
  const configFile = join(config.dir, `config.${Date.now()}.json`);
  writeFileSync(configFile, JSON.stringify(config));
  return configFile;
}

/** The ranks on the TCP ring, started by nnunet-run. */
const launchRing: Launch = (np, config) => {
  let stderr = '';
  const code = runLauncher(
    ['-np', String(np), '--timeout', String(TIMEOUT_S), '--', ...WORKER, configFileOf(config)],
    {
      stdout: () => undefined,
      stderr: (text) => void (stderr += text),
      forwardSignals: false,
      killGraceMs: 1000,
    },
  );
  return code.then((exitCode) => ({ exitCode, stderr }));
};

/** The ranks on MPI, started by Open MPI's mpirun (as root in CI, in a container). */
const launchMpi: Launch = (np, config) => {
  const child = spawn(
    'mpirun',
    ['-np', String(np), '--oversubscribe', '--bind-to', 'none', ...WORKER, configFileOf(config)],
    {
      env: {
        ...process.env,
        NNUNET_TIMEOUT_MS: String(TIMEOUT_S * 1000),
        OMPI_ALLOW_RUN_AS_ROOT: '1',
        OMPI_ALLOW_RUN_AS_ROOT_CONFIRM: '1',
        OMPI_MCA_btl_vader_single_copy_mechanism: 'none',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (exitCode) => resolve({ exitCode, stderr })));
};

const mpiMissing = spawnSync('mpirun', ['--version'], { stdio: 'ignore' }).error
  ? 'mpirun not found (apt-get install openmpi-bin libopenmpi-dev)'
  : mpiAvailability().available
    ? null
    : mpiAvailability().reason;
if (mpiMissing) console.warn(`[trainer] skipping data-parallel training on MPI: ${mpiMissing}`);

/** How each engine reports a rank killed with SIGKILL during training. */
const ENGINES: {
  name: string;
  /** the folder of the engine's runs */
  tag: string;
  launch: Launch;
  missing: string | null;
  killed: (exitCode: number | null, stderr: string) => void;
}[] = [
  {
    name: 'the TCP ring (nnunet-run)',
    tag: 'tcp',
    launch: launchRing,
    missing: null,
    killed(exitCode, stderr) {
      expect(exitCode).toBe(128 + 9);
      expect(stderr).toMatch(/nnunet-run: rank 1 \(\S+\) was killed by SIGKILL; stopping the other 1 worker/);
    },
  },
  {
    name: 'MPI (mpirun)',
    tag: 'mpi',
    launch: launchMpi,
    missing: mpiMissing,
    killed(exitCode, stderr) {
      expect(exitCode).not.toBe(0);
      expect(stderr).toMatch(
        /nnunet-ts rank 0: rank 1 vanished \(its process ended without closing\) .* at epoch \d+ step \d+/,
      );
    },
  },
];

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const maxAbsDifference = (a: number[][], b: number[][]) =>
  Math.max(...a.flatMap((w, i) => w.map((v, j) => Math.abs(v - b[i]![j]!))));

describe.each(ENGINES)(
  'data-parallel training on loopback over $name (2 ranks as child processes)',
  ({ tag, launch, missing, killed }) => {
    if (missing) return void it.skip(`needs MPI: ${missing}`, () => undefined);
    it('one step of 2 ranks × batch B gives the weights of 1 rank × batch 2B', async () => {
      // Exact in exact arithmetic: with batchReduction false the Dice term is a mean of per-sample
      // Dice and cross-entropy a mean over samples of equal size, so the loss of 2B samples is the
      // mean of the losses of its two halves and so is its gradient; the L2 penalty is the same on
      // both ranks; instance norm works per sample; SGD's first step is linear in the gradient.
      // (With batch reduction, Dice over 2B is a ratio of sums, not the mean of two ratios.) What
      // remains is float32 summation order, hence the tolerance: 1e-6 absolute on weights of order
      // 0.1-1 (seen: 3e-8, one float32 ulp).
      const B = 2;
      const learningRate = 0.1;
      const stepDir = join(dir, tag, 'step');
      const { exitCode, stderr } = await launch(2, { mode: 'step', dir: stepDir, batch: B, learningRate });
      expect(exitCode, stderr).toBe(0);
      const [rank0, rank1] = [0, 1].map((rank) => readJson(join(stepDir, `step.${rank}.json`)));

      const model = tinyUNet(3);
      const before = weightsOf(model);
      const step = createTrainStep({
        model,
        optimizer: sgd({ momentum: 0.9 }),
        classes: 2,
        batchReduction: false,
      });
      const loss = step(tinyBatch(42, 2 * B), learningRate);
      const after = weightsOf(model);
      model.dispose();

      // rank 1 started from other weights: the broadcast and the averaged gradients make them equal
      expect(rank1.weights).toEqual(rank0.weights);
      expect(rank0.loss).toBeCloseTo(loss, 6); // the logged loss is the rank-mean
      expect(maxAbsDifference(rank0.weights, after)).toBeLessThan(1e-6);
      // the step itself moved the weights far more than that
      expect(maxAbsDifference(before, after)).toBeGreaterThan(1e-2);
    });

    it('a killed rank stops the job naming it; the last checkpoint loads and the resumed run ends as an uninterrupted one', async () => {
      const run = { mode: 'train', epochs: 4, stepsPerEpoch: 3, resume: false, stepDelayMs: 0 } as const;
      const straightDir = join(dir, tag, 'straight');
      const straight = await launch(2, { ...run, dir: straightDir });
      expect(straight.exitCode, straight.stderr).toBe(0);

      const killedDir = join(dir, tag, 'killed');
      const last = join(killedDir, 'ckpt', LAST_CHECKPOINT);
      // slow batches: the kill lands in the middle of a later epoch
      const killedRun = launch(2, { ...run, dir: killedDir, stepDelayMs: 500 });
      while (!existsSync(last)) await sleep(50);
      const killedAt = performance.now();
      process.kill(Number(readFileSync(join(killedDir, 'pid.1'), 'utf8')), 'SIGKILL');
      const { exitCode, stderr } = await killedRun;
      killed(exitCode, stderr);
      expect(performance.now() - killedAt).toBeLessThan(TIMEOUT_S * 1000);

      const saved = await readCheckpoint(last); // checksum verified
      const savedEpoch = saved.metadata.epoch as number;
      expect(savedEpoch).toBeGreaterThanOrEqual(1);
      expect(savedEpoch).toBeLessThan(run.epochs);
      expect(saved.metadata.ranks).toBe(2);

      const resumed = await launch(2, { ...run, dir: killedDir, resume: true });
      expect(resumed.exitCode, resumed.stderr).toBe(0);
      const { records } = await readDllogger(join(killedDir, 'log.json'));
      expect(records.some((r) => r.type === 'LOG' && r.data.resumed_epoch === savedEpoch)).toBe(true);
      const [straightEnd, resumedEnd] = [straightDir, killedDir].map((d) =>
        readJson(join(d, 'train.0.json')),
      );
      expect(resumedEnd.summary).toMatchObject({ epoch: run.epochs, step: run.epochs * run.stepsPerEpoch });
      // same shards, deterministic allreduce, restored Adam state: bit-identical
      expect(resumedEnd.weights).toEqual(straightEnd.weights);
      expect(readJson(join(killedDir, 'train.1.json')).weights).toEqual(resumedEnd.weights);

      // one rank continues it with the global batch of 2 ranks × 1 and the same steps per epoch
      expect(saved.metadata).toMatchObject({ globalBatch: 2, stepsPerEpoch: run.stepsPerEpoch });
      const onOneRank = (batch: number, stepsPerEpoch: number = run.stepsPerEpoch) =>
        runTraining({
          model: tinyUNet(3),
          optimizer: adam(),
          data: tinyShardedData(0, 1, 3, batch),
          classes: 2,
          epochs: run.epochs + 1,
          stepsPerEpoch,
          schedule: { scheduler: 'none', learningRate: 3e-3 },
          skipEval: 0,
          patchSize: [8, 8, 8],
          ckptStrategy: 'last_only',
          ckptDir: join(killedDir, 'ckpt'),
          resume: true,
          seed: 5,
          logger: createLogger({ backends: [] }),
        });
      await expect(onOneRank(1)).rejects.toThrow(
        /has a global batch of 2 samples per step, this step has 1 per rank × 1 rank\(s\) = 1: the batch per rank must be 2 \/ 1/,
      );
      await expect(onOneRank(2, run.stepsPerEpoch + 1)).rejects.toThrow(
        /was trained with 3 steps per epoch, this run has 4: resume with --steps-per-epoch 3/,
      );
      const continued = await onOneRank(2);
      expect(continued).toMatchObject({
        epoch: run.epochs + 1,
        step: (run.epochs + 1) * run.stepsPerEpoch,
        ranks: 1,
      });
      expect((await readCheckpoint(last)).metadata).toMatchObject({ ranks: 1, globalBatch: 2, step: 15 });
    });
  },
);
