import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createVolume } from '@nnunet-ts/volume';
import { writeNifti } from '@nnunet-ts/io-nifti';
import { evaluateFolders } from './evaluateFolders';

const dir = mkdtempSync(join(tmpdir(), 'nnunet-eval-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const shape = [6, 5, 4];
// uint8 files, or uint16 when a value exceeds 255 (as predictions are written)
const labels = (fill: (i: number) => number) => {
  const values = Array.from({ length: 120 }, (_, i) => fill(i));
  const data = values.some((v) => v > 255) ? Uint16Array.from(values) : Uint8Array.from(values);
  return createVolume({ data, shape, spacing: [1, 1, 2] });
};

async function folders(
  name: string,
  cases: Record<string, { pred: (i: number) => number; ref: (i: number) => number }>,
) {
  const preds = join(dir, name, 'preds');
  const lbls = join(dir, name, 'lbls');
  mkdirSync(preds, { recursive: true });
  mkdirSync(lbls, { recursive: true });
  for (const [id, { pred, ref }] of Object.entries(cases)) {
    await writeNifti(join(preds, `${id}.nii.gz`), labels(pred));
    await writeNifti(join(lbls, `${id}.nii.gz`), labels(ref));
  }
  return { preds, lbls };
}

describe('evaluateFolders', () => {
  it('scores each case and class and summarises like nnU-Net v2', async () => {
    const paths = await folders('ok', {
      a: { pred: (i) => (i < 60 ? 1 : 0), ref: (i) => (i < 40 ? 1 : i > 100 ? 2 : 0) },
      b: { pred: (i) => (i > 100 ? 2 : 0), ref: (i) => (i > 100 ? 2 : 0) },
    });
    const summary = await evaluateFolders({ ...paths, surfaceMetrics: true });
    expect(summary.metric_per_case.map((c) => c.prediction_file)).toEqual([
      join(paths.preds, 'a.nii.gz'),
      join(paths.preds, 'b.nii.gz'),
    ]);
    const a = summary.metric_per_case[0]!.metrics;
    expect(a['1']!.Dice).toBeCloseTo((2 * 40) / 100, 12);
    expect(a['2']!.Dice).toBe(0);
    expect(a['2']!.HD95).toBe(Infinity);
    // case b has no class 1 anywhere: NaN, left out of the mean (nnU-Net v2)
    expect(summary.metric_per_case[1]!.metrics['1']!.Dice).toBeNaN();
    expect(summary.mean['1']!.Dice).toBeCloseTo(0.8, 12);
    expect(summary.mean['2']!.Dice).toBeCloseTo(0.5, 12);
  });

  it('scores uint16 label maps by their values, up to 65535', async () => {
    const paths = await folders('uint16', {
      a: { pred: (i) => (i < 60 ? 300 : 65535), ref: (i) => (i < 40 ? 300 : i > 100 ? 65535 : 0) },
    });
    const summary = await evaluateFolders(paths);
    expect(Object.keys(summary.mean)).toEqual(['300', '65535']);
    expect(summary.mean['300']!.Dice).toBeCloseTo((2 * 40) / 100, 12);
    expect(summary.mean['65535']!.Dice).toBeCloseTo((2 * 19) / (60 + 19), 12);
  });

  it('refuses predictions on another grid, and predictions without a reference', async () => {
    const paths = await folders('grid', { a: { pred: () => 0, ref: () => 0 } });
    await writeNifti(
      join(paths.preds, 'a.nii.gz'),
      createVolume({ data: new Uint8Array(120), shape, spacing: [1, 1, 3] }),
    );
    await expect(evaluateFolders(paths)).rejects.toThrow(/different affines .* not on one grid/);
    await writeNifti(
      join(paths.preds, 'extra.nii.gz'),
      labels(() => 0),
    );
    await expect(evaluateFolders(paths)).rejects.toThrow(
      /no reference in .* for 1 prediction\(s\): extra\.nii\.gz/,
    );
  });
});
