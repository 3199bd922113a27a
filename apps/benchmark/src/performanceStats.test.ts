import { describe, expect, it } from 'vitest';
import { performanceStats } from './performanceStats';

describe('performanceStats (the seed process_performance_stats)', () => {
  it('computes throughput from the mean step time and the latency percentiles in ms', () => {
    // mean 25 ms per batch of 2 → 80 img/s; percentiles as numpy: rank p/100·3 over [10, 20, 30, 40]
    const stats = performanceStats([10, 40, 20, 30], 2, 'train');
    expect(Object.keys(stats)).toEqual([
      'throughput_train',
      'latency_train_mean',
      'latency_train_50',
      'latency_train_90',
      'latency_train_95',
      'latency_train_99',
    ]);
    expect(stats.throughput_train).toBeCloseTo(80, 12);
    expect(stats.latency_train_mean).toBeCloseTo(25, 12);
    expect(stats.latency_train_50).toBeCloseTo(25, 12);
    expect(stats.latency_train_90).toBeCloseTo(37, 12);
    expect(stats.latency_train_95).toBeCloseTo(38.5, 12);
    expect(stats.latency_train_99).toBeCloseTo(39.7, 12);
  });

  it('uses the mode in the keys and the batch size in the throughput', () => {
    // 5 steps of 2 s each with batch 16: 8 img/s; every percentile is 2000 ms
    const stats = performanceStats([2000, 2000, 2000, 2000, 2000], 16, 'predict');
    expect(stats).toEqual({
      throughput_predict: 8,
      latency_predict_mean: 2000,
      latency_predict_50: 2000,
      latency_predict_90: 2000,
      latency_predict_95: 2000,
      latency_predict_99: 2000,
    });
  });

  it('matches a throughput computed as images over total time', () => {
    const deltas = [812.5, 990.25, 700, 1203.75, 845.5, 905];
    const total = deltas.reduce((a, b) => a + b, 0);
    const stats = performanceStats(deltas, 3, 'train');
    expect(stats.throughput_train).toBeCloseTo((3 * deltas.length) / (total / 1000), 10);
  });

  it('rejects empty and non-positive step times', () => {
    expect(() => performanceStats([], 2, 'train')).toThrow('no timed steps');
    expect(() => performanceStats([5, 0], 2, 'train')).toThrow('finite and positive');
    expect(() => performanceStats([5, Number.NaN], 2, 'train')).toThrow('finite and positive');
  });
});
