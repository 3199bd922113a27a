import { LeakyRelu } from '@tensorflow/tfjs-core';
import type { KernelConfig, LeakyReluAttrs } from '@tensorflow/tfjs-core';

import type { NativeAddon } from '../nativeAddon';
import { nativeKernelConfig, Unsupported } from '../nativeKernelConfig';

/** LeakyRelu on float32 as one threaded native pass (tfjs's is a single-threaded JavaScript loop). */
export function leakyReluConfig(addon: NativeAddon): KernelConfig {
  return nativeKernelConfig<'x', LeakyReluAttrs>(LeakyRelu, ['x'], ({ x }, backend, { alpha }) => {
    const values = backend.data.get(x.dataId)?.values;
    if (!(values instanceof Float32Array)) return new Unsupported(`dtype ${x.dtype}`);
    const y = new Float32Array(values.length);
    addon.leakyRelu(values, y, alpha);
    return backend.makeTensorInfo(x.shape, 'float32', y);
  });
}
