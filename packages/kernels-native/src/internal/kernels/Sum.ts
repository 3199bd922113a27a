import { backend_util, Sum, util } from '@tensorflow/tfjs-core';
import type { KernelConfig, SumAttrs } from '@tensorflow/tfjs-core';

import type { NativeAddon } from '../nativeAddon';
import { nativeKernelConfig, Unsupported } from '../nativeKernelConfig';

/**
 * Sum of float32 over a block of adjacent axes (all of them, the leading ones as in a bias
 * gradient, the spatial ones as in Dice sums) as one threaded native pass. tfjs's kernel first
 * transposes the reduced axes to the end, which took most of its time; other axis sets and dtypes
 * go to tfjs's kernel.
 */
export function sumConfig(addon: NativeAddon): KernelConfig {
  return nativeKernelConfig<'x', SumAttrs>(Sum, ['x'], ({ x }, backend, { axis, keepDims }) => {
    const values = backend.data.get(x.dataId)?.values;
    if (!(values instanceof Float32Array)) return new Unsupported(`dtype ${x.dtype}`);
    if (values.length === 0) return new Unsupported('empty input');
    const axes = [...util.parseAxisParam(axis, x.shape)].sort((a, b) => a - b);
    if (axes.length === 0) return new Unsupported('no axes');
    const first = axes[0]!;
    const last = axes[axes.length - 1]!;
    if (last - first + 1 !== axes.length) return new Unsupported(`axes [${axes}] are not adjacent`);
    const outer = util.sizeFromShape(x.shape.slice(0, first));
    const mid = util.sizeFromShape(x.shape.slice(first, last + 1));
    const inner = util.sizeFromShape(x.shape.slice(last + 1));
    const out = new Float32Array(outer * inner);
    addon.sumMiddle(values, out, outer, mid, inner);
    const [reducedShape] = backend_util.computeOutAndReduceShapes(x.shape, axes);
    const shape = keepDims ? backend_util.expandShapeToKeepDim(reducedShape, axes) : reducedShape;
    return backend.makeTensorInfo(shape, 'float32', out);
  });
}
