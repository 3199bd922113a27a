import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthesizeDataset } from '@nnunet-ts/datasets';
import { captureIo } from '../internal/captureIo.fixture';
import { run } from '../internal/run';

const dir = mkdtempSync(join(tmpdir(), 'nnunet-cli-plan-overrides-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function nnunet(...args: string[]) {
  const { io, out } = captureIo();
  return { code: await run(args, io), ...out };
}

describe('nnunet plan / train --patch-size', () => {
  it('records a patch and batch the topology allows, trains with them, and refuses one it does not', async () => {
    const data = join(dir, 'Task00_Phantom');
    await synthesizeDataset(data, { cases: 4, testCases: 1, shape: '24,24,16', seed: 3 });
    const results = join(dir, 'results');
    const planned = await nnunet(
      'plan',
      '--data',
      data,
      '--results',
      results,
      '--patch-size',
      '16',
      '16',
      '8',
      '--batch-size',
      '3',
    );
    expect(planned.code, planned.stderr).toBe(0);
    expect(planned.stdout).toMatch(/^3d_fullres {2}spacing \[.*\] {2}patch \[16, 16, 8\] {2}batch 3 /m);
    const plans = JSON.parse(readFileSync(join(results, 'Task00_Phantom', 'plans.json'), 'utf8'));
    expect(plans.configurations['3d_fullres']).toMatchObject({ patchSize: [16, 16, 8], batchSize: 3 });

    const train = (...patch: string[]) =>
      nnunet(
        ...[
          'train',
          '--data',
          data,
          '--results',
          results,
          '--patch-size',
          ...patch,
          '--epochs',
          '1',
          '--nfolds',
          '2',
        ],
        ...['--base-filters', '4', '--max-filters', '8', '--num-workers', '0', '--quiet'],
      );
    const trained = await train('16', '16', '8');
    expect(trained.code, trained.stderr).toBe(0);
    expect(trained.stderr).toMatch(/^training 3d_fullres fold 0: .*patch \[16, 16, 8\]/m);

    const refused = await train('18', '16', '8');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      "--patch-size 18 16 8: patch size 18 on axis 0 is not divisible by the network's total stride 4 there; use a multiple of 4",
    );
  }, 120_000);
});
