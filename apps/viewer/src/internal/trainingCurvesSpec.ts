import type { TopLevelSpec } from 'vega-lite';
import type { SessionClass } from './SessionData';
import type { CurveGroup, CurvePoint } from './trainingCurves';

export interface TrainingCurvesSpecOptions {
  /** plot area of each chart in pixels (default 320 × 200) */
  width?: number;
  height?: number;
  /** names the per-class Dice keys `L1`, `L2`, ... after their classes */
  classes?: readonly SessionClass[];
}

const TITLES: Record<CurveGroup, string> = { loss: 'Loss', dice: 'Dice', lr: 'Learning rate' };

/**
 * One vega-lite spec with a chart per curve group that has points (loss, Dice, learning rate), side
 * by side. The page embeds it with vega-embed; the report renders it to SVG and PNG in Node.
 */
export function trainingCurvesSpec(
  points: readonly CurvePoint[],
  options: TrainingCurvesSpecOptions = {},
): TopLevelSpec {
  const { width = 320, height = 200, classes = [] } = options;
  const names = new Map(classes.map((c) => [`L${c.value}`, `L${c.value} ${c.name}`]));
  const values = points.map((p) => ({ ...p, label: names.get(p.metric) ?? p.metric }));
  const groups = (Object.keys(TITLES) as CurveGroup[]).filter((g) => points.some((p) => p.group === g));
  if (groups.length === 0) throw new Error('trainingCurvesSpec: there are no curve points to chart');
  return {
    data: { values },
    hconcat: groups.map((group) => ({
      title: TITLES[group],
      width,
      height,
      transform: [{ filter: { field: 'group', equal: group } }],
      mark: { type: 'line', point: values.filter((v) => v.group === group).length < 50 },
      encoding: {
        x: { field: 'x', type: 'quantitative', title: 'epoch' },
        y: {
          field: 'value',
          type: 'quantitative',
          title: TITLES[group],
          scale: group === 'dice' ? { domain: [0, 1] } : { zero: false },
        },
        color: { field: 'label', type: 'nominal', title: null },
      },
    })),
    resolve: { scale: { color: 'independent' } },
    config: { legend: { orient: 'bottom', columns: 3 } },
  };
}
