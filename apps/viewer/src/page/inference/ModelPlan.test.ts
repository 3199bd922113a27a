import { describe, expect, it } from 'vitest';
import { readModelPlan } from './ModelPlan';

const metadata = (plan: unknown) => ({ nnunetTs: { plan } });

describe('readModelPlan', () => {
  it('reads patch size, spacing and normalization from the plan saveUNet stored', () => {
    const plan = {
      dim: 3,
      patchSize: [8, 32, 32],
      spacing: [3, 0.8, 0.8],
      normalization: [{ scheme: 'ct', clip: [-1000, 1000], mean: 0, std: 1 }],
      batchSize: 2,
    };
    expect(readModelPlan(metadata(plan), 'model.json')).toEqual({
      patchSize: [8, 32, 32],
      spacing: [3, 0.8, 0.8],
      normalization: plan.normalization,
    });
    expect(readModelPlan(metadata({ patchSize: [64, 64], spacing: [1, 1] }), 'm')).toEqual({
      patchSize: [64, 64],
      spacing: [1, 1],
    });
  });

  it('names the model and the field that is wrong', () => {
    expect(() => readModelPlan({}, 'a/model.json')).toThrow('a/model.json: no nnunet-ts plan');
    expect(() => readModelPlan(undefined, 'm')).toThrow(/no nnunet-ts plan/);
    expect(() => readModelPlan(metadata({ patchSize: [8, 0, 8], spacing: [1, 1, 1] }), 'm')).toThrow(
      "m: the plan's patchSize must be 2 or 3 positive integers, got [8,0,8]",
    );
    expect(() => readModelPlan(metadata({ patchSize: [8, 8, 8], spacing: [1, 1] }), 'm')).toThrow(
      "m: the plan's spacing must be 3 positive numbers like its patchSize, got [1,1]",
    );
    expect(() =>
      readModelPlan(metadata({ patchSize: [8, 8], spacing: [1, 1], normalization: ['ct'] }), 'm'),
    ).toThrow(/normalization must be a list of \{ scheme \}/);
  });
});
