export type SchedulerKind = 'none' | 'poly' | 'cosine' | 'cosine_annealing';

export interface ScheduleOptions {
  scheduler: SchedulerKind;
  /** `--learning-rate`: the initial (peak) rate */
  learningRate: number;
  /** optimisation steps of the whole run (poly and cosine decay over it) */
  totalSteps: number;
  /** `--end-learning-rate` (poly; seed code default 1e-5) */
  endLearningRate?: number;
  /** poly exponent (0.9 in both anchors) */
  power?: number;
  /** `--cosine-annealing-first-cycle-steps` (seed code default 4096) */
  firstCycleSteps?: number;
  /** `--cosine-annealing-alpha`: floor of each cycle as a fraction of the peak (seed: 0.1) */
  alpha?: number;
  /** cycle length multiplier after each restart (Keras CosineDecayRestarts default 2) */
  cycleMultiplier?: number;
}

/**
 * The learning rate at a step (0-based), a pure function of the step so that a resumed run
 * continues on the same curve:
 * - `none`: constant;
 * - `poly`: (lr − end)·(1 − step/total)^power + end (Keras PolynomialDecay);
 * - `cosine`: lr·½(1 + cos(π·step/total)) (Keras CosineDecay);
 * - `cosine_annealing`: Keras CosineDecayRestarts with the seed's first cycle and α.
 */
export function learningRateAt(step: number, options: ScheduleOptions): number {
  const { scheduler, learningRate: lr, totalSteps } = options;
  const progress = Math.min(step, totalSteps) / Math.max(totalSteps, 1);
  switch (scheduler) {
    case 'none':
      return lr;
    case 'poly': {
      const end = options.endLearningRate ?? 1e-5;
      return (lr - end) * (1 - progress) ** (options.power ?? 0.9) + end;
    }
    case 'cosine':
      return lr * 0.5 * (1 + Math.cos(Math.PI * progress));
    case 'cosine_annealing': {
      const firstCycle = options.firstCycleSteps ?? 4096;
      const alpha = options.alpha ?? 0.1;
      const multiplier = options.cycleMultiplier ?? 2;
      let fraction = step / firstCycle;
      let restarts: number;
      if (multiplier === 1) {
        restarts = Math.floor(fraction);
        fraction -= restarts;
      } else {
        restarts = Math.floor(Math.log(1 - fraction * (1 - multiplier)) / Math.log(multiplier));
        const completed = (1 - multiplier ** restarts) / (1 - multiplier);
        fraction = (fraction - completed) / multiplier ** restarts;
      }
      const cosine = 0.5 * (1 + Math.cos(Math.PI * fraction));
      return lr * ((1 - alpha) * cosine + alpha);
    }
    default:
      throw new Error(
        `unknown scheduler '${String(scheduler)}', expected none, poly, cosine or cosine_annealing`,
      );
  }
}
