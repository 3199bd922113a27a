import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { Writable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthesizeDataset } from '@nnunet-ts/datasets';
import { readDllogger } from '@nnunet-ts/logging';
import { loadUNet } from '@nnunet-ts/unet-model';
import { train } from './train';

const dir = mkdtempSync(join(tmpdir(), 'nnunet-fold-all-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--fold all', () => {
  it('trains on every case without validation, into fold_all, and its model predicts', async () => {
    const data = join(dir, 'Task00_Phantom');
    await synthesizeDataset(data, { cases: 4, testCases: 1, shape: '16,16,12', seed: 3 });
    const options = {
      data,
      results: join(dir, 'results'),
      fold: 'all' as const,
      epochs: 2,
      nfolds: 2,
      baseFilters: 4,
      maxFilters: 8,
      numWorkers: 0,
      seed: 1,
      quiet: true,
    };
    const notes: string[] = [];
    const hooks = {
      note: (line: string) => notes.push(line),
      consoleStream: new Writable({ write: (_chunk, _encoding, done) => done() }),
    };
    const result = await train(options, hooks);
    expect(result.runFolder).toBe(join(dir, 'results', 'Task00_Phantom', '3d_fullres', 'fold_all'));
    expect(notes.some((n) => /^training 3d_fullres fold all: 4 training \/ 0 validation cases/.test(n))).toBe(
      true,
    );
    expect(result.summary).toMatchObject({ epoch: 2 });
    expect(Number.isNaN(result.summary.bestDice)).toBe(true);
    // no validation: no best checkpoint, no Dice in the log; the model folder holds the last weights
    expect(readdirSync(join(result.runFolder, 'ckpt'))).toEqual(['last.ckpt']);
    const { records } = await readDllogger(result.logFile);
    expect(records.some((r) => r.type === 'LOG' && 'dice' in r.data)).toBe(false);
    const saved = await loadUNet<{ fold: unknown }>(result.modelFolder);
    saved.model.dispose();
    expect(saved.plan.fold).toBe('all');

    await expect(train({ ...options, execMode: 'evaluate' }, hooks)).rejects.toThrow(
      '--exec-mode evaluate: --fold all trains on every case and has no validation cases',
    );
    const predicted = await train({ ...options, execMode: 'predict' }, hooks);
    expect(existsSync(join(predicted.runFolder, 'preds_val'))).toBe(false);
    expect(readdirSync(join(predicted.runFolder, 'preds_test'))).toEqual(['phantom_004.nii.gz']);
  }, 120_000);
});
