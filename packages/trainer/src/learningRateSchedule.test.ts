import { describe, expect, it } from 'vitest';
import { learningRateAt } from './learningRateSchedule';

describe('learningRateAt', () => {
  const base = { learningRate: 3e-4, totalSteps: 1000 };

  it('none is constant', () => {
    expect(learningRateAt(0, { ...base, scheduler: 'none' })).toBe(3e-4);
    expect(learningRateAt(999, { ...base, scheduler: 'none' })).toBe(3e-4);
  });

  it('poly decays with power 0.9 to the end rate', () => {
    const options = { ...base, scheduler: 'poly', endLearningRate: 1e-5 } as const;
    expect(learningRateAt(0, options)).toBe(3e-4);
    expect(learningRateAt(500, options)).toBeCloseTo((3e-4 - 1e-5) * 0.5 ** 0.9 + 1e-5, 15);
    expect(learningRateAt(1000, options)).toBeCloseTo(1e-5, 15);
    expect(learningRateAt(5000, options)).toBeCloseTo(1e-5, 15);
  });

  it('nnU-Net v2 poly: lr·(1 − t/T)^0.9 when the end rate is 0', () => {
    const options = { learningRate: 1e-2, totalSteps: 1000, scheduler: 'poly', endLearningRate: 0 } as const;
    expect(learningRateAt(250, options)).toBeCloseTo(1e-2 * 0.75 ** 0.9, 15);
  });

  it('cosine goes from the peak to zero through the half-way mean', () => {
    const options = { ...base, scheduler: 'cosine' } as const;
    expect(learningRateAt(500, options)).toBeCloseTo(1.5e-4, 15);
    expect(learningRateAt(1000, options)).toBeCloseTo(0, 15);
  });

  it('cosine annealing restarts after the first cycle and cycles grow ×2, with floor α', () => {
    const options = { ...base, scheduler: 'cosine_annealing', firstCycleSteps: 100, alpha: 0.1 } as const;
    expect(learningRateAt(0, options)).toBeCloseTo(3e-4, 15);
    expect(learningRateAt(50, options)).toBeCloseTo(3e-4 * (0.9 * 0.5 + 0.1), 15);
    expect(learningRateAt(99.999, options)).toBeCloseTo(3e-5, 9);
    expect(learningRateAt(100, options)).toBeCloseTo(3e-4, 15); // restart
    expect(learningRateAt(200, options)).toBeCloseTo(3e-4 * (0.9 * 0.5 + 0.1), 15); // middle of the 200-step cycle
    expect(learningRateAt(300, options)).toBeCloseTo(3e-4, 15); // second restart
  });

  it('rejects an unknown scheduler', () => {
    expect(() => learningRateAt(0, { ...base, scheduler: 'step' as never })).toThrow(
      /unknown scheduler 'step'/,
    );
  });
});
