import { describe, expect, it } from 'vitest';
import { readModelPlan } from './ModelPlan';
import { testPlan } from './testPlan.fixture';

const metadata = (plan: unknown) => ({ nnunetTs: { plan } });

describe('readModelPlan', () => {
  it('gives the plan saveUNet stored', () => {
    const plan = testPlan(
      [8, 32, 32],
      [3, 0.8, 0.8],
      [{ scheme: 'ct', clip: [-1000, 1000], mean: 0, std: 1 }],
    );
    expect(readModelPlan(metadata(plan), 'model.json')).toEqual(plan);
    const plan2d = { ...testPlan([64, 64], [1, 1]), dim: 2 };
    expect(readModelPlan(metadata(plan2d), 'm')).toEqual(plan2d);
  });

  it('names the model and the field that is wrong', () => {
    const plan = testPlan([8, 8, 8], [1, 1, 1]);
    expect(() => readModelPlan({}, 'a/model.json')).toThrow('a/model.json: no nnunet-ts plan');
    expect(() => readModelPlan(undefined, 'm')).toThrow(/no nnunet-ts plan/);
    expect(() => readModelPlan(metadata({ ...plan, dim: 4 }), 'm')).toThrow(
      "m: the plan's dim must be 2 or 3, got 4",
    );
    expect(() => readModelPlan(metadata({ ...plan, patchSize: [8, 0, 8] }), 'm')).toThrow(
      "m: the plan's patchSize must be 3 positive integers, got [8,0,8]",
    );
    expect(() => readModelPlan(metadata({ ...plan, spacing: [1, 1] }), 'm')).toThrow(
      "m: the plan's spacing must be 3 positive numbers, got [1,1]",
    );
    expect(() => readModelPlan(metadata({ ...plan, normalization: ['ct'] }), 'm')).toThrow(
      /normalization must be a list of \{ scheme, \.\.\. \}/,
    );
    expect(() => readModelPlan(metadata({ ...plan, resampling: { image: {} } }), 'm')).toThrow(
      /resampling must be \{ image, label, probabilities \} settings/,
    );
  });
});
