// Valid plan files for the fuzz properties: configurations whose topology and patch size agree, and the
// plans.json, store.json and model plan around them.
import fc from 'fast-check';
import { PLANS_VERSION, type Plans } from '../../../schemas/plans';
import type { ConfigurationPlan } from '../../../schemas/configurationPlan';
import { MODEL_PLAN_VERSION, type ModelPlan } from '../../../schemas/modelPlan';
import { STORE_MANIFEST_VERSION, type StoreManifest } from '../../../schemas/storeManifest';
import type { ChannelNormalization } from '../../../schemas/channelNormalization';

/** Finite doubles without -0, which JSON cannot keep apart from 0. */
const real = fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => x + 0);
const positive = fc.double({ min: 1e-6, max: 1e6, noNaN: true });
const interpolation = fc.constantFrom('nearest' as const, 'linear' as const, 'cubic' as const);
const resamplingSettings = fc.record({
  interpolation,
  lowResAxisInterpolation: interpolation,
  anisotropyThreshold: positive,
});

const normalization: fc.Arbitrary<ChannelNormalization> = fc.oneof(
  fc.record({
    scheme: fc.constant('ct' as const),
    clip: fc.tuple(real, real),
    mean: real,
    std: fc.double({ min: 0, max: 1e6, noNaN: true }).map((x) => x + 0),
  }),
  fc.record({ scheme: fc.constant('zscore' as const), nonzeroMask: fc.boolean() }),
  fc.record({ scheme: fc.constant('none' as const) }),
);

/** A configuration of `dim` axes and `channels` inputs, its patch size a multiple of the total stride. */
export function configurationPlan(dim: 2 | 3, channels: number): fc.Arbitrary<ConfigurationPlan> {
  const perAxis = <T>(a: fc.Arbitrary<T>) => fc.array(a, { minLength: dim, maxLength: dim });
  return fc
    .integer({ min: 1, max: 5 })
    .chain((stages) =>
      fc.record({
        kernels: fc.array(perAxis(fc.constantFrom(1, 3, 5)), { minLength: stages, maxLength: stages }),
        strides: fc.array(perAxis(fc.constantFrom(1, 2)), { minLength: stages - 1, maxLength: stages - 1 }),
        filters: fc.array(fc.integer({ min: 1, max: 512 }), { minLength: stages, maxLength: stages }),
        multiples: perAxis(fc.integer({ min: 1, max: 8 })),
        spacing: perAxis(positive),
        medianShape: perAxis(fc.double({ min: 0, max: 1e4, noNaN: true }).map((x) => x + 0)),
        batchSize: fc.integer({ min: 1, max: 1000 }),
        topologyRule: fc.constantFrom('nvidia' as const, 'nnunet' as const),
        normalization: fc.array(normalization, { minLength: channels, maxLength: channels }),
        resampling: fc.record({
          image: resamplingSettings,
          label: resamplingSettings,
          probabilities: resamplingSettings,
        }),
      }),
    )
    .map(({ kernels, strides: later, filters, multiples, ...rest }) => {
      const strides = [Array<number>(dim).fill(1), ...later];
      const patchSize = multiples.map((m, a) => m * strides.reduce((p, s) => p * s[a]!, 1));
      return { dim, patchSize, topology: { kernels, strides, filters }, ...rest };
    });
}

const labels = fc
  .array(fc.string({ maxLength: 10 }), { minLength: 1, maxLength: 6 })
  .map((names) => Object.fromEntries(names.map((name, value) => [String(value), name])));

const channelNames = fc.array(fc.string({ maxLength: 10 }), { minLength: 1, maxLength: 3 });
const datasetName = fc.string({ minLength: 1, maxLength: 20 });

const intensity = fc.record({
  mean: real,
  median: real,
  std: real,
  min: real,
  max: real,
  percentile00_5: real,
  percentile99_5: real,
});

export const plans: fc.Arbitrary<Plans> = channelNames.chain((names) =>
  fc.record({
    version: fc.constant(PLANS_VERSION),
    datasetName,
    planner: fc.constantFrom('nnunet' as const, 'nvidia' as const),
    msdTask: fc.constantFrom('01', '04', '10'),
    memoryTargetGb: positive,
    channelNames: fc.constant(names),
    labels,
    numTraining: fc.nat(),
    foregroundIntensityPropertiesPerChannel: fc.array(fc.option(intensity), {
      minLength: names.length,
      maxLength: names.length,
    }),
    configurations: fc.record(
      { '2d': configurationPlan(2, names.length), '3d_fullres': configurationPlan(3, names.length) },
      { requiredKeys: [] },
    ),
  }),
);

const configuration = fc.oneof(
  fc.constant('2d' as const).chain((name) => configurationPlan(2, 1).map((plan) => ({ name, plan }))),
  fc.constant('3d_fullres' as const).chain((name) => configurationPlan(3, 1).map((plan) => ({ name, plan }))),
);

export const storeManifest: fc.Arbitrary<StoreManifest> = fc
  .record({
    configuration,
    datasetName,
    mode: fc.constantFrom('training' as const, 'val' as const, 'test' as const),
    labels,
  })
  .map(({ configuration: { name, plan }, ...rest }) => ({
    version: STORE_MANIFEST_VERSION,
    ...rest,
    configuration: name,
    channelNames: plan.normalization.map((_, c) => `channel ${c}`),
    plan,
  }));

export const modelPlan: fc.Arbitrary<ModelPlan> = fc
  .record({ configuration, datasetName, labels, classes: fc.integer({ min: 2, max: 256 }), fold: fc.nat(9) })
  .map(({ configuration: { name, plan }, ...rest }) => ({
    version: MODEL_PLAN_VERSION,
    ...rest,
    configuration: name,
    channelNames: plan.normalization.map((_, c) => `channel ${c}`),
    plan,
  }));
