import { Add, backend_util, Greater, Multiply, RealDiv, Sub, util } from '@tensorflow/tfjs-core';
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';

import type { NativeAddon } from '../nativeAddon';
import { nativeKernelConfig, Unsupported } from '../nativeKernelConfig';

/** Op and pairing codes of native/binary_elementwise.h. */
const OPS = { [Add]: 0, [Sub]: 1, [Multiply]: 2, [RealDiv]: 3, [Greater]: 4 } as const;
const PAIRINGS = { same: 0, scalar: 1, lastAxis: 2, perRow: 3 } as const;

/**
 * How `b` lines up with `a`: element for element, one value for all, one value per last-axis index
 * (a channel vector), or one value per last-axis row (`b` is `a` with a last axis of 1).
 */
function pairing(a: TensorInfo, b: TensorInfo): keyof typeof PAIRINGS | undefined {
  const size = util.sizeFromShape(b.shape);
  if (util.arraysEqual(a.shape, b.shape)) return 'same';
  if (size === 1) return 'scalar';
  const last = a.shape[a.shape.length - 1];
  const leading = b.shape.slice(0, -1).every((d) => d === 1);
  if (a.shape.length >= b.shape.length && leading && b.shape[b.shape.length - 1] === last) return 'lastAxis';
  if (b.shape[b.shape.length - 1] === 1 && util.arraysEqual(a.shape.slice(0, -1), b.shape.slice(0, -1))) {
    return 'perRow';
  }
  return undefined;
}

/**
 * A float32 binary op on the cpu backend as one threaded native loop, for the shapes a U-Net step
 * uses: equal shapes, a scalar on either side, a per-channel vector against a channels-last tensor
 * (bias, norm scale), and one value per voxel against all its channels (the softmax gradient).
 * tfjs's broadcasting kernels compute every index and ran at about 10–50 M values/s; other shapes
 * and dtypes go to tfjs's kernel. The results equal tfjs's exactly (one IEEE float32 operation).
 */
function binaryConfig(
  addon: NativeAddon,
  kernelName: keyof typeof OPS,
  outputDtype: 'float32' | 'bool',
): KernelConfig {
  return nativeKernelConfig<'a' | 'b', Record<string, never>>(kernelName, ['a', 'b'], ({ a, b }, backend) => {
    const av = backend.data.get(a.dataId)?.values;
    const bv = backend.data.get(b.dataId)?.values;
    if (!(av instanceof Float32Array) || !(bv instanceof Float32Array)) return new Unsupported('not float32');
    // put the larger operand first; ops are not symmetric, so remember the order
    const swapped = util.sizeFromShape(b.shape) > util.sizeFromShape(a.shape);
    const [big, small, bigValues, smallValues] = swapped ? [b, a, bv, av] : [a, b, av, bv];
    const kind = pairing(big, small);
    if (!kind) return new Unsupported(`broadcast of [${a.shape}] and [${b.shape}]`);
    if (bigValues.length === 0) return new Unsupported('empty input');
    // the result has the broadcast shape (a [1] against a [] is [1]), holding as many values as the larger input
    const outShape = backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
    if (util.sizeFromShape(outShape) !== bigValues.length) {
      return new Unsupported(`broadcast to [${outShape}]`);
    }
    const out =
      outputDtype === 'bool' ? new Uint8Array(bigValues.length) : new Float32Array(bigValues.length);
    const cols = big.shape[big.shape.length - 1] ?? 1;
    addon.binaryElementwise(OPS[kernelName], PAIRINGS[kind], swapped, bigValues, smallValues, out, cols);
    return backend.makeTensorInfo(outShape, outputDtype, out);
  });
}

/** Add, Sub, Multiply, RealDiv (float32) and Greater (bool) as threaded native loops. */
export function binaryElementwiseConfigs(addon: NativeAddon): KernelConfig[] {
  return [
    binaryConfig(addon, Add, 'float32'),
    binaryConfig(addon, Sub, 'float32'),
    binaryConfig(addon, Multiply, 'float32'),
    binaryConfig(addon, RealDiv, 'float32'),
    binaryConfig(addon, Greater, 'bool'),
  ];
}
