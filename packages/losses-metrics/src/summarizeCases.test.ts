import { describe, expect, it } from 'vitest';
import { evaluateCase } from './evaluateCase';
import { formatSummary, parseSummary, summarizeCases } from './summarizeCases';

describe('evaluateCase + summarizeCases', () => {
  const grid = { shape: [4, 1, 1], spacing: [1, 1, 1] };

  it('gives nnU-Net v2 summary.json: per case, per-class means (NaN ignored), foreground mean', () => {
    const case1 = evaluateCase([1, 1, 2, 0], [1, 0, 2, 0], { classes: [1, 2], empty: 'nan' });
    const case2 = evaluateCase([0, 0, 0, 0], [0, 1, 0, 0], { classes: [1, 2], empty: 'nan' });
    expect(case1['1']!.Dice).toBeCloseTo(2 / 3, 12);
    expect(case1['2']!.Dice).toBe(1);
    expect(case2['1']!.Dice).toBe(0);
    expect(case2['2']!.Dice).toBeNaN();
    const summary = summarizeCases([
      { prediction_file: 'p1.nii.gz', reference_file: 'r1.nii.gz', metrics: case1 },
      { prediction_file: 'p2.nii.gz', reference_file: 'r2.nii.gz', metrics: case2 },
    ]);
    expect(summary.mean['1']!.Dice).toBeCloseTo(1 / 3, 12);
    expect(summary.mean['2']!.Dice).toBe(1);
    expect(summary.mean['1']!.TP).toBe(0.5);
    expect(summary.foreground_mean.Dice).toBeCloseTo((1 / 3 + 1) / 2, 12);
    expect(summary.metric_per_case[1]!.prediction_file).toBe('p2.nii.gz');
  });

  it('adds HD95 and NSD on request, and needs the grid for them', () => {
    const metrics = evaluateCase([1, 0, 0, 0], [0, 0, 1, 0], { classes: [1], surfaceMetrics: true, grid });
    expect(metrics['1']!.HD95).toBe(2);
    expect(metrics['1']!.NSD).toBe(0);
    expect(() => evaluateCase([1], [1], { classes: [1], surfaceMetrics: true })).toThrow(/need the grid/);
  });

  it('writes NaN and Infinity as Python json does and reads them back', () => {
    const summary = summarizeCases([
      {
        prediction_file: 'p.nii.gz',
        reference_file: 'r.nii.gz',
        metrics: evaluateCase([0, 0, 0, 0], [0, 1, 0, 0], {
          classes: [1, 2],
          empty: 'nan',
          surfaceMetrics: true,
          grid,
        }),
      },
    ]);
    const text = formatSummary(summary);
    expect(text).toMatch(/"Dice": NaN/);
    expect(text).toMatch(/"HD95": Infinity/);
    expect(parseSummary(text)).toEqual(summary);
  });
});
