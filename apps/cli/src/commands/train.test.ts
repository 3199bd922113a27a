import { afterAll, describe, expect, it } from 'vitest';
import { execFile, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { mpiAvailability } from '@nnunet-ts/distributed';
import { synthesizeDataset } from '@nnunet-ts/datasets';
import { readCheckpoint } from '@nnunet-ts/trainer';
import { trainOptionsSchema, type TrainOptions } from '@nnunet-ts/trainer/options';
import { captureIo } from '../internal/captureIo.fixture';
import { defineCommand } from '../internal/defineCommand';
import { run } from '../internal/run';
import { trainRanksLauncherArgs } from '../internal/trainRanks';

const dir = mkdtempSync(join(tmpdir(), 'nnunet-cli-train-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const appDir = fileURLToPath(new URL('../..', import.meta.url));

/** The options `nnunet train <args>` parses, without training. */
async function parsedTrainOptions(args: readonly string[]): Promise<TrainOptions> {
  let seen: TrainOptions | undefined;
  const probe = defineCommand({
    name: 'train',
    summary: 'probe',
    options: trainOptionsSchema,
    async run(options) {
      seen = options;
    },
  });
  const { io, out } = captureIo();
  expect(await run(['train', ...args], io, [probe]), out.stderr).toBe(0);
  return seen!;
}

describe('nnunet train --fold', () => {
  it('takes a fold number or all, and says so when given anything else', async () => {
    expect((await parsedTrainOptions(['--fold', 'all'])).fold).toBe('all');
    expect((await parsedTrainOptions(['--fold', '3'])).fold).toBe(3);
    const all = await parsedTrainOptions(['--fold', 'all', '--gpus', '2']);
    const rankArgs = trainRanksLauncherArgs(all, ['node', 'cli.js']);
    expect(rankArgs).toContain('--fold=all');
    const { io, out } = captureIo();
    expect(await run(['train', '--fold', 'every'], io)).toBe(2);
    expect(out.stderr).toContain("--fold: expected an integer or all, got 'every'");
  });
});

describe('nnunet train --gpus N', () => {
  it('relaunches the same train command, minus --gpus, as N ranks bound to one GPU each', async () => {
    const given = await parsedTrainOptions([
      '--gpus',
      '2',
      '--fold',
      '1',
      '--learning_rate',
      '0.0003',
      '--momentum',
      '0.5',
      '--deep-supervision',
      '--ckpt-dir',
      'a folder/with spaces',
      '--preset',
      'nnunet',
    ]);
    const launcherArgs = trainRanksLauncherArgs(given, ['node', 'cli.js']);
    const separator = launcherArgs.indexOf('--');
    expect(launcherArgs.slice(0, separator)).toEqual(['-np', '2', '--bind-gpus']);
    const rankArgs = launcherArgs.slice(separator + 1);
    expect(rankArgs.slice(0, 3)).toEqual(['node', 'cli.js', 'train']);
    // defaults stay implicit (so --preset treats them as the user's rank 0 saw them); --gpus is gone
    expect(rankArgs.slice(3).sort()).toEqual(
      [
        '--fold=1',
        '--momentum=0.5',
        '--deep-supervision=true',
        '--ckpt-dir=a folder/with spaces',
        '--preset=nnunet',
      ].sort(),
    );
    expect(await parsedTrainOptions(rankArgs.slice(3))).toEqual({ ...given, gpus: 1 });
  });

  it('trains the phantom on 2 ranks end to end: one log, checkpoints and model from rank 0', async () => {
    const data = join(dir, 'Task00_Phantom');
    await synthesizeDataset(data, { cases: 4, testCases: 1, shape: '24,24,16', seed: 3 });
    const results = join(dir, 'results');
    const flags = [
      '--data',
      data,
      '--results',
      results,
      '--epochs',
      '2',
      '--nfolds',
      '2',
      '--base-filters',
      '4',
    ];
    flags.push(
      '--max-filters',
      '8',
      '--num-workers',
      '0',
      '--seed',
      '1',
      '--quiet',
      '--learning-rate',
      '3e-3',
    );
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--conditions=@nnunet-ts/source', '--import', 'tsx', 'src/cli.ts', 'train', '--gpus', '2', ...flags],
      // the ranks choose their threads themselves
      {
        cwd: appDir,
        env: Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NNUNET_NUM_THREADS')),
      },
    );
    // the ranks' lines come prefixed; only rank 0 reports the outcome
    expect(stdout).toMatch(/^\[0\] trained 2 epochs \(2 steps\); best validation Dice \d\.\d{4}$/m);
    expect(stdout).not.toMatch(/^\[1\] trained/m);
    // --bind-gpus gave rank 0 device 0; the trainer gave it its share of the cores
    const threads = String(Math.max(1, Math.floor(availableParallelism() / 2)));
    expect(stderr).toMatch(
      new RegExp(
        `^\\[0\\] training 3d_fullres fold 0: .*, 2 ranks × batch 2 \\(rank 0: CUDA_VISIBLE_DEVICES=0, NNUNET_NUM_THREADS=${threads}\\)$`,
        'm',
      ),
    );
    const runFolder = join(results, 'Task00_Phantom', '3d_fullres', 'fold_0');
    expect(existsSync(join(runFolder, 'model', 'model.json'))).toBe(true);
    const records = readFileSync(join(runFolder, 'dllogger.json'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('DLLL '))
      .map((line) => JSON.parse(line.slice(5)) as { step: unknown; data: Record<string, unknown> });
    expect(records.filter((r) => r.step === 'PARAMETER')).toMatchObject([
      { data: { ranks: 2, global_batch_size: 4, gpus: 1 } },
    ]);
    const last = await readCheckpoint(join(runFolder, 'ckpt', 'last.ckpt'));
    expect(last.metadata).toMatchObject({ epoch: 2, step: 2, ranks: 2 });
  });

  const mpiMissing = spawnSync('mpirun', ['--version'], { stdio: 'ignore' }).error
    ? 'mpirun not found (apt-get install openmpi-bin libopenmpi-dev)'
    : mpiAvailability().available
      ? null
      : mpiAvailability().reason;
  if (mpiMissing) console.warn(`[cli] skipping nnunet train under mpirun: ${mpiMissing}`);
  it.skipIf(mpiMissing !== null)(
    `under mpirun -np 2 it trains on MPI, and the checkpoint resumes on 1 rank and on 2${mpiMissing ? ` (skipped: ${mpiMissing})` : ''}`,
    async () => {
      const data = join(dir, 'Task00_Phantom_mpi');
      await synthesizeDataset(data, { cases: 4, testCases: 1, shape: '24,24,16', seed: 4 });
      const flags = (results: string, epochs: number) => [
        ...['--data', data, '--results', results, '--epochs', String(epochs), '--nfolds', '2'],
        ...['--base-filters', '4', '--max-filters', '8', '--num-workers', '0', '--seed', '2', '--quiet'],
      ];
      const cli = ['--conditions=@nnunet-ts/source', '--import', 'tsx', 'src/cli.ts', 'train'];
      const env = {
        ...process.env,
        NNUNET_NUM_THREADS: '1',
        OMPI_ALLOW_RUN_AS_ROOT: '1',
        OMPI_ALLOW_RUN_AS_ROOT_CONFIRM: '1',
        OMPI_MCA_btl_vader_single_copy_mechanism: 'none',
      };
      const mpirun = (args: string[]) =>
        promisify(execFile)(
          'mpirun',
          ['-np', '2', '--oversubscribe', '--bind-to', 'none', process.execPath, ...cli, ...args],
          { cwd: appDir, env },
        );
      const single = (args: string[]) =>
        promisify(execFile)(process.execPath, [...cli, ...args], { cwd: appDir, env });
      const lastOf = async (results: string) =>
        (
          await readCheckpoint(
            join(results, 'Task00_Phantom_mpi', '3d_fullres', 'fold_0', 'ckpt', 'last.ckpt'),
          )
        ).metadata;

      const results = join(dir, 'results_mpi');
      const first = await mpirun(flags(results, 1));
      expect(first.stderr).toMatch(/^data parallel: 2 ranks, collectives on MPI$/m);
      expect(first.stdout).toMatch(/^trained 1 epochs \(1 steps\); best validation Dice \d\.\d{4}$/m);
      expect(first.stdout.match(/^trained/gm)).toHaveLength(1); // rank 0 alone reports
      expect(await lastOf(results)).toMatchObject({ epoch: 1, step: 1, ranks: 2, globalBatch: 4 });

      // on one rank: the global batch of 2 × 2 becomes 1 × 4, the schedule goes on from step 1
      const resultsOnOne = join(dir, 'results_mpi_on_one');
      cpSync(results, resultsOnOne, { recursive: true });
      const onOne = await single([...flags(resultsOnOne, 2), '--resume-training']);
      expect(onOne.stderr).toMatch(
        /resuming \S+last\.ckpt: trained on 2 rank\(s\), it continues on 1 × batch 4 \(the global batch 4 kept, the cases re-sharded, the schedule from global step 1\)/,
      );
      expect(onOne.stdout).toMatch(/^trained 2 epochs \(2 steps\)/m);
      expect(await lastOf(resultsOnOne)).toMatchObject({ epoch: 2, step: 2, ranks: 1, globalBatch: 4 });

      // on two again, under mpirun: exactly the layout it was trained with
      const onTwo = await mpirun([...flags(results, 2), '--resume-training']);
      expect(onTwo.stderr).not.toMatch(/resuming \S+: /);
      expect(onTwo.stdout).toMatch(/^trained 2 epochs \(2 steps\)/m);
      expect(await lastOf(results)).toMatchObject({ epoch: 2, step: 2, ranks: 2, globalBatch: 4 });
    },
  );
});
