import { backend_util, SplitV, util } from '@tensorflow/tfjs-core';
import type { KernelConfig, SplitVAttrs, TensorInfo } from '@tensorflow/tfjs-core';

import { nativeKernelConfig, Unsupported } from '../nativeKernelConfig';

/**
 * SplitV on the cpu backend as contiguous block copies: splitting `[outer, axis, inner]` copies
 * `size · inner` values per outer index. tfjs's kernel slices element by element and took a third of
 * a 3D U-Net training step (it is the gradient of the skip concatenation).
 */
export function splitVConfig(): KernelConfig {
  return nativeKernelConfig<'x', SplitVAttrs>(SplitV, ['x'], ({ x }, backend, { numOrSizeSplits, axis }) => {
    const values = backend.data.get(x.dataId)?.values;
    if (!(values instanceof Float32Array || values instanceof Int32Array)) {
      return new Unsupported(`dtype ${x.dtype}`);
    }
    const dim = util.parseAxisParam(axis, x.shape)[0]!;
    const sizes = backend_util.prepareSplitSize(x as never, numOrSizeSplits, dim);
    const outer = util.sizeFromShape(x.shape.slice(0, dim));
    const inner = util.sizeFromShape(x.shape.slice(dim + 1));
    const rowLength = x.shape[dim]! * inner;
    const outputs: TensorInfo[] = [];
    let offset = 0;
    for (const size of sizes) {
      const block = size * inner;
      const out = new (values.constructor as Float32ArrayConstructor | Int32ArrayConstructor)(outer * block);
      for (let o = 0; o < outer; o++) {
        const from = o * rowLength + offset * inner;
        out.set(values.subarray(from, from + block), o * block);
      }
      const shape = [...x.shape];
      shape[dim] = size;
      outputs.push(backend.makeTensorInfo(shape, x.dtype, out));
      offset += size;
    }
    return outputs;
  });
}
