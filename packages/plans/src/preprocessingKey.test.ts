import { describe, expect, it } from 'vitest';
import type { ConfigurationPlan } from './schemas/configurationPlan';
import { preprocessingKey } from './preprocessingKey';

const linear = {
  interpolation: 'linear',
  lowResAxisInterpolation: 'nearest',
  anisotropyThreshold: 3,
} as const;

function plan(overrides: Partial<ConfigurationPlan> = {}): ConfigurationPlan {
  return {
    dim: 3,
    spacing: [1, 1, 2],
    patchSize: [32, 32, 16],
    medianShape: [64, 64, 20],
    batchSize: 2,
    topologyRule: 'nnunet',
    topology: { kernels: [[3, 3, 3]], strides: [[1, 1, 1]], filters: [4] },
    normalization: [{ scheme: 'ct', clip: [-100, 300], mean: 10, std: 2 }],
    resampling: { image: linear, label: linear, probabilities: linear },
    ...overrides,
  };
}

describe('preprocessingKey', () => {
  it('ignores what only decides the tiling or the network: patch, batch, topology', () => {
    const other = plan({
      patchSize: [64, 64, 16],
      batchSize: 4,
      topology: { kernels: [[3, 3, 3]], strides: [[1, 1, 1]], filters: [8] },
    });
    expect(preprocessingKey(other)).toBe(preprocessingKey(plan()));
  });

  it('does not depend on the order of object keys', () => {
    const reordered = plan({ normalization: [{ std: 2, mean: 10, clip: [-100, 300], scheme: 'ct' }] });
    expect(preprocessingKey(reordered)).toBe(preprocessingKey(plan()));
  });

  it('changes with the spacing, the dimension, the normalization and the resampling', () => {
    const base = preprocessingKey(plan());
    const variants = [
      plan({ spacing: [1, 1, 3] }),
      plan({ dim: 2 }),
      plan({ normalization: [{ scheme: 'ct', clip: [-100, 300], mean: 10, std: 3 }] }),
      plan({ normalization: [{ scheme: 'zscore', nonzeroMask: false }] }),
      plan({
        resampling: { image: { ...linear, interpolation: 'cubic' }, label: linear, probabilities: linear },
      }),
    ];
    for (const variant of variants) expect(preprocessingKey(variant)).not.toBe(base);
  });
});
