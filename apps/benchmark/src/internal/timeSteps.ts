import type { BenchmarkStep } from './BenchmarkStep';

export interface StepTiming {
  /** 0-based over warmup and timed steps */
  index: number;
  phase: 'warmup' | 'bench';
  ms: number;
  /** CPU time of this process during the step (all threads): well below `ms` × threads when other
   * processes compete for the cores */
  cpuMs: number;
}

/**
 * Runs `warmupSteps` untimed steps, then `benchSteps` timed ones, and returns the timed steps'
 * durations in ms (wall clock, `performance.now`).
 */
export async function timeSteps(
  step: BenchmarkStep,
  options: { warmupSteps: number; benchSteps: number; onStep?: (timing: StepTiming) => void },
): Promise<number[]> {
  const deltas: number[] = [];
  for (let index = 0; index < options.warmupSteps + options.benchSteps; index++) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    await step.run();
    const ms = performance.now() - start;
    const cpu = process.cpuUsage(cpuStart);
    const phase = index < options.warmupSteps ? 'warmup' : 'bench';
    if (phase === 'bench') deltas.push(ms);
    options.onStep?.({ index, phase, ms, cpuMs: (cpu.user + cpu.system) / 1000 });
  }
  return deltas;
}
