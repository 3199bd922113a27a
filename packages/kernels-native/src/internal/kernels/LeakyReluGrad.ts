import { engine, getBackend, getGradient, getKernel, LeakyRelu } from '@tensorflow/tfjs-core';
import type { GradConfig, KernelConfig, LeakyReluAttrs, NamedAttrMap, Tensor } from '@tensorflow/tfjs-core';

import { float32Values } from '../cpuBackend';
import type { NativeAddon } from '../nativeAddon';
import { nativeKernelConfig } from '../nativeKernelConfig';

/** Our kernel (no tfjs equivalent): inputs `dy` and `x`, attr `alpha`; dx = x > 0 ? dy : alpha · dy. */
export const LeakyReluGrad = 'LeakyReluGrad';

export function leakyReluGradConfig(addon: NativeAddon): KernelConfig {
  return nativeKernelConfig<'dy' | 'x', LeakyReluAttrs>(
    LeakyReluGrad,
    ['dy', 'x'],
    ({ dy, x }, backend, { alpha }) => {
      const dyValues = float32Values(backend, dy, LeakyReluGrad, 'dy');
      const dx = new Float32Array(dyValues.length);
      addon.leakyReluGrad(dyValues, float32Values(backend, x, LeakyReluGrad, 'x'), dx, alpha);
      return backend.makeTensorInfo(x.shape, 'float32', dx);
    },
  );
}

/**
 * The LeakyRelu gradient as one `LeakyReluGrad` kernel call where the active backend has that
 * kernel (tfjs's gradient is Greater + Select + Multiply, three passes and two temporaries over
 * every activation); on other backends, the gradient registered when this was called (tfjs's).
 * Gradients are global in tfjs, not per backend, hence the check.
 */
export function leakyReluGradientConfig(): GradConfig {
  const fallback = getGradient(LeakyRelu);
  return {
    kernelName: LeakyRelu,
    inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs) => {
      if (getKernel(LeakyReluGrad, getBackend()) === undefined) {
        if (!fallback) {
          throw new Error(`@nnunet-ts/kernels-native: no gradient for ${LeakyRelu} to fall back to`);
        }
        return fallback.gradFunc(dy, saved, attrs);
      }
      const [x] = saved;
      const { alpha } = attrs as unknown as LeakyReluAttrs;
      return {
        x: () =>
          engine().runKernel(LeakyReluGrad, { dy: dy as Tensor, x: x! }, {
            alpha,
          } as unknown as NamedAttrMap) as Tensor,
      };
    },
  };
}
