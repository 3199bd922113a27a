import { backend_util, Conv3D, util } from '@tensorflow/tfjs-core';
import type { Conv3DAttrs, KernelConfig } from '@tensorflow/tfjs-core';

import { geometryOf3D, unsupportedReason } from '../convGeometry';
import { float32Values } from '../cpuBackend';
import type { NativeAddon } from '../nativeAddon';
import { nativeKernelConfig, Unsupported } from '../nativeKernelConfig';

type Shape5 = [number, number, number, number, number];

/** Conv3D (NDHWC input, [kd, kh, kw, inC, outC] filter) on the cpu backend. */
export function conv3DConfig(addon: NativeAddon): KernelConfig {
  return nativeKernelConfig<'x' | 'filter', Conv3DAttrs>(
    Conv3D,
    ['x', 'filter'],
    ({ x, filter }, backend, { strides, pad, dilations }) => {
      const info = backend_util.computeConv3DInfo(
        x.shape as Shape5,
        filter.shape as Shape5,
        strides,
        dilations,
        pad,
      );
      const reason = unsupportedReason(info);
      if (reason) return new Unsupported(reason);
      const y = new Float32Array(util.sizeFromShape(info.outShape));
      addon.convForward(
        float32Values(backend, x, Conv3D, 'x'),
        float32Values(backend, filter, Conv3D, 'filter'),
        y,
        geometryOf3D(info),
      );
      return backend.makeTensorInfo(info.outShape, 'float32', y);
    },
  );
}
