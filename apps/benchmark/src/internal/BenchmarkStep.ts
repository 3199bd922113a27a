/** One benchmarked step: it resolves once the step's results are computed. */
export interface BenchmarkStep {
  run(): Promise<void>;
  /** Releases the step's own tensors (optimizer slots); the model and batch belong to the caller. */
  dispose(): void;
}
