import { describe, expect, it } from 'vitest';
import { trainingCurvesSpec } from './trainingCurvesSpec';
import type { CurvePoint } from './trainingCurves';

const points: CurvePoint[] = [
  { group: 'loss', metric: 'train_loss', x: 0, value: 1 },
  { group: 'dice', metric: 'L2', x: 0, value: 0.5 },
  { group: 'dice', metric: 'dice', x: 0, value: 0.4 },
];

describe('trainingCurvesSpec', () => {
  it('has one chart per group with points, and names per-class Dice after the classes', () => {
    const spec = trainingCurvesSpec(points, {
      classes: [{ value: 2, name: 'spleen' }],
      width: 100,
      height: 50,
    });
    const charts = (spec as { hconcat: { title: string; width: number; height: number }[] }).hconcat;
    expect(charts.map((c) => [c.title, c.width, c.height])).toEqual([
      ['Loss', 100, 50],
      ['Dice', 100, 50],
    ]);
    const values = (spec.data as { values: { metric: string; label: string }[] }).values;
    expect(values.map((v) => v.label)).toEqual(['train_loss', 'L2 spleen', 'dice']);
  });

  it('refuses to chart nothing', () => {
    expect(() => trainingCurvesSpec([])).toThrow('trainingCurvesSpec: there are no curve points to chart');
  });
});
