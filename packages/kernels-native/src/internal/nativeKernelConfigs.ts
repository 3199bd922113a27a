import type { GradConfig, KernelConfig } from '@tensorflow/tfjs-core';

import { concatConfig } from './kernels/Concat';
import { conv2DConfig } from './kernels/Conv2D';
import { conv2DBackpropFilterConfig } from './kernels/Conv2DBackpropFilter';
import { conv2DBackpropInputConfig } from './kernels/Conv2DBackpropInput';
import { conv3DConfig } from './kernels/Conv3D';
import { conv3DBackpropFilterV2Config } from './kernels/Conv3DBackpropFilterV2';
import { conv3DBackpropInputV2Config } from './kernels/Conv3DBackpropInputV2';
import { fusedConv2DConfig } from './kernels/FusedConv2D';
import { groupNormConfig, groupNormGradConfig } from './kernels/GroupNorm';
import { leakyReluConfig } from './kernels/LeakyRelu';
import { leakyReluGradConfig, leakyReluGradientConfig } from './kernels/LeakyReluGrad';
import { softmaxConfig } from './kernels/Softmax';
import { splitVConfig } from './kernels/SplitV';
import { sumConfig } from './kernels/Sum';
import { binaryElementwiseConfigs } from './kernels/binaryElementwise';
import { unaryElementwiseConfigs } from './kernels/unaryElementwise';
import { requireNativeAddon } from './nativeAddon';

/**
 * tfjs KernelConfigs (backendName 'cpu') that replace the cpu backend's slow kernels, plus our own
 * kernels `LeakyReluGrad`, `GroupNorm` and `GroupNormGrad`. Register each after
 * `tf.unregisterKernel(config.kernelName, 'cpu')`. Cases the addon does not implement (dilations,
 * NCHW, prelu, other dtypes or axes) run the tfjs kernel that was registered when this was called.
 * Throws when the addon is unavailable (see nativeAddonStatus()).
 */
export function nativeKernelConfigs(): KernelConfig[] {
  const addon = requireNativeAddon();
  return [
    conv3DConfig(addon),
    conv3DBackpropInputV2Config(addon),
    conv3DBackpropFilterV2Config(addon),
    conv2DConfig(addon),
    conv2DBackpropInputConfig(addon),
    conv2DBackpropFilterConfig(addon),
    fusedConv2DConfig(addon),
    splitVConfig(addon),
    concatConfig(addon),
    ...binaryElementwiseConfigs(addon),
    ...unaryElementwiseConfigs(addon),
    leakyReluConfig(addon),
    leakyReluGradConfig(addon),
    groupNormConfig(addon),
    groupNormGradConfig(addon),
    sumConfig(addon),
    softmaxConfig(addon),
  ];
}

/**
 * tfjs GradConfigs to register (`tf.registerGradient`) with the kernels: the LeakyRelu gradient as
 * one `LeakyReluGrad` kernel call where the active backend has that kernel, else tfjs's gradient.
 * Needs no addon; call it before replacing tfjs's gradient, as with nativeKernelConfigs().
 */
export function nativeGradientConfigs(): GradConfig[] {
  return [leakyReluGradientConfig()];
}
