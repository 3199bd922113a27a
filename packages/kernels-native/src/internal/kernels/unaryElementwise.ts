import { Exp, Neg } from '@tensorflow/tfjs-core';
import type { KernelConfig } from '@tensorflow/tfjs-core';

import type { NativeAddon } from '../nativeAddon';
import { nativeKernelConfig, Unsupported } from '../nativeKernelConfig';

/** Op codes of native/unary_elementwise.h. */
const OPS = { [Exp]: 0, [Neg]: 1 } as const;

/** A float32 unary op as one threaded native loop (tfjs's is a single-threaded JavaScript loop). */
function unaryConfig(addon: NativeAddon, kernelName: keyof typeof OPS): KernelConfig {
  return nativeKernelConfig<'x', Record<string, never>>(kernelName, ['x'], ({ x }, backend) => {
    const values = backend.data.get(x.dataId)?.values;
    if (!(values instanceof Float32Array)) return new Unsupported(`dtype ${x.dtype}`);
    const y = new Float32Array(values.length);
    addon.unaryElementwise(OPS[kernelName], values, y);
    return backend.makeTensorInfo(x.shape, 'float32', y);
  });
}

/** Exp and Neg of float32, which the softmax cross-entropy and its gradient run over every voxel. */
export function unaryElementwiseConfigs(addon: NativeAddon): KernelConfig[] {
  return [unaryConfig(addon, Exp), unaryConfig(addon, Neg)];
}
