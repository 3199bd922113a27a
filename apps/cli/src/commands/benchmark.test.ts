import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { captureIo } from '../internal/captureIo.fixture';
import { run } from '../internal/run';

const dir = mkdtempSync(join(tmpdir(), 'nnunet-cli-bench-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('nnunet benchmark', () => {
  it("runs the benchmark with the seed's flags and writes perf.json", async () => {
    const { io, out } = captureIo();
    const code = await run(
      [
        'benchmark',
        '--mode',
        'predict',
        '--dim',
        '2',
        '--batch_size',
        '2',
        '--warmup-steps',
        '1',
        '--bench-steps',
        '2',
        '--patch-size',
        '16,16',
        '--in-channels',
        '1',
        '--classes',
        '2',
        '--backend',
        'cpu',
        '--results',
        dir,
        '--quiet',
      ],
      io,
    );
    expect(out.stderr).toBe('');
    expect(code).toBe(0);
    expect(out.stdout).toMatch(/^throughput_predict +\d+\.\d{4} img\/s$/m);
    const lines = readFileSync(join(dir, 'perf.json'), 'utf8').trim().split('\n');
    const summary = JSON.parse(lines.at(-1)!.replace(/^DLLL /, '')) as { step: unknown; data: object };
    expect(summary.step).toEqual([]);
    expect(Object.keys(summary.data)).toEqual([
      'throughput_predict',
      'latency_predict_mean',
      'latency_predict_50',
      'latency_predict_90',
      'latency_predict_95',
      'latency_predict_99',
    ]);
  });

  it('names bad options, exit 2, and a patch the strides do not divide, exit 1', async () => {
    const bad = captureIo();
    expect(await run(['benchmark', '--mode', 'fit', '--dim', '3', '--batch-size', '2'], bad.io)).toBe(2);
    expect(bad.out.stderr).toContain("--mode: expected one of train, predict (got 'fit')");

    const missing = captureIo();
    expect(await run(['benchmark', '--mode', 'train'], missing.io)).toBe(2);
    expect(missing.out.stderr).toContain('--dim: is required');
    expect(missing.out.stderr).toContain('--batch-size: is required');

    const odd = captureIo();
    const args = [
      'benchmark',
      '--mode',
      'train',
      '--dim',
      '3',
      '--batch-size',
      '1',
      '--patch-size',
      '9,16,16',
    ];
    expect(await run(args, odd.io)).toBe(1);
    expect(odd.out.stderr).toBe(
      'nnunet benchmark: --patch-size 9,16,16: patch size 9 on axis 0 is not divisible by ' +
        "the network's total stride 2 there; use a multiple of 2\n",
    );
  });
});
