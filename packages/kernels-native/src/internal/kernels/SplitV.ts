import { backend_util, SplitV, util } from '@tensorflow/tfjs-core';
import type { KernelConfig, SplitVAttrs } from '@tensorflow/tfjs-core';

import type { NativeAddon } from '../nativeAddon';
import { nativeKernelConfig, Unsupported } from '../nativeKernelConfig';

/**
 * SplitV of float32 as threaded row copies, the inverse of Concat: splitting `[outer, axis, inner]`
 * copies `size · inner` values per outer index into each piece. tfjs's kernel slices element by
 * element and took a third of a 3D U-Net training step (it is the gradient of the skip
 * concatenation); other dtypes go to it.
 */
export function splitVConfig(addon: NativeAddon): KernelConfig {
  return nativeKernelConfig<'x', SplitVAttrs>(SplitV, ['x'], ({ x }, backend, { numOrSizeSplits, axis }) => {
    const values = backend.data.get(x.dataId)?.values;
    if (!(values instanceof Float32Array)) return new Unsupported(`dtype ${x.dtype}`);
    if (values.length === 0) return new Unsupported('empty input');
    const dim = util.parseAxisParam(axis, x.shape)[0]!;
    const sizes = backend_util.prepareSplitSize(x as never, numOrSizeSplits, dim);
    if (sizes.some((size) => size === 0)) return new Unsupported('an empty piece');
    const outer = util.sizeFromShape(x.shape.slice(0, dim));
    const shapes = sizes.map((size) => x.shape.map((d, i) => (i === dim ? size : d)));
    const pieces = shapes.map((shape) => new Float32Array(util.sizeFromShape(shape)));
    addon.concatSplit(pieces, values, outer, false);
    return pieces.map((piece, i) => backend.makeTensorInfo(shapes[i]!, 'float32', piece));
  });
}
