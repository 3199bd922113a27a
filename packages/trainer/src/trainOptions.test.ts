import { describe, expect, it } from 'vitest';
import { applyPreset, trainOptionProblems, trainOptionsSchema } from './trainOptions';

describe('train options', () => {
  it("default to the seed's code defaults", () => {
    const options = trainOptionsSchema.parse({});
    expect(options).toMatchObject({
      execMode: 'train',
      dim: 3,
      fold: 0,
      nfolds: 5,
      epochs: 1000,
      batchSize: 2,
      learningRate: 3e-4,
      optimizer: 'adam',
      momentum: 0.99,
      weightDecay: 1e-4,
      scheduler: 'cosine_annealing',
      endLearningRate: 1e-5,
      cosineAnnealingFirstCycleSteps: 4096,
      oversampling: 0.33,
      nvol: 2,
      overlap: 0.25,
      blend: 'constant',
      ckptStrategy: 'last_and_best',
      warmupSteps: 100,
      benchSteps: 200,
      logname: 'dllogger.json',
      gpus: 1,
      fusionThresholdMb: 64,
    });
    expect(options.seed).toBeUndefined();
    expect(trainOptionProblems(options)).toEqual([]);
  });

  it('reports impossible combinations', () => {
    const options = trainOptionsSchema.parse({
      fold: 5,
      task: '04',
      data: 'x',
      dim: 2,
      batchSize: 5,
      nvol: 2,
      gpus: 2,
      execMode: 'evaluate',
    });
    expect(trainOptionProblems(options)).toEqual([
      '--fold 5 does not exist with --nfolds 5 (folds are 0..4)',
      '2D: --batch-size 5 must be a multiple of --nvol 2',
      '--exec-mode evaluate runs in one process: leave out --gpus 2',
    ]);
    expect(() => trainOptionsSchema.parse({ optimizer: 'adagrad' })).toThrow();
  });

  it("--preset nnunet applies nnU-Net v2's recipe, except what the user set", () => {
    const options = applyPreset(
      trainOptionsSchema.parse({ preset: 'nnunet', learningRate: 5e-3 }),
      new Set(['learningRate']),
    );
    expect(options).toMatchObject({
      optimizer: 'sgd',
      scheduler: 'poly',
      endLearningRate: 0,
      deepSupervision: true,
      augment: 'nnunet',
      learningRate: 5e-3,
    });
    expect(applyPreset(trainOptionsSchema.parse({}))).toEqual(trainOptionsSchema.parse({}));
  });
});
