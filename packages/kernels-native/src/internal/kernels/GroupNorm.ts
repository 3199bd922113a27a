import { util } from '@tensorflow/tfjs-core';
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';

import { float32Values } from '../cpuBackend';
import type { NativeAddon } from '../nativeAddon';
import { nativeKernelConfig } from '../nativeKernelConfig';

/**
 * Our kernels (tfjs has none), which @nnunet-ts/unet-model's groupNorm runs where they are
 * registered. GroupNorm: inputs `x` [N, ...spatial, C], `gamma` and `beta` [C]; attrs `groups`,
 * `epsilon`; outputs y, mean and invStd = 1/sqrt(var + ε), the last two [N, groups].
 * GroupNormGrad: inputs `dy`, `x`, `gamma`, `mean`, `invStd`; attr `groups`; outputs dx, dgamma, dbeta.
 */
export const GroupNorm = 'GroupNorm';
export const GroupNormGrad = 'GroupNormGrad';

export interface GroupNormAttrs {
  groups: number;
  epsilon: number;
}

/** N and C of a channels-last x, checked against gamma and groups. */
function dimensions(kernelName: string, x: TensorInfo, gamma: TensorInfo, groups: number) {
  const batch = x.shape[0];
  const channels = x.shape[x.shape.length - 1];
  if (x.shape.length < 2 || batch === undefined || channels === undefined) {
    throw new Error(
      `@nnunet-ts/kernels-native ${kernelName}: x must be [N, ...spatial, C], got [${x.shape}]`,
    );
  }
  if (!util.arraysEqual(gamma.shape, [channels])) {
    throw new Error(
      `@nnunet-ts/kernels-native ${kernelName}: gamma must be [${channels}] for x [${x.shape}], got [${gamma.shape}]`,
    );
  }
  if (!Number.isInteger(groups) || groups < 1 || channels % groups !== 0) {
    throw new Error(
      `@nnunet-ts/kernels-native ${kernelName}: groups (${groups}) must be an integer >= 1 dividing ${channels} channels`,
    );
  }
  return { batch, channels };
}

export function groupNormConfig(addon: NativeAddon): KernelConfig {
  return nativeKernelConfig<'x' | 'gamma' | 'beta', GroupNormAttrs>(
    GroupNorm,
    ['x', 'gamma', 'beta'],
    ({ x, gamma, beta }, backend, { groups, epsilon }) => {
      const { batch } = dimensions(GroupNorm, x, gamma, groups);
      const xValues = float32Values(backend, x, GroupNorm, 'x');
      const y = new Float32Array(xValues.length);
      const mean = new Float32Array(batch * groups);
      const invStd = new Float32Array(batch * groups);
      addon.groupNormForward(
        xValues,
        float32Values(backend, gamma, GroupNorm, 'gamma'),
        float32Values(backend, beta, GroupNorm, 'beta'),
        y,
        mean,
        invStd,
        batch,
        groups,
        epsilon,
      );
      return [
        backend.makeTensorInfo(x.shape, 'float32', y),
        backend.makeTensorInfo([batch, groups], 'float32', mean),
        backend.makeTensorInfo([batch, groups], 'float32', invStd),
      ];
    },
  );
}

export function groupNormGradConfig(addon: NativeAddon): KernelConfig {
  return nativeKernelConfig<'dy' | 'x' | 'gamma' | 'mean' | 'invStd', Pick<GroupNormAttrs, 'groups'>>(
    GroupNormGrad,
    ['dy', 'x', 'gamma', 'mean', 'invStd'],
    ({ dy, x, gamma, mean, invStd }, backend, { groups }) => {
      const { batch, channels } = dimensions(GroupNormGrad, x, gamma, groups);
      const values = (t: TensorInfo, name: string) => float32Values(backend, t, GroupNormGrad, name);
      const dx = new Float32Array(util.sizeFromShape(x.shape));
      const dgamma = new Float32Array(channels);
      const dbeta = new Float32Array(channels);
      addon.groupNormBackward(
        values(dy, 'dy'),
        values(x, 'x'),
        values(gamma, 'gamma'),
        values(mean, 'mean'),
        values(invStd, 'invStd'),
        dx,
        dgamma,
        dbeta,
        batch,
        groups,
      );
      return [
        backend.makeTensorInfo(x.shape, 'float32', dx),
        backend.makeTensorInfo([channels], 'float32', dgamma),
        backend.makeTensorInfo([channels], 'float32', dbeta),
      ];
    },
  );
}
