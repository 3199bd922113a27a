import { describe, expect, it } from 'vitest';
import { parseModelPlan, MODEL_PLAN_VERSION } from './modelPlan';
import { parseStoreManifest, STORE_MANIFEST_VERSION } from './storeManifest';

const configurationV1 = () => ({
  dim: 2,
  spacing: [0.8, 0.8],
  patchSize: [64, 48],
  medianShape: [70, 50],
  batchSize: 12,
  topologyRule: 'nvidia',
  topology: {
    kernels: [
      [3, 3],
      [3, 3],
      [3, 3],
    ],
    strides: [
      [1, 1],
      [2, 2],
      [2, 2],
    ],
    filters: [32, 64, 128],
    patchSize: [64, 48],
  },
  normalization: [{ scheme: 'ct', clip: [-100, 200], mean: 40, std: 50 }],
  resampling: {
    image: { interpolation: 'cubic', lowResAxisInterpolation: 'nearest', anisotropyThreshold: 3 },
    label: { interpolation: 'linear', lowResAxisInterpolation: 'nearest', anisotropyThreshold: 3 },
    probabilities: { interpolation: 'linear', lowResAxisInterpolation: 'nearest', anisotropyThreshold: 3 },
  },
});

describe('parseStoreManifest', () => {
  const manifest = () => ({
    version: 1,
    datasetName: 'Spleen',
    configuration: '2d',
    mode: 'training',
    channelNames: ['CT'],
    labels: { '0': 'background', '1': 'spleen' },
    plan: configurationV1(),
  });

  it('migrates a version-1 store.json and checks its plan like plans.json', () => {
    const parsed = parseStoreManifest(manifest(), 'store/store.json');
    expect(parsed.version).toBe(STORE_MANIFEST_VERSION);
    expect(parsed.plan.topology).toEqual({
      kernels: [
        [3, 3],
        [3, 3],
        [3, 3],
      ],
      strides: [
        [1, 1],
        [2, 2],
        [2, 2],
      ],
      filters: [32, 64, 128],
    });
    const bad = { ...manifest(), mode: 'predict' };
    expect(() => parseStoreManifest(bad, 'store/store.json')).toThrow(/^store\/store\.json: mode: /);
  });
});

describe('parseModelPlan', () => {
  const legacy = () => ({
    datasetName: 'Spleen',
    configuration: '2d',
    plan: configurationV1(),
    channelNames: ['CT'],
    labels: { '0': 'background', '1': 'spleen' },
    classes: 2,
    fold: 0,
  });

  it('reads the plans of model folders saved before plans had a version', () => {
    const plan = parseModelPlan(legacy(), 'model/model.json');
    expect(plan.version).toBe(MODEL_PLAN_VERSION);
    expect(plan.plan.patchSize).toEqual([64, 48]);
    expect(plan.plan.topology).not.toHaveProperty('patchSize');
  });

  it('names the field: classes out of range, channels that do not match, a patch the strides do not divide', () => {
    const source = 'model/model.json';
    expect(() => parseModelPlan({ ...legacy(), classes: 1 }, source)).toThrow(
      /^model\/model\.json: classes: /,
    );
    expect(() => parseModelPlan({ ...legacy(), channelNames: ['CT', 'PET'] }, source)).toThrow(
      /plan\.normalization: needs one entry per channel of channelNames \(2\), got 1/,
    );
    const odd = legacy();
    odd.plan.patchSize = [64, 50];
    expect(() => parseModelPlan(odd, source)).toThrow(
      /plan\.patchSize: patch size 50 on axis 1 is not divisible by the network's total stride 4/,
    );
  });
});
