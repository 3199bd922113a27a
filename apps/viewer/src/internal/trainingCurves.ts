import type { DllRecord } from '@nnunet-ts/logging';

/** Which chart a metric goes to. */
export type CurveGroup = 'loss' | 'dice' | 'lr';

/** One value of one metric at one point of training, `x` in epochs. */
export interface CurvePoint {
  group: CurveGroup;
  metric: string;
  x: number;
  value: number;
}

/**
 * The chart of a DLLogger data key, or undefined for keys that are not training curves
 * (throughput, latencies, times): `lr`/`learning_rate`; any `*loss*`; any `*dice*` and the seed's
 * per-class Dice keys `L1`, `L2`, ....
 */
export function curveGroup(key: string): CurveGroup | undefined {
  if (/^(lr|learning_rate)$/i.test(key)) return 'lr';
  if (/loss/i.test(key)) return 'loss';
  if (/dice/i.test(key) || /^L\d+$/.test(key)) return 'dice';
  return undefined;
}

/**
 * The training curves of a DLLogger log. A record's step gives its x: `n` or `[epoch]` is that epoch;
 * `[epoch, iteration]` lies inside the epoch, at iteration / (last iteration logged for that epoch + 1),
 * so per-iteration losses spread across their epoch. `PARAMETER` and summary (`[]`) records are not
 * points of a curve, nor are NaN or infinite values (a chart cannot place them).
 */
export function trainingCurves(records: readonly DllRecord[]): CurvePoint[] {
  const logs = records.flatMap((record) => {
    if (record.type !== 'LOG') return [];
    const step = epochStep(record.step);
    return step ? [{ step, data: record.data }] : [];
  });
  const lastIteration = new Map<number, number>();
  for (const { step } of logs) {
    if (step.iteration !== undefined) {
      lastIteration.set(step.epoch, Math.max(lastIteration.get(step.epoch) ?? 0, step.iteration));
    }
  }
  const points: CurvePoint[] = [];
  for (const { step, data } of logs) {
    const x =
      step.iteration === undefined
        ? step.epoch
        : step.epoch + step.iteration / (lastIteration.get(step.epoch)! + 1);
    for (const [metric, value] of Object.entries(data)) {
      const group = curveGroup(metric);
      if (group && typeof value === 'number' && Number.isFinite(value))
        points.push({ group, metric, x, value });
    }
  }
  return points;
}

function epochStep(step: unknown): { epoch: number; iteration?: number } | undefined {
  const numbers = typeof step === 'number' ? [step] : Array.isArray(step) ? step : [];
  if (numbers.length === 0 || !numbers.every((n) => typeof n === 'number' && Number.isFinite(n))) {
    return undefined;
  }
  const [epoch, iteration] = numbers as number[];
  return { epoch: epoch!, iteration };
}
