import { existsSync } from 'node:fs';
import { chmod, cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { captureIo } from '../internal/captureIo.fixture';
import { run } from '../internal/run';

const sharedCt = path.resolve(
  fileURLToPath(import.meta.url),
  '../../../../../../shared/data/msd_totalseg_ct',
);
const haveCt = existsSync(sharedCt);
if (!haveCt) console.warn(`[cli] skipping nnunet verify tests on ${sharedCt}: folder not found`);

const temp = await mkdtemp(path.join(tmpdir(), 'nnunet-cli-verify-'));
afterAll(() => rm(temp, { recursive: true, force: true }));

/** A writable copy of the shared dataset as <root>/Task90_CT, without the label of ct_001. */
async function brokenCopy(): Promise<string> {
  const root = await mkdtemp(path.join(temp, 'data-'));
  const folder = path.join(root, 'Task90_CT');
  await cp(sharedCt, folder, { recursive: true });
  for (const dir of [folder, path.join(folder, 'labelsTr')]) await chmod(dir, 0o755);
  await rm(path.join(folder, 'labelsTr', 'ct_001.nii.gz'));
  expect(await readdir(path.join(folder, 'labelsTr'))).toHaveLength(5);
  return root;
}

describe.skipIf(!haveCt)('nnunet verify', () => {
  it('passes the shared dataset and exits 0', async () => {
    const { io, out } = captureIo();
    expect(await run(['verify', '--data', sharedCt], io)).toBe(0);
    expect(out.stdout).toBe(`${sharedCt} (msd, 6 training and 1 test cases): no problems found\n`);
  });

  it('lists the problems by file and exits 1', async () => {
    const root = await brokenCopy();
    const { io, out } = captureIo();
    expect(await run(['verify', '--task', '90', '--data', root], io)).toBe(1);
    expect(out.stdout).toBe(
      `${path.join(root, 'Task90_CT')} (msd, 6 training and 1 test cases): 1 problem in 1 file\n` +
        '  labelsTr/ct_001.nii.gz\n' +
        '    - missing: dataset.json lists it for case ct_001, but it does not exist\n',
    );

    // the task is looked up under NNUNET_DATA when --data is not given; --json for scripts
    const json = captureIo({ NNUNET_DATA: root });
    expect(await run(['verify', '--task', 'Task90', '--json'], json.io)).toBe(1);
    expect(JSON.parse(json.out.stdout)).toEqual({
      dataset: path.join(root, 'Task90_CT'),
      layout: 'msd',
      problems: [
        {
          file: path.join(root, 'Task90_CT', 'labelsTr', 'ct_001.nii.gz'),
          problem: 'missing: dataset.json lists it for case ct_001, but it does not exist',
        },
      ],
    });
  });
});

describe('nnunet verify errors', () => {
  it('asks for a dataset, and rejects bad options with exit 2', async () => {
    const none = captureIo();
    expect(await run(['verify'], none.io)).toBe(1);
    expect(none.out.stderr).toBe(
      'nnunet verify: give --task NN (and --data for the folder that holds the datasets) or --data DATASET_FOLDER\n',
    );
    const missing = captureIo();
    expect(await run(['verify', '--task', '7', '--data', temp], missing.io)).toBe(1);
    expect(missing.out.stderr).toMatch(/^nnunet verify: no dataset folder for '7': searched /);
    const dim = captureIo();
    expect(await run(['verify', '--data', temp, '--expected-dim', '4'], dim.io)).toBe(2);
    expect(dim.out.stderr).toContain('--expected-dim: expected one of 2, 3');
  });
});
