import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Writable } from 'node:stream';
import { mpiAvailability } from '@nnunet-ts/distributed';
import { synthesizeDataset } from '@nnunet-ts/datasets';
import { parseSummary } from '@nnunet-ts/losses-metrics';
import { captureIo } from '../internal/captureIo.fixture';
import { run } from '../internal/run';

const dir = mkdtempSync(join(tmpdir(), 'nnunet-cli-case-parallel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const appDir = fileURLToPath(new URL('../..', import.meta.url));

const mpiMissing = spawnSync('mpirun', ['--version'], { stdio: 'ignore' }).error
  ? 'mpirun not found (apt-get install openmpi-bin libopenmpi-dev)'
  : mpiAvailability().available
    ? null
    : mpiAvailability().reason;
if (mpiMissing) console.warn(`[cli] skipping case-parallel commands under mpirun: ${mpiMissing}`);

/** `nnunet <args>` as 2 ranks of Open MPI's mpirun (as root in CI, in a container). */
function mpirun2(args: string[]) {
  return promisify(execFile)(
    'mpirun',
    [
      ...['-np', '2', '--oversubscribe', '--bind-to', 'none'],
      ...[process.execPath, '--conditions=@nnunet-ts/source', '--import', 'tsx', 'src/cli.ts', ...args],
    ],
    {
      cwd: appDir,
      env: {
        ...process.env,
        NNUNET_NUM_THREADS: '1',
        OMPI_ALLOW_RUN_AS_ROOT: '1',
        OMPI_ALLOW_RUN_AS_ROOT_CONFIRM: '1',
        OMPI_MCA_btl_vader_single_copy_mechanism: 'none',
      },
    },
  );
}

async function single(args: string[]) {
  const { io, out } = captureIo();
  expect(await run(args, io), out.stderr).toBe(0);
  return out;
}

/** Every file under `root`, relative path → bytes. */
function filesUnder(root: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(root, path), readFileSync(path));
    }
  };
  walk(root);
  return files;
}

function expectSameFiles(a: string, b: string) {
  const [left, right] = [filesUnder(a), filesUnder(b)];
  expect([...right.keys()]).toEqual([...left.keys()]);
  for (const [name, bytes] of left) expect(right.get(name)!.equals(bytes), `${name} differs`).toBe(true);
  return left;
}

describe.skipIf(mpiMissing !== null)(
  `preprocess, predict and evaluate under mpirun -np 2 share the cases out${mpiMissing ? ` (skipped: ${mpiMissing})` : ''}`,
  () => {
    const data = join(dir, 'Task00_Phantom');
    let model = '';
    beforeAll(async () => {
      await synthesizeDataset(data, { cases: 5, testCases: 3, shape: '16,16,12', seed: 6 });
      const { train } = await import('@nnunet-ts/trainer');
      ({ modelFolder: model } = await train(
        {
          data,
          results: join(dir, 'trained'),
          epochs: 1,
          nfolds: 2,
          numWorkers: 0,
          baseFilters: 4,
          maxFilters: 8,
          seed: 1,
          quiet: true,
        },
        { consoleStream: new Writable({ write: (_chunk, _encoding, done) => done() }) },
      ));
    }, 120_000);

    it('preprocess: rank 0 plans, each rank writes its cases, and the store equals a single process’s', async () => {
      const args = (results: string) => ['preprocess', '--data', data, '--results', results, '--n-jobs', '1'];
      const alone = await single(args(join(dir, 'pre_single')));
      const job = await mpirun2(args(join(dir, 'pre_mpi')));
      expect(alone.stdout).toMatch(/: 5 preprocessed, 0 already done, 0 failed$/m);
      // rank 0 alone reports, for the whole job
      expect(job.stdout.trim().split('\n')).toEqual([
        expect.stringMatching(/: 5 preprocessed, 0 already done, 0 failed \(2 ranks\)$/),
      ]);
      const files = expectSameFiles(join(dir, 'pre_single'), join(dir, 'pre_mpi'));
      expect([...files.keys()].filter((f) => f.endsWith('_x.npy'))).toHaveLength(5);
    });

    it('predict on the test cases writes byte-identical label maps; evaluate gathers one identical summary', async () => {
      const predict = (output: string) => [
        'predict',
        '--input',
        join(data, 'imagesTs'),
        '--model',
        model,
        '--output',
        output,
      ];
      const alone = await single(predict(join(dir, 'preds_single')));
      const job = await mpirun2(predict(join(dir, 'preds_mpi')));
      expect(alone.stdout).toMatch(/^3 prediction\(s\) written to /m);
      expect(job.stdout.trim().split('\n')).toEqual([
        expect.stringMatching(/^3 prediction\(s\) written to \S+preds_mpi by 2 ranks \(2 \+ 1\)$/),
      ]);
      const files = expectSameFiles(join(dir, 'preds_single'), join(dir, 'preds_mpi'));
      expect([...files.keys()].filter((f) => f.endsWith('.nii.gz'))).toHaveLength(3);

      const evaluate = (output: string) => [
        ...['evaluate', '--preds', join(dir, 'preds_single'), '--lbls', join(data, 'labelsTs')],
        ...['--surface-metrics', '--output', output],
      ];
      await single(evaluate(join(dir, 'summary_single.json')));
      const scored = await mpirun2(evaluate(join(dir, 'summary_mpi.json')));
      expect(scored.stdout).toMatch(/^3 cases$/m);
      const [alone3, job3] = ['summary_single.json', 'summary_mpi.json'].map((f) =>
        readFileSync(join(dir, f), 'utf8'),
      );
      expect(job3).toBe(alone3);
      expect(parseSummary(job3).metric_per_case).toHaveLength(3);
    });
  },
);
