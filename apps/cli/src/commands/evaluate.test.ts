import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createVolume } from '@nnunet-ts/volume';
import { writeNifti } from '@nnunet-ts/io-nifti';
import { parseSummary } from '@nnunet-ts/losses-metrics';
import { captureIo } from '../internal/captureIo.fixture';
import { run } from '../internal/run';

const dir = mkdtempSync(join(tmpdir(), 'nnunet-cli-eval-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('nnunet evaluate', () => {
  it('writes summary.json and prints a table of class means', async () => {
    const preds = join(dir, 'preds');
    const lbls = join(dir, 'lbls');
    mkdirSync(preds);
    mkdirSync(lbls);
    const volume = (fill: (i: number) => number) =>
      createVolume({ data: Uint8Array.from({ length: 64 }, (_, i) => fill(i)), shape: [4, 4, 4] });
    await writeNifti(
      join(preds, 'case1.nii.gz'),
      volume((i) => (i < 32 ? 1 : 0)),
    );
    await writeNifti(
      join(lbls, 'case1.nii.gz'),
      volume((i) => (i < 16 ? 1 : 0)),
    );
    const { io, out } = captureIo();
    expect(await run(['evaluate', '--preds', preds, '--lbls', lbls, '--surface_metrics'], io)).toBe(0);
    expect(out.stdout).toMatch(/class 1\s+0\.6667\s+0\.5000/);
    expect(out.stdout).toMatch(/foreground mean/);
    const summary = parseSummary(readFileSync(join(preds, 'summary.json'), 'utf8'));
    expect(summary.mean['1']!.Dice).toBeCloseTo(2 / 3, 12);
    expect(summary.mean['1']!.HD95).toBeGreaterThan(0);
  });

  it('explains a missing folder without a stack trace', async () => {
    const { io, out } = captureIo();
    expect(await run(['evaluate', '--preds', join(dir, 'nope'), '--lbls', dir], io)).toBe(1);
    expect(out.stderr).toMatch(/nope/);
    expect(out.stderr).not.toMatch(/ {4}at /);
  });
});
