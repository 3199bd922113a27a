import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { synthesizeDataset } from '@nnunet-ts/datasets';
import { readCheckpoint } from '@nnunet-ts/trainer';

// A full disk at the moment each kind of output is written (NNUNET_FAULTS=enospc@<point>:<n>, the
// fault injected inside the one atomic writer): a clear error, the previous good file kept, nothing
// partial, and the rerun completes.
const dir = mkdtempSync(join(tmpdir(), 'nnunet-cli-disk-full-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const appDir = fileURLToPath(new URL('../..', import.meta.url));

function nnunet(args: string[], faults = '') {
  return spawnSync(
    process.execPath,
    ['--conditions=@nnunet-ts/source', '--import', 'tsx', 'src/cli.ts', ...args],
    {
      cwd: appDir,
      encoding: 'utf8',
      env: { ...process.env, NNUNET_NUM_THREADS: '1', NNUNET_FAULTS: faults },
    },
  );
}

/** Every file below `folder` whose name says it is not finished. */
const partialFiles = (folder: string): string[] =>
  readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tmp$|\.partial$/.test(f));

describe('a full disk while writing', () => {
  const data = join(dir, 'Task00_Phantom');
  const results = join(dir, 'results');
  const train = [
    ...['train', '--data', data, '--results', results, '--nfolds', '2', '--base-filters', '4'],
    ...['--max-filters', '8', '--num-workers', '0', '--seed', '1', '--quiet'],
    // one checkpoint per epoch: the 2nd is epoch 2's
    ...['--ckpt-strategy', 'last_only'],
  ];

  it('the store: the case fails naming its file and the disk, the rerun preprocesses it', async () => {
    await synthesizeDataset(data, { cases: 4, testCases: 1, shape: '16,16,12', seed: 5 });
    const args = ['preprocess', '--data', data, '--results', results, '--n-jobs', '1'];
    const full = nnunet(args, 'enospc@npy:3');
    expect(full.status).toBe(1);
    expect(full.stderr).toMatch(
      /^failed phantom_001: .*: .*_x\.npy: could not write: ENOSPC: no space left on device/m,
    );
    expect(full.stdout).toMatch(/: 3 preprocessed, 0 already done, 1 failed$/m);
    expect(partialFiles(results)).toEqual([]);
    const rerun = nnunet(args);
    expect(rerun.status, rerun.stderr).toBe(0);
    expect(rerun.stdout).toMatch(/: 1 preprocessed, 3 already done, 0 failed$/m);
  });

  it('a checkpoint: train stops naming it, the last good checkpoint stays and resumes', async () => {
    const full = nnunet([...train, '--epochs', '3'], 'enospc@checkpoint:2');
    expect(full.status).toBe(1);
    expect(full.stderr).toMatch(
      /^nnunet train: \S+last\.ckpt: could not write: ENOSPC: no space left on device/m,
    );
    const last = join(results, 'Task00_Phantom', '3d_fullres', 'fold_0', 'ckpt', 'last.ckpt');
    expect((await readCheckpoint(last)).metadata).toMatchObject({ epoch: 1 }); // whole, checksum verified
    expect(partialFiles(results)).toEqual([]);
    const resumed = nnunet([...train, '--epochs', '3', '--resume-training']);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(/^trained 3 epochs/m);
  });

  it('a prediction: predict stops naming the file, --continue then writes the rest', () => {
    const model = join(results, 'Task00_Phantom', '3d_fullres', 'fold_0', 'model');
    const output = join(dir, 'preds');
    const args = [
      'predict',
      '--input',
      join(data, 'imagesTr'),
      '--model',
      model,
      '--output',
      output,
      '--continue',
    ];
    const full = nnunet(args, 'enospc@nifti:2');
    expect(full.status).toBe(1);
    expect(full.stderr).toMatch(
      /^nnunet predict: \S+phantom_001\.nii\.gz: cannot write: ENOSPC: no space left on device/m,
    );
    expect(readdirSync(output)).toEqual(['phantom_000.nii.gz']);
    const rerun = nnunet(args);
    expect(rerun.status, rerun.stderr).toBe(0);
    expect(readdirSync(output).sort()).toEqual([0, 1, 2, 3].map((i) => `phantom_00${i}.nii.gz`));
  });
});
