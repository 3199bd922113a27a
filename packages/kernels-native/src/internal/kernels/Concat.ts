import { backend_util, Concat, util } from '@tensorflow/tfjs-core';
import type { ConcatAttrs, KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';

import type { NativeAddon } from '../nativeAddon';
import { nativeKernelConfig, Unsupported } from '../nativeKernelConfig';

/**
 * Concat of float32 tensors as threaded row copies: along `axis`, each input is
 * `[outer, size · inner]` and output row o is the inputs' rows o side by side. tfjs's kernel copies
 * element by element; other dtypes and empty inputs go to it.
 */
export function concatConfig(addon: NativeAddon): KernelConfig {
  return nativeKernelConfig<never, ConcatAttrs>(Concat, [], (inputs, backend, { axis }) => {
    const tensors = Object.values(inputs) as TensorInfo[];
    if (tensors.length < 2) return new Unsupported('fewer than two inputs');
    const parts: Float32Array[] = [];
    for (const t of tensors) {
      const values = backend.data.get(t.dataId)?.values;
      if (!(values instanceof Float32Array)) return new Unsupported(`dtype ${t.dtype}`);
      if (values.length === 0) return new Unsupported('an empty input');
      parts.push(values);
    }
    const dim = util.parseAxisParam(axis, tensors[0]!.shape)[0]!;
    const shapes = tensors.map((t) => t.shape);
    backend_util.assertParamsConsistent(shapes, dim);
    const outShape = backend_util.computeOutShape(shapes, dim);
    const out = new Float32Array(util.sizeFromShape(outShape));
    addon.concatSplit(parts, out, util.sizeFromShape(outShape.slice(0, dim)), true);
    return backend.makeTensorInfo(outShape, 'float32', out);
  });
}
