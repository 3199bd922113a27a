// Model plans of U-Nets small enough to build, save and run many times in a test.
import { MODEL_PLAN_VERSION, type ConfigurationPlan, type ModelPlan } from '@nnunet-ts/plans';
import fc from 'fast-check';

export interface SmallModel {
  plan: ModelPlan;
  channels: number;
  /** values in one input window: patch voxels times channels */
  inputSize: number;
}

const SETTINGS = {
  interpolation: 'linear',
  lowResAxisInterpolation: 'nearest',
  anisotropyThreshold: 3,
} as const;

/** 2D or 3D, one to three stages of one to four filters, a patch of one or two total strides per axis. */
export const smallModel: fc.Arbitrary<SmallModel> = fc
  .record({
    dim: fc.constantFrom(2 as const, 3 as const),
    stages: fc.integer({ min: 1, max: 3 }),
    channels: fc.integer({ min: 1, max: 2 }),
    classes: fc.integer({ min: 2, max: 4 }),
    fold: fc.nat(4),
  })
  .chain(({ dim, stages, channels, classes, fold }) => {
    const perAxis = <T>(a: fc.Arbitrary<T>) => fc.array(a, { minLength: dim, maxLength: dim });
    const perStage = <T>(a: fc.Arbitrary<T>, n = stages) => fc.array(a, { minLength: n, maxLength: n });
    return fc
      .record({
        kernels: perStage(perAxis(fc.constantFrom(1, 3))),
        strides: perStage(perAxis(fc.constantFrom(1, 2)), stages - 1),
        filters: perStage(fc.integer({ min: 1, max: 4 })),
        multiples: perAxis(fc.integer({ min: 1, max: 2 })),
      })
      .map(({ kernels, strides: later, filters, multiples }): SmallModel => {
        const strides = [Array<number>(dim).fill(1), ...later];
        const patchSize = multiples.map((m, a) => m * strides.reduce((p, s) => p * s[a]!, 1));
        const plan: ConfigurationPlan = {
          dim,
          spacing: Array<number>(dim).fill(1),
          patchSize,
          medianShape: patchSize,
          batchSize: 1,
          topologyRule: 'nnunet',
          topology: { kernels, strides, filters },
          normalization: Array.from({ length: channels }, () => ({ scheme: 'none' as const })),
          resampling: { image: SETTINGS, label: SETTINGS, probabilities: SETTINGS },
        };
        return {
          plan: {
            version: MODEL_PLAN_VERSION,
            datasetName: 'Dataset001_Fuzz',
            configuration: dim === 3 ? '3d_fullres' : '2d',
            plan,
            channelNames: Array.from({ length: channels }, (_, c) => `channel ${c}`),
            labels: Object.fromEntries(Array.from({ length: classes }, (_, c) => [String(c), `class ${c}`])),
            classes,
            fold,
          },
          channels,
          inputSize: patchSize.reduce((a, b) => a * b, 1) * channels,
        };
      });
  });
