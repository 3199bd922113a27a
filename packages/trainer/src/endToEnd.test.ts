import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { Writable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSplits, synthesizeDataset } from '@nnunet-ts/datasets';
import { predictFolder } from '@nnunet-ts/inference';
import { readNifti } from '@nnunet-ts/io-nifti';
import { evaluateFolders } from './evaluateFolders';
import { train } from './train';

const dir = mkdtempSync(join(tmpdir(), 'nnunet-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('train → predict → evaluate on a small phantom dataset', () => {
  it('runs end to end and writes predictions in the geometry of the inputs', async () => {
    const data = join(dir, 'Task00_Phantom');
    await synthesizeDataset(data, { cases: 4, testCases: 1, shape: '24,24,16', seed: 3 });
    const notes: string[] = [];
    const result = await train(
      {
        data,
        results: join(dir, 'results'),
        epochs: 2,
        nfolds: 2,
        skipEval: 1,
        baseFilters: 4,
        maxFilters: 8,
        numWorkers: 0,
        seed: 1,
        quiet: true,
        amp: true,
        learningRate: 3e-3,
      },
      {
        note: (line) => notes.push(line),
        consoleStream: new Writable({ write: (_chunk, _encoding, done) => done() }),
      },
    );
    expect(notes.some((n) => n.startsWith('--amp: tfjs has no float16'))).toBe(true);
    expect(result.summary.epoch).toBe(2);
    expect(result.summary.bestDice).toBeGreaterThanOrEqual(0);
    expect(existsSync(join(result.modelFolder, 'model.json'))).toBe(true);
    expect(existsSync(result.logFile)).toBe(true);

    const output = join(dir, 'predictions');
    const written = await predictFolder({
      models: [result.modelFolder],
      input: join(data, 'imagesTs'),
      output,
    });
    expect(written).toHaveLength(1);
    const input = await readNifti(join(data, 'imagesTs', readdirSync(join(data, 'imagesTs'))[0]!));
    const prediction = await readNifti(written[0]!);
    expect(prediction.volume.shape).toEqual(input.volume.shape);
    expect(prediction.volume.affine).toEqual(input.volume.affine);

    const summary = await evaluateFolders({ preds: output, lbls: join(data, 'labelsTs') });
    expect(summary.metric_per_case).toHaveLength(1);
    expect(Object.keys(summary.mean)).toEqual(['1', '2']);

    // the checkpoint modes of the same run
    const same = {
      data,
      results: join(dir, 'results'),
      nfolds: 2,
      baseFilters: 4,
      maxFilters: 8,
      numWorkers: 0,
      seed: 1,
      quiet: true,
    };
    const hooks = { consoleStream: new Writable({ write: (_chunk, _encoding, done) => done() }) };
    const evaluated = await train({ ...same, execMode: 'evaluate' }, hooks);
    expect(evaluated.summary.lastValidation?.perClass).toHaveLength(2);
    expect(evaluated.summary.lastValidation?.meanForeground).toBeCloseTo(result.summary.bestDice, 6);
    // as the seed: the fold's validation cases of the store (with --save-preds their softmax .npy), and the test set
    const predicted = await train({ ...same, execMode: 'predict', savePreds: true }, hooks);
    const listed = (folder: string) => readdirSync(join(predicted.runFolder, folder)).sort();
    const [fold0] = await readSplits(join(dir, 'results', 'Task00_Phantom', 'splits_final.json'));
    expect(listed('preds_val')).toEqual(fold0!.val.flatMap((id) => [`${id}.nii.gz`, `${id}.npy`]));
    expect(listed('preds_test').filter((f) => f.endsWith('.nii.gz'))).toHaveLength(1);
    await expect(train({ ...same, execMode: 'export', fold: 1 }, hooks)).rejects.toThrow(
      /no checkpoint in .*fold_1.*train this fold first/,
    );
  }, 600_000);
});
