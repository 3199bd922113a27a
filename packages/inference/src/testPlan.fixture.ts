// Test helper (left out of the published files): plans as preprocessing and train write them.
import { MODEL_PLAN_VERSION, type ConfigurationPlan, type ModelPlan } from '@nnunet-ts/plans';
import type { WindowPredictor } from '@nnunet-ts/sliding-window';
import type { EnsembleMember } from './modelEnsemble';

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
    },
    normalization,
    resampling: RESAMPLING,
  };
}

/** What `nnunet train` exports with a model around a configuration plan. */
export function testModelPlan(plan: ConfigurationPlan, classes: number): ModelPlan {
  const labels = Object.fromEntries(Array.from({ length: classes }, (_, c) => [String(c), `class ${c}`]));
  return {
    version: MODEL_PLAN_VERSION,
    datasetName: 'Dataset001_Test',
    configuration: '3d_fullres',
    plan,
    channelNames: ['CT'],
    labels,
    classes,
    fold: 0,
  };
}

/** An ensemble member that is not a network: `predict` stands in for one (nothing to dispose). */
export function testMember(plan: ModelPlan, predict: WindowPredictor, source = 'test model'): EnsembleMember {
  return { plan, source, predict, dispose: () => undefined };
}
