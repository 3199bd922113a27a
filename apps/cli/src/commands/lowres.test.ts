import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthesizeDataset } from '@nnunet-ts/datasets';
import { readNifti } from '@nnunet-ts/io-nifti';
import { captureIo } from '../internal/captureIo.fixture';
import { run } from '../internal/run';

const dir = mkdtempSync(join(tmpdir(), 'nnunet-cli-lowres-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function nnunet(...args: string[]) {
  const { io, out } = captureIo();
  const code = await run(args, io);
  return { code, ...out };
}

describe('3d_lowres', () => {
  it('is planned where the full-res patch covers too little, preprocessed and trained on its own, and predicts', async () => {
    const data = join(dir, 'Task00_Phantom');
    await synthesizeDataset(data, { cases: 4, testCases: 1, shape: '64,64,48', seed: 2 });
    const results = join(dir, 'results');
    // a tiny memory target makes the 3d_fullres patch small next to these images
    const budget = ['--memory-target-gb', '0.05'];
    const planned = await nnunet('plan', '--data', data, '--results', results, ...budget);
    expect(planned.code, planned.stderr).toBe(0);
    // isotropic: every axis's spacing grows together, by whole 3% steps
    const [, spacing] = /^3d_lowres {3}spacing \[([\d.]+), \1, \1\]/m.exec(planned.stdout) ?? [];
    expect(spacing, planned.stdout).toBeDefined();
    const steps = Math.log(Number(spacing)) / Math.log(1.03);
    expect(Math.abs(steps - Math.round(steps))).toBeLessThan(0.01);

    const trained = await nnunet(
      ...['train', '--data', data, '--results', results, ...budget, '--configuration', '3d_lowres'],
      ...[
        '--epochs',
        '1',
        '--nfolds',
        '2',
        '--base-filters',
        '4',
        '--max-filters',
        '8',
        '--num-workers',
        '0',
        '--quiet',
      ],
    );
    expect(trained.code, trained.stderr).toBe(0);
    expect(trained.stderr).toMatch(/^training 3d_lowres fold 0: /m);
    const dataset = join(results, 'Task00_Phantom');
    expect(
      readdirSync(join(dataset, '3d_lowres', 'training')).filter((f) => f.endsWith('_x.npy')),
    ).toHaveLength(4);
    const model = join(dataset, '3d_lowres', 'fold_0', 'model');
    expect(existsSync(join(model, 'model.json'))).toBe(true);

    const output = join(dir, 'preds');
    const predicted = await nnunet(
      'predict',
      '--input',
      join(data, 'imagesTs'),
      '--model',
      model,
      '--output',
      output,
    );
    expect(predicted.code, predicted.stderr).toBe(0);
    const [file] = readdirSync(join(data, 'imagesTs'));
    const [image, prediction] = await Promise.all([
      readNifti(join(data, 'imagesTs', file!)),
      readNifti(join(output, file!)),
    ]);
    // back on the original grid, not the low-res one
    expect(prediction.volume.shape).toEqual(image.volume.shape);
  }, 180_000);

  it('is refused with a reason where it is not planned, and where --dim disagrees', async () => {
    const data = join(dir, 'Task00_Small');
    await synthesizeDataset(data, { cases: 4, testCases: 1, shape: '16,16,12', seed: 2 });
    const results = join(dir, 'results-small');
    const none = await nnunet(
      'preprocess',
      '--data',
      data,
      '--results',
      results,
      '--configuration',
      '3d_lowres',
    );
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(
      /plans\.json: no 3d_lowres configuration: nnU-Net plans one only when the 3d_fullres patch covers less than a quarter/,
    );
    const dim = await nnunet('train', '--data', data, '--results', results, '--configuration', '2d');
    expect(dim.code).not.toBe(0);
    expect(dim.stderr).toMatch(/--configuration 2d trains a 2D U-Net: give --dim 2/);
  });
});
