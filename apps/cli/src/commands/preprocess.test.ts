import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureIo } from '../internal/captureIo.fixture';
import { run } from '../internal/run';

const DATA = '/work/shared/data/msd_totalseg_ct';

describe.skipIf(!existsSync(DATA))('nnunet plan / preprocess', () => {
  let results: string;
  beforeAll(async () => {
    results = await mkdtemp(path.join(tmpdir(), 'cli-preprocess-'));
  });
  afterAll(async () => {
    await rm(results, { recursive: true, force: true });
  });

  it('plan writes the fingerprint and plans and prints each configuration', async () => {
    const { io, out } = captureIo();
    expect(await run(['plan', '--data', DATA, '--results', results, '--n-jobs', '1'], io)).toBe(0);
    const folder = path.join(results, 'msd_totalseg_ct');
    expect(out.stdout).toContain(`plans       ${path.join(folder, 'plans.json')}\n`);
    expect(out.stdout).toMatch(/^3d_fullres {2}spacing \[3, 3, 3\] {2}patch \[\d+, \d+, \d+\] {2}batch \d+/m);
    expect(out.stdout).toMatch(/^2d {10}spacing \[3, 3\]/m);
    // not a terminal: one plain progress line per case
    expect(out.stderr).toContain('fingerprint 6/6 ');
    const plans = JSON.parse(await readFile(path.join(folder, 'plans.json'), 'utf8'));
    expect(Object.keys(plans.configurations).sort()).toEqual(['2d', '3d_fullres']);
  });

  it('preprocess --dim 3 fills the store and says what it did', async () => {
    const { io, out } = captureIo();
    const args = ['preprocess', '--data', DATA, '--results', results, '--dim', '3', '--n_jobs', '2'];
    expect(await run(args, io)).toBe(0);
    const store = path.join(results, 'msd_totalseg_ct', '3d_fullres', 'training');
    expect(out.stdout).toBe(`3d_fullres ${store}: 6 preprocessed, 0 already done, 0 failed\n`);
    expect(existsSync(path.join(store, 'ct_006_x.npy'))).toBe(true);
    const again = captureIo();
    expect(await run(args, again.io)).toBe(0);
    expect(again.out.stdout).toBe(`3d_fullres ${store}: 0 preprocessed, 6 already done, 0 failed\n`);
  });

  it('exits 1 and names the file of a case that fails, after doing the others', async () => {
    const copy = path.join(results, 'broken');
    await cp(DATA, copy, { recursive: true });
    const label = path.join(copy, 'labelsTr', 'ct_004.nii.gz');
    await rm(label);
    await writeFile(label, 'not a nifti file');
    const { io, out } = captureIo();
    // plans copied from the intact dataset, since planning needs every case
    await cp(
      path.join(results, 'msd_totalseg_ct', 'plans.json'),
      path.join(results, 'b', 'broken', 'plans.json'),
    );
    const code = await run(
      ['preprocess', '--data', copy, '--results', path.join(results, 'b'), '--n-jobs', '1'],
      io,
    );
    expect(code).toBe(1);
    expect(out.stderr).toMatch(new RegExp(`^failed ct_004: ${label}: .+$`, 'm'));
    expect(out.stdout).toContain(': 5 preprocessed, 0 already done, 1 failed\n');
  });

  it('rejects an exec mode that does not exist, exit 2', async () => {
    const { io, out } = captureIo();
    expect(await run(['preprocess', '--data', DATA, '--exec-mode', 'predict'], io)).toBe(2);
    expect(out.stderr).toContain('--exec-mode');
  });
});
