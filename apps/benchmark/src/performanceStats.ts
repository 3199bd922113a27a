import { percentile } from './internal/percentile';

export type BenchmarkMode = 'train' | 'predict';

/** Latency percentiles reported: the seed's 90/95/99, plus the median. */
export const LATENCY_PERCENTILES = [50, 90, 95, 99] as const;

/**
 * The seed's metric keys (`throughput_train`, `latency_train_mean`, `latency_train_90`, ...), plus
 * `latency_{mode}_50` (the median). Throughput in images/s, latencies in ms per batch.
 */
export type PerformanceStats<M extends BenchmarkMode = BenchmarkMode> = {
  [
    K in `throughput_${M}` | `latency_${M}_mean` | `latency_${M}_${(typeof LATENCY_PERCENTILES)[number]}`
  ]: number;
};

/**
 * The seed's `process_performance_stats`: from the step times `deltasMs` (ms per batch),
 * `throughput = 1000 · batchSize / mean(Δ)` img/s, the mean latency and its percentiles
 * (numpy's linear interpolation).
 */
export function performanceStats<M extends BenchmarkMode>(
  deltasMs: readonly number[],
  batchSize: number,
  mode: M,
): PerformanceStats<M> {
  if (deltasMs.length === 0) throw new Error('performanceStats: no timed steps');
  if (!deltasMs.every((d) => Number.isFinite(d) && d > 0)) {
    throw new RangeError('performanceStats: step times must be finite and positive');
  }
  const mean = deltasMs.reduce((sum, d) => sum + d, 0) / deltasMs.length;
  const stats: Record<string, number> = {
    [`throughput_${mode}`]: (1000 * batchSize) / mean,
    [`latency_${mode}_mean`]: mean,
  };
  for (const level of LATENCY_PERCENTILES) stats[`latency_${mode}_${level}`] = percentile(deltasMs, level);
  return stats as PerformanceStats<M>;
}
