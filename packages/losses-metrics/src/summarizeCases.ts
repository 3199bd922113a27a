import type { ClassMetrics } from './evaluateCase';

export interface CaseResult {
  prediction_file: string;
  reference_file: string;
  metrics: Record<string, ClassMetrics>;
}

type MetricMeans = Partial<Record<keyof ClassMetrics, number>>;

/** nnU-Net v2's `summary.json`: per-case metrics, per-class means, and the mean over classes. */
export interface Summary {
  metric_per_case: CaseResult[];
  mean: Record<string, MetricMeans>;
  foreground_mean: MetricMeans;
}

/** Mean of the finite-or-infinite values, ignoring NaN (numpy's nanmean); NaN when none is left. */
function nanMean(values: number[]): number {
  const kept = values.filter((v) => !Number.isNaN(v));
  return kept.length ? kept.reduce((a, b) => a + b, 0) / kept.length : Number.NaN;
}

export function summarizeCases(cases: CaseResult[]): Summary {
  const classes = [...new Set(cases.flatMap((c) => Object.keys(c.metrics)))].sort(
    (a, b) => Number(a) - Number(b),
  );
  const mean: Record<string, MetricMeans> = {};
  for (const cls of classes) {
    const perCase = cases.map((c) => c.metrics[cls]).filter((m): m is ClassMetrics => m !== undefined);
    const keys = [...new Set(perCase.flatMap((m) => Object.keys(m)))] as (keyof ClassMetrics)[];
    mean[cls] = Object.fromEntries(keys.map((k) => [k, nanMean(perCase.map((m) => m[k] ?? Number.NaN))]));
  }
  const metricKeys = [
    ...new Set(Object.values(mean).flatMap((m) => Object.keys(m))),
  ] as (keyof ClassMetrics)[];
  const foreground_mean: MetricMeans = Object.fromEntries(
    metricKeys.map((k) => [k, nanMean(classes.map((cls) => mean[cls]![k] ?? Number.NaN))]),
  );
  return { metric_per_case: cases, mean, foreground_mean };
}

/**
 * JSON text of a summary. JSON has no NaN or Infinity: like Python's json module (which nnU-Net
 * uses), they are written as the bare words `NaN` and `Infinity`; `parseSummary` reads them back.
 */
export function formatSummary(summary: Summary): string {
  return JSON.stringify(
    summary,
    (_key, value) => (typeof value === 'number' && !Number.isFinite(value) ? `__number:${value}` : value),
    2,
  ).replace(/"__number:(NaN|Infinity|-Infinity)"/g, '$1');
}

export function parseSummary(text: string): Summary {
  const quoted = text.replace(/(?<=[:[,]\s*)(NaN|-?Infinity)(?=\s*[,}\]])/g, '"__number:$1"');
  return JSON.parse(quoted, (_key, value) =>
    typeof value === 'string' && value.startsWith('__number:')
      ? Number(value.slice('__number:'.length))
      : value,
  );
}
