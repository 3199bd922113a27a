import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { captureIo } from '../internal/captureIo.fixture';
import { run } from '../internal/run';

const temp = await mkdtemp(path.join(tmpdir(), 'nnunet-cli-synth-'));
afterAll(() => rm(temp, { recursive: true, force: true }));

const small = ['--cases', '2', '--test-cases', '1', '--shape', '24,24,12'];

describe('nnunet synth', () => {
  it('writes the phantom dataset that nnunet verify passes', async () => {
    const out = path.join(temp, 'mr');
    const { io, out: text } = captureIo();
    const args = ['--modality', 'MR', '--channels', '2', '--labels', '3', '--anisotropic', '--seed', '5'];
    expect(await run(['synth', '--out', out, ...small, ...args], io)).toBe(0);
    expect(text.stdout).toBe(
      `wrote 2 training and 1 test cases (T1w + T2w; labels organ, lesion, kidney) to ${out}\n`,
    );
    expect((await readdir(path.join(out, 'imagesTr'))).sort()).toEqual([
      'phantom_000.nii.gz',
      'phantom_001.nii.gz',
    ]);
    const check = captureIo();
    expect(await run(['verify', '--data', out], check.io)).toBe(0);
  });

  it('defaults to Task00_Phantom in the data folder, which --task 00 finds', async () => {
    const root = await mkdtemp(path.join(temp, 'data-'));
    const { io } = captureIo({ NNUNET_DATA: root });
    expect(await run(['synth', ...small], io)).toBe(0);
    expect(await readdir(root)).toEqual(['Task00_Phantom']);
    const check = captureIo({ NNUNET_DATA: root });
    expect(await run(['verify', '--task', '00'], check.io)).toBe(0);
    expect(check.out.stdout).toBe(
      `${path.join(root, 'Task00_Phantom')} (msd, 2 training and 1 test cases): no problems found\n`,
    );
  });

  it('keeps an existing folder unless --force, and rejects a bad shape with exit 2', async () => {
    const out = path.join(temp, 'taken');
    await rm(out, { recursive: true, force: true });
    await run(['synth', '--out', out, ...small], captureIo().io);
    await writeFile(path.join(out, 'notes.txt'), 'mine');
    const refused = captureIo();
    expect(await run(['synth', '--out', out, ...small], refused.io)).toBe(1);
    expect(refused.out.stderr).toBe(
      `nnunet synth: ${out} already exists and is not empty; choose another folder or pass force\n`,
    );
    expect(await run(['synth', '--out', out, ...small, '--force'], captureIo().io)).toBe(0);
    expect((await readdir(out)).includes('notes.txt')).toBe(false);

    const bad = captureIo();
    expect(await run(['synth', '--out', out, '--shape', '24x24'], bad.io)).toBe(2);
    expect(bad.out.stderr).toContain('--shape: expected three integers x,y,z such as 64,64,32');
  });
});
