// Test helper (left out of the published files): a 3D configuration plan as packages/preprocessing writes them.
import type { ConfigurationPlan } from '@nnunet-ts/preprocessing';
import type { ModelPlan } from '@nnunet-ts/trainer';

/** nnU-Net's resampling kernels: cubic images, linear one-hot labels, nearest along a low-resolution axis. */
const RESAMPLING: ConfigurationPlan['resampling'] = {
  image: { interpolation: 'cubic', lowResAxisInterpolation: 'nearest', anisotropyThreshold: 3 },
  label: { interpolation: 'linear', lowResAxisInterpolation: 'nearest', anisotropyThreshold: 3 },
  probabilities: { interpolation: 'linear', lowResAxisInterpolation: 'nearest', anisotropyThreshold: 3 },
};

/** A plan of a 3D U-Net with two stages (filters 2, 4): small enough for tfjs's cpu and SwiftShader's WebGL. */
export function testPlan(
  patchSize: number[],
  spacing: number[],
  normalization: ConfigurationPlan['normalization'] = [{ scheme: 'none' }],
): ConfigurationPlan {
  return {
    dim: 3,
    spacing,
    patchSize,
    medianShape: patchSize,
    batchSize: 2,
    topologyRule: 'nnunet',
    topology: {
      kernels: [
        [3, 3, 3],
        [3, 3, 3],
      ],
      strides: [
        [1, 1, 1],
        [2, 2, 2],
      ],
      filters: [2, 4],
      patchSize,
    },
    normalization,
    resampling: RESAMPLING,
  };
}

/** What `nnunet train` exports with a model (a trainer `ModelPlan`) around a configuration plan. */
export function testModelPlan(plan: ConfigurationPlan, classes: number): ModelPlan {
  const labels = Object.fromEntries(Array.from({ length: classes }, (_, c) => [String(c), `class ${c}`]));
  return {
    datasetName: 'Dataset001_Test',
    configuration: '3d_fullres',
    plan,
    channelNames: ['CT'],
    labels,
    classes,
    fold: 0,
  };
}
