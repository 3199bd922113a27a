// @nnunet-ts/benchmark: throughput and latency of U-Net training steps and forward passes on
// synthetic patches, with the seed's metric keys (`nnunet-bench`, `nnunet benchmark`).
export { benchmarkOptions, type BenchmarkOptions, type BenchmarkOptionsInput } from './benchmarkOptions';
export { runBenchmark, type BenchmarkIo, type BenchmarkResult } from './runBenchmark';
export {
  performanceStats,
  LATENCY_PERCENTILES,
  type BenchmarkMode,
  type PerformanceStats,
} from './performanceStats';
export type { KernelProfile, KernelShare, KernelShapeShare } from './internal/profileKernels';
