// @nnunet-ts/benchmark/options: the option schema alone, without loading tfjs (for command lines that
// parse flags before they decide to run).
export { benchmarkOptions, type BenchmarkOptions, type BenchmarkOptionsInput } from './benchmarkOptions';
