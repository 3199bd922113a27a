import { describe, expect, it } from 'vitest';
import { readModelPlan } from './ModelPlan';
import { testModelPlan, testPlan } from './testPlan.fixture';

/** The metadata `nnunet train` exports, with `plan` as the configuration plan inside. */
const metadata = (plan: unknown, rest: object = {}) => ({
  nnunetTs: { plan: { ...testModelPlan(testPlan([8, 8, 8], [1, 1, 1]), 3), plan, ...rest } },
});

describe('readModelPlan', () => {
  it('gives the model plan nnunet train exported', () => {
    const plan = testPlan(
      [8, 32, 32],
      [3, 0.8, 0.8],
      [{ scheme: 'ct', clip: [-1000, 1000], mean: 0, std: 1 }],
    );
    const exported = testModelPlan(plan, 4);
    expect(readModelPlan({ nnunetTs: { plan: exported } }, 'model.json')).toEqual(exported);
    const plan2d = { ...testPlan([64, 64], [1, 1]), dim: 2 };
    expect(readModelPlan(metadata(plan2d), 'm').plan).toEqual(plan2d);
  });

  it('names the model and the field that is wrong', () => {
    const plan = testPlan([8, 8, 8], [1, 1, 1]);
    expect(() => readModelPlan({}, 'a/model.json')).toThrow('a/model.json: no nnunet-ts plan');
    expect(() => readModelPlan(metadata(plan, { classes: 1 }), 'm')).toThrow(
      'm: the classes must be an integer 2..256 (background included), got 1',
    );
    expect(() => readModelPlan(metadata(plan, { configuration: 3 }), 'm')).toThrow(
      /m: the configuration must be/,
    );
    expect(() => readModelPlan(metadata(undefined), 'm')).toThrow('m: the plan must be a configuration plan');
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
