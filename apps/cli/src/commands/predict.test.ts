import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { synthesizeDataset } from '@nnunet-ts/datasets';
import { captureIo } from '../internal/captureIo.fixture';
import { run } from '../internal/run';

const dir = mkdtempSync(join(tmpdir(), 'nnunet-cli-predict-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('nnunet predict', () => {
  it('needs exactly one of --input and --store', async () => {
    for (const where of [[], ['--input', dir, '--store', dir]]) {
      const { io, out } = captureIo();
      expect(await run(['predict', ...where, '--output', dir, '--model', dir], io)).toBe(2);
      expect(out.stderr).toMatch(/either --input .* or --store/);
    }
  });

  it('--store predicts the fold’s validation cases with --save-preds, and --continue skips them', async () => {
    const data = join(dir, 'Task00_Phantom');
    const results = join(dir, 'results');
    await synthesizeDataset(data, { cases: 4, testCases: 1, shape: '16,16,12', seed: 2 });
    // a tiny model through the library (the train command's own tests cover the command)
    const { train } = await import('@nnunet-ts/trainer');
    const { modelFolder: model } = await train(
      {
        data,
        results,
        epochs: 1,
        nfolds: 2,
        numWorkers: 0,
        baseFilters: 4,
        maxFilters: 8,
        seed: 1,
        quiet: true,
      },
      { consoleStream: new Writable({ write: (_chunk, _encoding, done) => done() }) },
    );
    const store = join(results, 'Task00_Phantom', '3d_fullres', 'training');
    const output = join(dir, 'preds');
    const args = [
      'predict',
      '--store',
      store,
      '--model',
      model,
      '--output',
      output,
      '--nfolds',
      '2',
      '--save-preds',
    ];
    const first = captureIo();
    expect(await run(args, first.io), first.out.stderr).toBe(0);
    expect(first.out.stdout).toMatch(/2 prediction\(s\) written/);
    expect(readdirSync(output).filter((f) => f.endsWith('.npy'))).toHaveLength(2);
    const again = captureIo();
    expect(await run([...args, '--continue'], again.io)).toBe(0);
    expect(again.out.stdout).toMatch(/0 prediction\(s\) written/);
    expect(again.out.stderr.match(/already predicted/g)).toHaveLength(2);
  }, 300_000);
});
