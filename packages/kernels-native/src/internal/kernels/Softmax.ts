import { Softmax } from '@tensorflow/tfjs-core';
import type { KernelConfig, SoftmaxAttrs } from '@tensorflow/tfjs-core';

import type { NativeAddon } from '../nativeAddon';
import { nativeKernelConfig, Unsupported } from '../nativeKernelConfig';

/**
 * Softmax of float32 over the last axis in one threaded native pass per row (tfjs's kernel runs
 * Max, Sub, Exp, Sum and a broadcasting RealDiv, each over the whole tensor).
 */
export function softmaxConfig(addon: NativeAddon): KernelConfig {
  return nativeKernelConfig<'logits', SoftmaxAttrs>(Softmax, ['logits'], ({ logits }, backend, { dim }) => {
    const values = backend.data.get(logits.dataId)?.values;
    if (!(values instanceof Float32Array)) return new Unsupported(`dtype ${logits.dtype}`);
    const rank = logits.shape.length;
    if (rank === 0 || (dim !== -1 && dim !== rank - 1))
      return new Unsupported(`dim ${dim} is not the last axis`);
    const length = logits.shape[rank - 1]!;
    if (values.length === 0) return new Unsupported('empty input');
    const y = new Float32Array(values.length);
    addon.softmaxRows(values, y, length);
    return backend.makeTensorInfo(logits.shape, 'float32', y);
  });
}
